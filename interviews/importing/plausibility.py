"""Is the translation a translation of this article? Numbers, months, names, quoted titles,
web addresses and cognates of the original should be found in its translation, and the
translation's in the original: how many are is the score, exchange by exchange and for the
whole interview.

The alignment only compares lengths, so a translation of another article of the same
shape would pass it. Anchors catch it, but two articles on one subject share many (names,
dates, the subject's words): what tells a translation is that each exchange shares far more
with the exchange facing it than with the others. So the score of the exchanges as aligned
is compared with a baseline, the score of each exchange against its neighbours' translations.
Calibrated on real pairs and on mismatched pairs built from them
(tests/importing/test_plausibility.py holds the separation).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .anchors import KINDS, Anchor, Kind, anchors, cognate_keys, fold
from .records import AlignedInterview

# How much one anchor of each kind weighs: a number or a date is rarely changed by a
# translator, a name sometimes is (Maroc, Morocco), a cognate often is not one.
WEIGHTS: dict[Kind, float] = {
    "numbers": 3.0,
    "dates": 3.0,
    "links": 3.0,
    "names": 2.0,
    "titles": 1.0,
    "cognates": 0.5,
}
# Below this much weighed evidence (both sides together) a score is not given.
MIN_EVIDENCE = 12.0
# How far the aligned score must rise above the baseline. On the calibration pairs every
# real translation rose at least 0.27 above it, every mismatched pair at most 0.26 (two
# statements of one day on one subject), all but 11 of 681 under 0.14.
REFUSED_MARGIN = 0.14
DOUBTFUL_MARGIN = 0.265
# With a single judged passage there is no baseline: the aligned score alone decides.
# Real pairs scored 0.48 and more, mismatched ones up to 0.47 (same-subject statements).
ALONE_REFUSED = 0.2
ALONE_DOUBTFUL = 0.45
# Each passage is also compared with the translations of the passages this far after it.
SHIFTS = (1, 2)


class Verdict(enum.StrEnum):
    PLAUSIBLE = "plausible"
    DOUBTFUL = "doubtful"
    REFUSED = "refused"
    UNJUDGED = "unjudged"


@dataclass(frozen=True)
class Correspondence:
    """One kind of anchor between the two sides: what the original has that was found on
    the other side, what each side has that the other lacks (as each writes it), and how
    many each side has, and has found on the other."""

    kind: Kind
    matched: tuple[str, ...]
    missing: dict[str, tuple[str, ...]]
    found: dict[str, int]
    total: dict[str, int]


@dataclass(frozen=True)
class PassageCheck:
    """An exchange (``number`` from 1) or the heading (0: title and standfirst)."""

    number: int
    score: float | None
    evidence: tuple[Correspondence, ...]


@dataclass(frozen=True)
class Plausibility:
    """``score``: the share of anchors found in the passage facing theirs; ``baseline``:
    the same share between passages that do not face each other (None with fewer than two
    passages); ``evidence``: every passage's anchors, pooled by kind."""

    original: str
    translation: str
    score: float | None
    baseline: float | None
    verdict: Verdict
    passages: tuple[PassageCheck, ...]
    evidence: tuple[Correspondence, ...]

    def least_plausible(self) -> list[PassageCheck]:
        """The exchanges that share no more with their translation than with another
        exchange's, the least plausible first."""
        limit = ALONE_REFUSED if self.baseline is None else self.baseline + REFUSED_MARGIN
        doubtful = [
            passage
            for passage in self.passages
            if passage.number and passage.score is not None and passage.score < limit
        ]
        return sorted(doubtful, key=lambda passage: (passage.score, passage.number))

    def of_kind(self, kind: Kind) -> Correspondence:
        return next(each for each in self.evidence if each.kind == kind)


@dataclass(frozen=True)
class _Side:
    lang: str
    anchors: dict[Kind, dict[str, str]]
    words: frozenset[str]
    cognates: frozenset[str]

    @classmethod
    def read(cls, texts: Iterable[str], *, lang: str, names: Iterable[str]) -> _Side:
        found: dict[Kind, dict[str, str]] = {kind: {} for kind in KINDS}
        words: set[str] = set()
        for text in texts:
            anchor: Anchor
            for anchor in anchors(text, lang=lang, names=names):
                found[anchor.kind].setdefault(anchor.key, anchor.text)
            words.update(fold(word).strip(".,;:!?«»“”\"'’()[]") for word in text.split())
        cognates = frozenset().union(*map(cognate_keys, words))
        return cls(lang, found, frozenset(words), cognates)

    def has(self, kind: Kind, key: str) -> bool:
        """Whether this side has a counterpart of the other side's anchor ``key``."""
        if key in self.anchors[kind] or (kind == "names" and key in self.words):
            return True
        if kind in ("names", "cognates"):
            return not cognate_keys(key).isdisjoint(self.cognates)
        if kind == "titles":
            return any(_share_a_word(key, other) for other in self.anchors["titles"])
        return False


def _share_a_word(title: str, other: str) -> bool:
    return bool({word for word in title.split() if len(word) > 3} & set(other.split()))


