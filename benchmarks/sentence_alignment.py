"""Sentence alignment measured against a gold set aligned by hand.

``python -m benchmarks.sentence_alignment [--errors]`` prints the figures RESULTS.md quotes.

The gold set (``fixtures/sentence_alignment/*.json``, one file per source) holds real
French–English paragraph pairs, verbatim, each with the beads a person drew: the French
and English sentences that translate each other, written out in full. Sentences are
found back in their paragraph, so gold and prediction are compared by character spans
and a splitter mistake counts against the alignment too.

A bead with French sentences A and English sentences B makes the links A × B; precision
and recall are over those links. Beads are also compared whole (same sentences on both
sides), and each splitter on its own (where sentences start, per language).
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "sentence_alignment"
LANGS = ("fr", "en")

Span = tuple[int, int]
# Sides of a bead, as spans in the paragraph's two texts.
BeadSpans = tuple[tuple[Span, ...], tuple[Span, ...]]


@dataclass(frozen=True)
class GoldParagraph:
    source: str
    number: int  # 1-based, within its source
    texts: dict[str, str]
    sentences: dict[str, tuple[Span, ...]]
    beads: tuple[BeadSpans, ...]

    @property
    def name(self) -> str:
        return f"{self.source} ¶{self.number}"


def load_gold(directory: Path = GOLD_DIR) -> list[GoldParagraph]:
    """Every paragraph pair of the gold set, in file order; ValueError names the file and
    paragraph whose sentences are not, in order, the whole of their paragraph."""
    paragraphs = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for number, entry in enumerate(data["paragraphs"], start=1):
            where = f"{path.name}, paragraph {number}"
            spans: dict[str, list[Span]] = {lang: [] for lang in LANGS}
            beads = [
                tuple(_locate(entry[lang], bead[lang], spans[lang], where) for lang in LANGS)
                for bead in entry["beads"]
            ]
            for lang in LANGS:
                _check_covered(entry[lang], spans[lang], f"{where} ({lang})")
            paragraphs.append(
                GoldParagraph(
                    path.stem,
                    number,
                    {lang: entry[lang] for lang in LANGS},
                    {lang: tuple(spans[lang]) for lang in LANGS},
                    tuple(beads),
                )
            )
    return paragraphs


def _locate(text: str, sentences: list[str], spans: list[Span], where: str) -> tuple[Span, ...]:
    """The spans of ``sentences``, searched in ``text`` after the sentences already found."""
    found = []
    for sentence in sentences:
        start = spans[-1][1] if spans else 0
        position = text.find(sentence, start)
        if sentence != sentence.strip() or position < 0 or text[start:position].strip():
            raise ValueError(f"{where}: {sentence!r} does not follow the previous sentence")
        spans.append((position, position + len(sentence)))
        found.append(spans[-1])
    return tuple(found)


def _check_covered(text: str, spans: list[Span], where: str) -> None:
    if text[spans[-1][1] if spans else 0 :].strip():
        raise ValueError(f"{where}: text after the last sentence")


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    right: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.right += len(gold & predicted)

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Report:
    paragraphs: int = 0
    links: Score = field(default_factory=Score)
    beads: Score = field(default_factory=Score)
    boundaries: dict[str, Score] = field(default_factory=lambda: {lang: Score() for lang in LANGS})
    sentences: dict[str, Score] = field(default_factory=lambda: {lang: Score() for lang in LANGS})
    gold_kinds: Counter = field(default_factory=Counter)
    found_kinds: Counter = field(default_factory=Counter)
    predicted_kinds: Counter = field(default_factory=Counter)
    by_source: dict[str, Score] = field(default_factory=dict)
    wrong: list[tuple[GoldParagraph, set[BeadSpans], set[BeadSpans]]] = field(default_factory=list)


def evaluate(paragraphs: Iterable[GoldParagraph]) -> Report:
    """Aligns every gold paragraph pair with the archive's aligner and scores the result."""
    from interviews.sentences import align_sentences

    report = Report()
    for paragraph in paragraphs:
        aligned = align_sentences(paragraph.texts)
        spans = {lang: tuple((s.start, s.end) for s in aligned.sentences[lang]) for lang in LANGS}
        predicted = {
            tuple(tuple(spans[lang][i] for i in bead.indices[lang]) for lang in LANGS)
            for bead in aligned.beads
        }
        gold = set(paragraph.beads)
        report.paragraphs += 1
        report.links.add(_links(gold), _links(predicted))
        report.by_source.setdefault(paragraph.source, Score()).add(_links(gold), _links(predicted))
        report.beads.add(gold, predicted)
        report.gold_kinds.update(_kind(bead) for bead in gold)
        report.found_kinds.update(_kind(bead) for bead in gold & predicted)
        report.predicted_kinds.update(_kind(bead) for bead in predicted)
        for lang in LANGS:
            report.sentences[lang].add(set(paragraph.sentences[lang]), set(spans[lang]))
            report.boundaries[lang].add(
                _boundaries(paragraph.sentences[lang]), _boundaries(spans[lang])
            )
        if gold != predicted:
            report.wrong.append((paragraph, gold - predicted, predicted - gold))
    return report


