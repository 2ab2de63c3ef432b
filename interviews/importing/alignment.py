"""Pairing an original article with its translation, exchange by exchange and paragraph by
paragraph."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TypeVar

from .parsing import LANGS
from .plausibility import assess_translation
from .records import (
    AlignedExchange,
    AlignedInterview,
    ImportProblem,
    ParsedArticle,
    ParsedExchange,
)

# A translation is rarely less than half or more than twice as long as its original; past
# these bounds the two texts are not saying the same thing. Very short texts vary too much
# to judge.
RATIO_BOUNDS = (0.4, 2.5)
MIN_JUDGED_LENGTH = 40

# Gale & Church (1993): how often each kind of bead occurs between translated texts, and
# the variance of the length of a translation per character of original.
BEAD_PRIORS = {(1, 1): 0.89, (1, 2): 0.089, (2, 1): 0.089, (1, 0): 0.0099, (0, 1): 0.0099}
VARIANCE_PER_CHARACTER = 6.8

Bead = tuple[list[int], list[int]]
T = TypeVar("T")


def align_interview(
    fr: ParsedArticle | None, en: ParsedArticle | None, *, original: str
) -> AlignedInterview:
    """Pairs the exchanges of an original with those of its translation, if any.

    Raises ImportProblem when the translation does not follow the original: another number
    of exchanges, answers of implausible lengths, paragraphs left without counterpart.
    """
    if original not in LANGS:
        raise ImportProblem(
            f"original language must be one of {', '.join(LANGS)}, not {original!r}"
        )
    sides = {"fr": fr, "en": en}
    for lang, article in sides.items():
        if article is not None and article.lang != lang:
            raise ImportProblem(f"{article.place}: given as the {lang} text")
    source = sides[original]
    if source is None:
        raise ImportProblem(f"{original}: the original text is missing")
    target_lang = next(lang for lang in LANGS if lang != original)
    target = sides[target_lang]

    warnings = [*source.warnings, *(target.warnings if target else [])]
    if target is None:
        exchanges = [
            AlignedExchange(
                question=_by_lang(original, exchange.question, ""),
                answer=_by_lang(original, list(exchange.answer), []),
            )
            for exchange in source.exchanges
        ]
    else:
        _check_exchange_counts(source, target)
        exchanges = []
        pairs = zip(source.exchanges, target.exchanges, strict=True)
        for number, pair in enumerate(pairs, start=1):
            exchange, exchange_warnings = _align_exchange(number, pair, source, target)
            exchanges.append(exchange)
            warnings += exchange_warnings
        warnings += _metadata_disagreements(source, target)

    backup = target or source
    outlet = source.outlet or backup.outlet
    published_on = source.published_on or backup.published_on
    interviewees = list(source.interviewees or backup.interviewees)
    either = f" in {source.place} nor {target.place}" if target else f" in {source.place}"
    warnings += [
        f"no {what} found{either}"
        for what, value in (
            ("publication date", published_on),
            ("outlet", outlet),
            ("interviewee", interviewees),
        )
        if not value
    ]
    aligned = AlignedInterview(
        original=original,
        title={lang: article.title if article else "" for lang, article in sides.items()},
        standfirst={lang: article.standfirst if article else "" for lang, article in sides.items()},
        outlet=outlet,
        published_on=published_on,
        interviewees=interviewees,
        interviewer=source.interviewer or backup.interviewer,
        source_url=source.source_url or backup.source_url,
        exchanges=exchanges,
        warnings=warnings,
        provenance={**backup.provenance, **source.provenance},  # found values only: each side's
    )
    return replace(aligned, plausibility=assess_translation(aligned))


def _by_lang(lang: str, value: T, other: T) -> dict[str, T]:
    return {each: value if each == lang else other for each in LANGS}


def _check_exchange_counts(source: ParsedArticle, target: ParsedArticle) -> None:
    if len(source.exchanges) == len(target.exchanges):
        return

    def lines(article: ParsedArticle) -> str:
        return ", ".join(str(exchange.line) for exchange in article.exchanges)

    raise ImportProblem(
        f"{target.place}: {len(target.exchanges)} exchanges found (lines {lines(target)}) "
        f"but {source.place} has {len(source.exchanges)} (lines {lines(source)})"
    )


def _align_exchange(
    number: int,
    pair: tuple[ParsedExchange, ParsedExchange],
    source: ParsedArticle,
    target: ParsedArticle,
) -> tuple[AlignedExchange, list[str]]:
    ours, theirs = pair
    warnings = []
    where = f"exchange {number} ({source.lang} line {ours.line}, {target.lang} line {theirs.line})"
    if not _plausible(len(ours.question), len(theirs.question)):
        warnings.append(
            f"{where}: the questions differ much in length "
            f"({len(ours.question)} and {len(theirs.question)} characters)"
        )
    ours_length, theirs_length = (sum(map(len, e.answer)) for e in pair)
    if not _plausible(ours_length, theirs_length):
        raise ImportProblem(
            f"{where}: the answers cannot be translations of each other "
            f"({ours_length} and {theirs_length} characters); are the exchanges in step?"
        )

    beads = (
        [([i], [i]) for i in range(len(ours.answer))]
        if len(ours.answer) == len(theirs.answer)
        else align_paragraphs(ours.answer, theirs.answer)
    )
    source_units, target_units = [], []
    for source_indices, target_indices in beads:
        if not source_indices or not target_indices:
            lang, side, indices = (
                (source.lang, target.lang, source_indices)
                if source_indices
                else (target.lang, source.lang, target_indices)
            )
            raise ImportProblem(
                f"{where}: {lang} answer paragraph {indices[0] + 1} has no counterpart in {side}"
            )
        if len(source_indices) > 1 or len(target_indices) > 1:
            warnings.append(
                f"{where}: the translation merges or splits paragraphs ({source.lang} "
                f"{_span(source_indices)} ↔ {target.lang} {_span(target_indices)}); joined them"
            )
        source_units.append(" ".join(ours.answer[i] for i in source_indices))
        target_units.append(" ".join(theirs.answer[i] for i in target_indices))
        if not _plausible(len(source_units[-1]), len(target_units[-1])):
            warnings.append(
                f"{where}: answer paragraph {len(source_units)} differs much in length "
                f"({len(source_units[-1])} and {len(target_units[-1])} characters)"
            )

    aligned = AlignedExchange(
        question={source.lang: ours.question, target.lang: theirs.question},
        answer={source.lang: source_units, target.lang: target_units},
    )
    return aligned, warnings


def _span(indices: list[int]) -> str:
    first, last = indices[0] + 1, indices[-1] + 1
    return f"{first}–{last}" if last != first else str(first)


def _plausible(original_length: int, translation_length: int) -> bool:
    if max(original_length, translation_length) < MIN_JUDGED_LENGTH:
        return True
    low, high = RATIO_BOUNDS
    return low <= translation_length / max(1, original_length) <= high


def _metadata_disagreements(source: ParsedArticle, target: ParsedArticle) -> list[str]:
    if source.published_on and target.published_on and source.published_on != target.published_on:
        return [
            f"{target.place}: published on {target.published_on.isoformat()} but {source.place} "
            f"on {source.published_on.isoformat()}; kept the original's date"
        ]
    return []


def align_paragraphs(src: list[str], tgt: list[str]) -> list[Bead]:
    """Gale–Church length-based alignment of two paragraph lists.

    Returns beads (source indices, target indices) in order, covering every paragraph once:
    1-1, 1-2 and 2-1 beads are alignments; a 1-0 or 0-1 bead is a paragraph the other side
    lacks, which callers report as a failure. The expected length ratio is taken from the
    two texts themselves, since French runs longer than English.
    """
    total_src, total_tgt = sum(map(len, src)), sum(map(len, tgt))
    ratio = total_tgt / total_src if total_src and total_tgt else 1.0

    # cost[i][j]: cheapest alignment of src[:i] with tgt[:j]; step[i, j]: its last bead.
    cost = [[math.inf] * (len(tgt) + 1) for _ in range(len(src) + 1)]
    step: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0][0] = 0.0
    for i in range(len(src) + 1):
        for j in range(len(tgt) + 1):
            for (di, dj), prior in BEAD_PRIORS.items():
                if i < di or j < dj or cost[i - di][j - dj] == math.inf:
                    continue
                source_length = sum(len(text) for text in src[i - di : i])
                target_length = sum(len(text) for text in tgt[j - dj : j])
                candidate = cost[i - di][j - dj] + _bead_cost(
                    source_length, target_length, prior, ratio
                )
                if candidate < cost[i][j]:
                    cost[i][j], step[i, j] = candidate, (di, dj)

    beads: list[Bead] = []
    i, j = len(src), len(tgt)
    while i or j:
        di, dj = step[i, j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def _bead_cost(source_length: int, target_length: int, prior: float, ratio: float) -> float:
    """-log P(bead kind) - log P(length difference | bead kind), as Gale and Church define it."""
    mean = (source_length + target_length / ratio) / 2
    if mean == 0:
        return -math.log(prior)
    delta = (ratio * source_length - target_length) / math.sqrt(mean * VARIANCE_PER_CHARACTER)
    probability = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(prior) - math.log(max(probability, 1e-300))
