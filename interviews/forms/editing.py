"""The editing forms: one exchange's text, approvals, and the dashboard filter."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..languages import LANGS
from ..models import Exchange, Interview
from ..paragraphs import join_paragraphs, split_paragraphs
from ..progress import needing

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _normalized(text: str) -> str:
    """Browsers send text areas with CRLF line ends; the archive stores LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class ParagraphsWidget(forms.Widget):
    """Several text areas named alike, one per paragraph (the template draws them)."""

    def value_from_datadict(self, data, files, name: str) -> list[str]:
        return data.getlist(name)


class ParagraphsField(forms.Field):
    """The answer, one paragraph per text area: a blank line typed inside a box splits it
    in two, a box left empty removes its paragraph."""

    widget = ParagraphsWidget

    def to_python(self, value: list[str] | None) -> str:
        paragraphs = (part for box in value or () for part in _BLANK_LINE.split(_normalized(box)))
        return join_paragraphs([p for p in paragraphs if p.strip()])


class VersionForm(forms.Form):
    """The version of the exchange the user saw: a write based on another one is refused."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ExchangeTextForm(VersionForm):
    question = forms.CharField(label=_("Question"), required=False, strip=False)
    paragraphs = ParagraphsField(label=_("Answer"), required=False)

    def clean_question(self) -> str:
        return _normalized(self.cleaned_data["question"])

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of the save service."""
        data = self.cleaned_data
        return {
            "question": data["question"],
            "answer": data["paragraphs"],
            "version": data["version"],
        }


class TranslationForm(ExchangeTextForm):
    ready = forms.BooleanField(label=_("Ready for review"), required=False)

    def arguments(self) -> dict[str, Any]:
        return {**super().arguments(), "ready": self.cleaned_data["ready"]}


class ApproveAllForm(forms.Form):
    """Every exchange's version as the reviewer saw them, as ``pk:version`` pairs."""

    versions = forms.CharField(widget=forms.HiddenInput)

    @staticmethod
    def encode(exchanges: Iterable[Exchange]) -> str:
        return " ".join(f"{exchange.pk}:{exchange.version}" for exchange in exchanges)

    def clean_versions(self) -> dict[int, int]:
        try:
            pairs = [item.split(":") for item in self.cleaned_data["versions"].split()]
            return {int(pk): int(version) for pk, version in pairs}
        except ValueError as error:
            raise ValidationError(_("Invalid versions.")) from error


class DashboardFilterForm(forms.Form):
    q = forms.CharField(label=_("Title, outlet or person"), required=False, max_length=200)
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All interviews")),
            (Exchange.Status.MISSING, _("Missing translation")),
            (Exchange.Status.NEEDS_REVIEW, _("Needs review")),
            (Exchange.Status.NEEDS_REVISION, _("Needs revision")),
        ],
    )

    # Look-alikes (the same article imported twice) are told apart by these.
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Last change")),
            ("created", _("Creation time")),
            ("published", _("Publication date")),
            ("outlet", _("Outlet")),
            ("title", _("Title")),
        ],
    )
    ORDERINGS = {
        "": ("-updated_at", "-pk"),
        "created": ("-created_at", "-pk"),
        "published": (F("published_on").desc(nulls_last=True), "-created_at", "-pk"),
        "outlet": ("outlet__name", F("published_on").desc(nulls_last=True), "-created_at", "-pk"),
        "title": ("title", "-pk"),
    }

    def filter(self, interviews: QuerySet[Interview]) -> QuerySet[Interview]:
        """Interviews of ``with_progress(...)`` matching the filter, in the chosen order
        (the last changed first when the form is not valid)."""
        if not self.is_valid():
            return interviews.order_by(*self.ORDERINGS[""])
        if self.cleaned_data["show"]:
            interviews = needing(interviews, self.cleaned_data["show"])
        if words := self.cleaned_data["q"].strip():
            # Each matching interview once: the people's join could repeat it.
            matching = Interview.objects.filter(
                Q(*(Q(**{f"title_{lang}__icontains": words}) for lang in LANGS), _connector=Q.OR)
                | Q(outlet__name__icontains=words)
                | Q(interviewees__name__icontains=words)
            )
            interviews = interviews.filter(pk__in=matching.values("pk"))
        return interviews.order_by(*self.ORDERINGS[self.cleaned_data["sort"]])


@dataclass(frozen=True)
class TextFields:
    """One exchange's text form: each box lined up with the reference text it renders."""

    lang: str
    reference_lang: str
    reference_question: str
    question: str
    rows: list[tuple[str, str]]  # (reference paragraph, editable paragraph)
    version: int


def text_fields(
    exchange: Exchange,
    *,
    lang: str,
    reference_lang: str,
    question: str,
    answer: str,
    version: int,
) -> TextFields:
    """The form for ``question`` and ``answer`` in ``lang``, beside the exchange in
    ``reference_lang``, with one more empty box to add a paragraph."""
    rows = zip_longest(exchange.paragraphs(reference_lang), split_paragraphs(answer), fillvalue="")
    return TextFields(
        lang=lang,
        reference_lang=reference_lang,
        reference_question=getattr(exchange, f"question_{reference_lang}") or "",
        question=question,
        rows=[*rows, ("", "")],
        version=version,
    )