def _links(beads: set[BeadSpans]) -> set[tuple[Span, Span]]:
    return {(fr, en) for first, second in beads for fr in first for en in second}


def _kind(bead: BeadSpans) -> str:
    return f"{len(bead[0])}-{len(bead[1])}"


def _boundaries(spans: tuple[Span, ...]) -> set[int]:
    """Where a sentence starts, other than at the start of the paragraph."""
    return {start for start, _end in spans[1:]}


def format_report(report: Report, show_errors: bool = False) -> str:
    kinds = sorted(report.gold_kinds | report.predicted_kinds, key=_kind_order)
    sentences = {lang: report.sentences[lang].gold for lang in LANGS}
    lines = [
        f"Gold set: {len(report.by_source)} sources, {report.paragraphs} paragraph pairs, "
        f"{sentences['fr']} French and {sentences['en']} English sentences, "
        f"{report.links.gold} links, {report.beads.gold} beads",
        "",
        "| | precision | recall | F1 | gold / predicted / right |",
        "|---|---|---|---|---|",
        _row("Sentence links", report.links),
        _row("Beads, exact", report.beads),
        *(_row(f"Splitter {lang}, sentence starts", report.boundaries[lang]) for lang in LANGS),
        *(_row(f"Splitter {lang}, whole sentences", report.sentences[lang]) for lang in LANGS),
        "",
        "| Bead type (fr-en) | gold | predicted | gold found exactly |",
        "|---|---|---|---|",
        *(
            f"| {kind} | {report.gold_kinds[kind]} | {report.predicted_kinds[kind]} "
            f"| {report.found_kinds[kind]} |"
            for kind in kinds
        ),
        "",
        "| Source | links | link F1 |",
        "|---|---|---|",
        *(
            f"| {source} | {score.gold} | {score.f1:.3f} |"
            for source, score in sorted(report.by_source.items())
        ),
    ]
    if show_errors:
        for paragraph, missed, extra in report.wrong:
            lines += ["", f"{paragraph.name}:"]
            lines += [f"  gold      {_show(paragraph, bead)}" for bead in sorted(missed)]
            lines += [f"  predicted {_show(paragraph, bead)}" for bead in sorted(extra)]
    return "\n".join(lines)


def _row(label: str, score: Score) -> str:
    return (
        f"| {label} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} "
        f"| {score.gold} / {score.predicted} / {score.right} |"
    )


def _kind_order(kind: str) -> tuple[int, str]:
    return (kind != "1-1", kind)


def _show(paragraph: GoldParagraph, bead: BeadSpans) -> str:
    sides = [
        " | ".join(paragraph.texts[lang][start:end][:60] for start, end in spans) or "∅"
        for lang, spans in zip(LANGS, bead, strict=True)
    ]
    return f"{_kind(bead)}: {sides[0]}  <->  {sides[1]}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sentence_alignment")
    parser.add_argument("--errors", action="store_true", help="also list the wrong beads")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()
    print(format_report(evaluate(load_gold()), show_errors=args.errors))


if __name__ == "__main__":
    main()
