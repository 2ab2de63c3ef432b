"""Whether a translation a reader sees was reviewed: one answer for every place that shows
or hands out a translation (the reading view's column and exchanges, search hits,
citations; the list's "readable in" filter is
``Interview.objects.readable_in``).

A translated text is reviewed when the interview's translation into its language was
approved *and*, for a part of it, that exchange's text too: an approved interview whose
exchange was edited since (``needs_revision``) is not reviewed there. An original needs
no approval.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .languages import LANGS, other_language
from .models import Exchange, Interview, TranslationStatus

REVIEWED = TranslationStatus.REVIEWED


@dataclass(frozen=True)
class TranslationLabel:
    """What a reader is told about a translation in ``lang``: reviewed or not, and why."""

    lang: str
    status: str  # a TranslationStatus value
    reviewed: bool

    @property
    def text(self) -> Promise:
        if self.reviewed:
            return _("Reviewed translation")
        if self.status == TranslationStatus.MISSING:
            return _("Not translated yet")
        return _("Unreviewed translation")

    @property
    def detail(self) -> Promise:
        """The status in words ("Draft", "Needs revision"…)."""
        return TranslationStatus(self.status).label


def is_reviewed(interview_status: str, exchange_status: str | None = None) -> bool:
    """Whether a translation is reviewed, as a whole (``exchange_status`` None) or in one
    exchange."""
    return interview_status == REVIEWED and exchange_status in (None, REVIEWED)


def translation_label(
    lang: str, interview_status: str, exchange_status: str | None = None
) -> TranslationLabel:
    """The label of a translation into ``lang``, as a whole or in one exchange: the
    exchange's own status is the one that tells once the whole was approved."""
    reviewed = is_reviewed(interview_status, exchange_status)
    shown = exchange_status if exchange_status and interview_status == REVIEWED else None
    return TranslationLabel(lang, shown or interview_status, reviewed)


def interview_label(interview: Interview, lang: str) -> TranslationLabel | None:
    """The label of ``interview``'s text in ``lang``: None for its original."""
    if lang == interview.original_language:
        return None
    return translation_label(lang, getattr(interview, f"translation_status_{lang}"))


def exchange_label(interview: Interview, exchange: Exchange, lang: str) -> TranslationLabel | None:
    """The label of ``exchange``'s text in ``lang`` when it says something the interview's
    label does not (its status differs), else None."""
    whole = interview_label(interview, lang)
    if whole is None:
        return None
    status = getattr(exchange, f"status_{lang}")
    label = translation_label(lang, whole.status, status)
    # A missing text says so in its own cell.
    return None if label == whole or status == TranslationStatus.MISSING else label


def passage_labels(exchange_uids: Iterable[str]) -> dict[str, TranslationLabel]:
    """The label of each exchange's translation (its interview's translation language),
    by exchange uid: one query of statuses alone for a page of search hits."""
    rows = (
        Exchange.objects.filter(uid__in=set(exchange_uids))
        .order_by()
        .values_list(
            "uid",
            "interview__original_language",
            *(f"status_{code}" for code in LANGS),
            *(f"interview__translation_status_{code}" for code in LANGS),
        )
    )
    labels = {}
    for uid, original, *statuses in rows:
        exchange_status = dict(zip(LANGS, statuses[: len(LANGS)], strict=True))
        interview_status = dict(zip(LANGS, statuses[len(LANGS) :], strict=True))
        lang = other_language(original)
        labels[uid] = translation_label(lang, interview_status[lang], exchange_status[lang])
    return labels
