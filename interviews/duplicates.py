"""Imports already in the archive: the same source file, the same text, or the same title,
outlet and date as an interview it holds."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from .importing import AlignedInterview
from .models import Interview, SourceDocument
from .sources import RawSource

# Soft hyphens and zero-width characters split no word: a copy that has them is the same text.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_WORD = re.compile(r"\w+")

ALREADY = gettext_noop(
    "already in the archive: %(title)s (%(outlet)s, %(date)s), imported %(when)s, %(status)s"
)


class IfExists(models.TextChoices):
    """What an import does when it matches an interview already in the archive."""

    REFUSE = "refuse", gettext_lazy("Do not import it")
    REPLACE = "replace", gettext_lazy("Replace the existing draft with this import")
    KEEP_BOTH = "keep-both", gettext_lazy("Import it as another interview (keep both)")


class Reason(models.TextChoices):
    """Why an import matches an interview, the surest first."""

    SOURCE = "source", gettext_lazy("the same source file")
    TEXT = "text", gettext_lazy("the same text")
    TITLE = "title", gettext_lazy("the same title, outlet and date")


def _words(text: str) -> str:
    """``text``'s words, whatever their spacing, case, punctuation or typography."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    return " ".join(_WORD.findall(text))


def text_fingerprint(texts: Iterable[str]) -> str:
    """A hash of the words of ``texts`` in order ("" when there are none)."""
    words = _words(" ".join(texts))
    return hashlib.sha256(words.encode("utf-8")).hexdigest() if words else ""


def aligned_fingerprint(aligned: AlignedInterview, lang: str) -> str:
    """The fingerprint of the questions and answers of ``aligned`` in ``lang``: its
    paragraphs may be split or joined differently, it is the same text."""
    return text_fingerprint(
        text
        for exchange in aligned.exchanges
        for text in (exchange.question[lang], *exchange.answer[lang])
    )


@dataclass(frozen=True)
class Match:
    """An interview of the archive that an import matches, and why."""

    interview: Interview
    reasons: tuple[Reason, ...]

    def _parts(self) -> dict[str, str]:
        interview = self.interview
        return {
            "title": str(interview.display_title),
            "outlet": interview.outlet.name,
            "date": date_format(interview.published_on, "DATE_FORMAT")
            if interview.published_on
            else _("no date"),
            "when": date_format(localtime(interview.created_at), "DATETIME_FORMAT"),
            "status": str(interview.get_status_display()).lower(),
        }

    def describe(self) -> str:
        return _(ALREADY) % self._parts()

    def describe_html(self) -> SafeString:
        """As ``describe``, the title a link to the interview's editor."""
        parts = {name: conditional_escape(value) for name, value in self._parts().items()}
        url = reverse("editing:translate", args=[self.interview.slug])
        parts["title"] = format_html('<a href="{}">{}</a>', url, self._parts()["title"])
        return mark_safe(_(ALREADY) % parts)  # every part escaped above

    @property
    def reasons_text(self) -> str:
        return ", ".join(str(reason.label) for reason in self.reasons)

    def as_json(self) -> dict[str, object]:
        interview = self.interview
        return {
            "slug": interview.slug,
            "title": str(interview.display_title),
            "outlet": interview.outlet.name,
            "published_on": interview.published_on.isoformat() if interview.published_on else None,
            "created_at": interview.created_at.isoformat(),
            "status": interview.status,
            "reasons": [reason.value for reason in self.reasons],
            "message": self.describe(),
        }


def find_duplicates(
    aligned: AlignedInterview, sources: list[RawSource], *, outlet: str | None = None
) -> list[Match]:
    """The interviews that ``aligned``, read from ``sources``, would duplicate: a source
    with the same bytes or the same text, or the same title, outlet and date. ``outlet``
    names the outlet when the article does not, as for the import."""
    found: dict[int, set[Reason]] = defaultdict(set)
    hashes = {source.sha256 for source in sources}
    fingerprints = {source.lang: aligned_fingerprint(aligned, source.lang) for source in sources}
    same_text = Q()
    for lang, fingerprint in fingerprints.items():
        if fingerprint:
            same_text |= Q(lang=lang, fingerprint=fingerprint)
    rows = SourceDocument.objects.filter(Q(sha256__in=hashes) | same_text)
    for pk, sha256, lang, fingerprint in rows.values_list(
        "interview", "sha256", "lang", "fingerprint"
    ):
        if sha256 in hashes:
            found[pk].add(Reason.SOURCE)
        if fingerprint and fingerprints.get(lang) == fingerprint:
            found[pk].add(Reason.TEXT)
    for pk in _same_title(aligned, (outlet or aligned.outlet or "").strip()):
        found[pk].add(Reason.TITLE)
    interviews = Interview.objects.select_related("outlet").in_bulk(found)
    return [
        Match(interviews[pk], tuple(reason for reason in Reason if reason in found[pk]))
        for pk in sorted(found)
    ]


def _same_title(aligned: AlignedInterview, outlet: str) -> list[int]:
    titles = {_words(title) for title in aligned.title.values()} - {""}
    if not titles or not outlet:
        return []
    same_day = (
        Q(published_on=aligned.published_on)
        if aligned.published_on
        else Q(published_on__isnull=True)
    )
    candidates = Interview.objects.filter(same_day, outlet__name__iexact=outlet)
    fields = [f"title_{lang}" for lang in aligned.title]
    return [
        pk
        for pk, *candidate_titles in candidates.values_list("pk", *fields)
        if titles & {_words(title or "") for title in candidate_titles}
    ]
