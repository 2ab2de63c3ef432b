from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .documents import DEFAULT_SORT, MAX_QUERY_LENGTH, SORTS, SearchQuery

SORT_LABELS = {"relevance": _("Relevance"), "date": _("Date")}
# Deeper pages would rank page × per_page hits for a page nobody reads.
LAST_PAGE = 1000


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    lang = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Both")), *settings.LANGUAGES]
    )
    outlet = forms.SlugField(label=_("Outlet"), required=False)
    person = forms.SlugField(label=_("Person"), required=False)
    topic = forms.SlugField(label=_("Topic"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(sort, SORT_LABELS[sort]) for sort in SORTS],
    )
    page = forms.IntegerField(
        required=False, min_value=1, max_value=LAST_PAGE, widget=forms.HiddenInput
    )

    def clean_q(self) -> str:
        text: str = self.cleaned_data["q"]
        if len(text) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _("Queries are limited to %(limit)d characters."),
                params={"limit": MAX_QUERY_LENGTH},
            )
        return text

    def error_message(self) -> str:
        """Every error of the bound, invalid form, in one line."""
        return " ".join(str(error) for errors in self.errors.values() for error in errors)

    def search_query(self, *, per_page: int, time_limit: float | None) -> SearchQuery:
        data = self.cleaned_data
        return SearchQuery(
            text=data["q"],
            lang=data["lang"] or None,
            outlet=data["outlet"] or None,
            person=data["person"] or None,
            topic=data["topic"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            sort=data["sort"] or DEFAULT_SORT,
            page=data["page"] or 1,
            per_page=per_page,
            time_limit=time_limit,
        )
