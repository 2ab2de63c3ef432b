"""Pairing an original article with its translation, exchange by exchange and paragraph by
paragraph."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from django.utils.translation import gettext as _

from .gale_church import align_paragraphs
from .guided import guided_alignment
from .hygiene import excerpt
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
            _("The original language must be one of %(langs)s, not “%(lang)s”.")
            % {"langs": ", ".join(LANGS), "lang": original}
        )
    sides = {"fr": fr, "en": en}
    for lang, article in sides.items():
        if article is not None and article.lang != lang:
            raise ImportProblem(
                _("%(place)s: given as the %(lang)s text.") % {"place": article.place, "lang": lang}
            )
    source = sides[original]
    if source is None:
        raise ImportProblem(_("%(lang)s: the original text is missing.") % {"lang": original})
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
    places = {"places": ", ".join(a.place for a in (source, target) if a)}
    warnings += [
        missing % places
        for missing, value in (
            (_("%(places)s: no publication date found."), published_on),
            (_("%(places)s: no outlet found."), outlet),
            (_("%(places)s: no interviewee found."), interviewees),
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
    # Where in the text: the exchange's number and its question, as the original words it.
    where = {"number": number, "lang": source.lang, "question": excerpt(ours.question)}
    if not _plausible(len(ours.question), len(theirs.question)):
        warnings.append(
            _(
                "Exchange %(number)s (%(lang)s “%(question)s”): the questions differ much in "
                "length (%(ours)s and %(theirs)s characters)."
            )
            % {**where, "ours": len(ours.question), "theirs": len(theirs.question)}
        )
    ours_length, theirs_length = (sum(map(len, e.answer)) for e in pair)
    if not _plausible(ours_length, theirs_length):
        raise ImportProblem(
            _(
                "Exchange %(number)s (%(lang)s “%(question)s”): the answers cannot be "
                "translations of each other (%(ours)s and %(theirs)s characters); are the "
                "exchanges in step? The %(other)s question there is “%(other_question)s”."
            )
            % {
                **where,
                "ours": ours_length,
                "theirs": theirs_length,
                "other": target.lang,
                "other_question": excerpt(theirs.question),
            }
        )

    beads = (
        [([i], [i]) for i in range(len(ours.answer))]
        if len(ours.answer) == len(theirs.answer)
        else align_paragraphs(ours.answer, theirs.answer)
    )
    source_units, target_units = [], []
    for source_indices, target_indices in beads:
        if not source_indices or not target_indices:
            lang, side, paragraph = (
                (source.lang, target.lang, ours.answer[source_indices[0]])
                if source_indices
                else (target.lang, source.lang, theirs.answer[target_indices[0]])
            )
            raise ImportProblem(
                _(
                    "Exchange %(number)s (%(lang)s “%(question)s”): the %(side)s text has "
                    "nothing facing the %(paragraph_lang)s paragraph “%(passage)s”."
                )
                % {**where, "side": side, "paragraph_lang": lang, "passage": excerpt(paragraph)}
            )
        if len(source_indices) > 1 or len(target_indices) > 1:
            warnings.append(
                _(
                    "Exchange %(number)s (%(lang)s “%(question)s”): the translation merges or "
                    "splits paragraphs (%(lang)s “%(ours)s”, %(other)s “%(theirs)s”); they were "
                    "joined."
                )
                % {
                    **where,
                    "ours": excerpt(ours.answer[source_indices[0]]),
                    "other": target.lang,
                    "theirs": excerpt(theirs.answer[target_indices[0]]),
                }
            )
        source_units.append(" ".join(ours.answer[i] for i in source_indices))
        target_units.append(" ".join(theirs.answer[i] for i in target_indices))
        if not _plausible(len(source_units[-1]), len(target_units[-1])):
            warnings.append(
                _(
                    "Exchange %(number)s (%(lang)s “%(question)s”): the paragraph “%(passage)s” "
                    "and its translation differ much in length (%(ours)s and %(theirs)s "
                    "characters)."
                )
                % {
                    **where,
                    "passage": excerpt(source_units[-1]),
                    "ours": len(source_units[-1]),
                    "theirs": len(target_units[-1]),
                }
            )

    aligned = AlignedExchange(
        question={source.lang: ours.question, target.lang: theirs.question},
        answer={source.lang: source_units, target.lang: target_units},
    )
    return aligned, warnings


def _plausible(original_length: int, translation_length: int) -> bool:
    if max(original_length, translation_length) < MIN_JUDGED_LENGTH:
        return True
    low, high = RATIO_BOUNDS
    return low <= translation_length / max(1, original_length) <= high


def _metadata_disagreements(source: ParsedArticle, target: ParsedArticle) -> list[str]:
    if source.published_on and target.published_on and source.published_on != target.published_on:
        return [
            _(
                "%(place)s: published on %(date)s but %(original)s on %(original_date)s; the "
                "original’s date was kept."
            )
            % {
                "place": target.place,
                "date": target.published_on.isoformat(),
                "original": source.place,
                "original_date": source.published_on.isoformat(),
            }
        ]
    return []