def _compare(original: _Side, translation: _Side) -> tuple[Correspondence, ...]:
    result = []
    for kind in KINDS:
        missing: dict[str, tuple[str, ...]] = {}
        found, total = {}, {}
        for side, other in ((original, translation), (translation, original)):
            has = {key: other.has(kind, key) for key in side.anchors[kind]}
            missing[side.lang] = tuple(
                side.anchors[kind][key] for key, yes in has.items() if not yes
            )
            found[side.lang], total[side.lang] = sum(has.values()), len(has)
        matched = tuple(
            text for key, text in original.anchors[kind].items() if translation.has(kind, key)
        )
        result.append(Correspondence(kind, matched, missing, found, total))
    return tuple(result)


def _pooled(evidence: Iterable[Correspondence]) -> tuple[Correspondence, ...]:
    by_kind: dict[Kind, list[Correspondence]] = {kind: [] for kind in KINDS}
    for correspondence in evidence:
        by_kind[correspondence.kind].append(correspondence)
    return tuple(
        Correspondence(
            kind,
            tuple(text for each in group for text in each.matched),
            {
                lang: tuple(text for each in group for text in each.missing.get(lang, ()))
                for lang in {lang for each in group for lang in each.missing}
            },
            {lang: sum(each.found.get(lang, 0) for each in group) for lang in _langs(group)},
            {lang: sum(each.total.get(lang, 0) for each in group) for lang in _langs(group)},
        )
        for kind, group in by_kind.items()
    )


def _langs(group: list[Correspondence]) -> set[str]:
    return {lang for each in group for lang in each.total}


def score(evidence: Iterable[Correspondence]) -> float | None:
    """The weighed share of anchors with a counterpart, or None with too little evidence."""
    found = total = 0.0
    for correspondence in evidence:
        found += WEIGHTS[correspondence.kind] * sum(correspondence.found.values())
        total += WEIGHTS[correspondence.kind] * sum(correspondence.total.values())
    return found / total if total >= MIN_EVIDENCE else None


def assess_passages(
    passages: Sequence[dict[str, list[str]]],
    *,
    original: str,
    translation: str,
    names: Iterable[str] = (),
    first: int = 1,
) -> Plausibility:
    """How plausibly the translation's passages translate the original's, facing them.

    ``passages``: each passage's texts by language, numbered from ``first``; ``names``:
    names known from the metadata (anchors wherever they stand).
    """
    names = tuple(names)
    sides = [
        (_Side.read(texts[original], lang=original, names=names),
         _Side.read(texts[translation], lang=translation, names=names))
        for texts in passages
    ]  # fmt: skip
    checks = []
    for number, (ours, theirs) in enumerate(sides, start=first):
        evidence = _compare(ours, theirs)
        checks.append(PassageCheck(number, score(evidence), evidence))
    evidence = _pooled(each for check in checks for each in check.evidence)
    aligned_score = score(evidence)
    # An empty passage (a heading without standfirst, say) would lower the baseline.
    full = [pair for pair in sides if all(any(side.anchors.values()) for side in pair)]
    shifted = [
        _compare(ours, full[(index + shift) % len(full)][1])
        for index, (ours, _theirs) in enumerate(full)
        for shift in SHIFTS
        if shift < len(full)
    ]
    baseline = score(each for evidence in shifted for each in evidence)
    verdict = _verdict(aligned_score, baseline)
    return Plausibility(
        original, translation, aligned_score, baseline, verdict, tuple(checks), evidence
    )


def assess_translation(aligned: AlignedInterview) -> Plausibility | None:
    """How plausibly ``aligned``'s translation translates its original, heading (passage
    0) and exchanges; None when there is no translation."""
    original = aligned.original
    translation = next(lang for lang in aligned.title if lang != original)
    if not any(exchange.question[translation] for exchange in aligned.exchanges):
        return None
    heading = {lang: [aligned.title[lang], aligned.standfirst[lang]] for lang in aligned.title}
    exchanges = [
        {lang: [question, *exchange.answer[lang]] for lang, question in exchange.question.items()}
        for exchange in aligned.exchanges
    ]
    names = [*aligned.interviewees, *filter(None, [aligned.interviewer, aligned.outlet])]
    return assess_passages(
        [heading, *exchanges], original=original, translation=translation, names=names, first=0
    )


def _verdict(aligned_score: float | None, baseline: float | None) -> Verdict:
    if aligned_score is None:
        return Verdict.UNJUDGED
    if baseline is None:
        refused, doubtful = ALONE_REFUSED, ALONE_DOUBTFUL
    else:
        refused, doubtful = baseline + REFUSED_MARGIN, baseline + DOUBTFUL_MARGIN
    if aligned_score < refused:
        return Verdict.REFUSED
    return Verdict.DOUBTFUL if aligned_score < doubtful else Verdict.PLAUSIBLE


def plausibility_json(plausibility: Plausibility) -> dict[str, object]:
    """``plausibility`` as plain JSON data, for the import command's --json."""
    return {
        "verdict": plausibility.verdict.value,
        "score": _rounded(plausibility.score),
        "baseline": _rounded(plausibility.baseline),
        "least_plausible": [passage.number for passage in plausibility.least_plausible()],
        "passages": [
            {"number": passage.number, "score": _rounded(passage.score)}
            for passage in plausibility.passages
        ],
        "evidence": {
            each.kind: {"matched": list(each.matched), "missing": dict(each.missing)}
            for each in plausibility.evidence
        },
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
