"""Pairing an original article with its translation, exchange by exchange and paragraph by
paragraph."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from .gale_church import align_paragraphs
from .guided import guided_alignment
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
        if len(source.exchanges) == len(target.exchanges):
            exchanges = []
            pairs = zip(source.exchanges, target.exchanges, strict=True)
            for number, pair in enumerate(pairs, start=1):
                exchange, exchange_warnings = _align_exchange(number, pair, source, target)
                exchanges.append(exchange)
                warnings += exchange_warnings
        else:
            guided = guided_alignment(source, target)
            exchanges, warnings = guided.exchanges, warnings + guided.warnings
            follower = target if guided.follower == target.lang else source
            sides[follower.lang] = replace(follower, standfirst=guided.standfirst)
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
