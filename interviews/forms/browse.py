"""The filters of the interview list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..languages import LANGS
from ..models import Outlet, Person, Topic
from .widgets import LongChoiceField

# The list's orders, by the ``sort`` choice; the newest first by default.
SORTS = {
    "": ("-published_on", "-id"),
    "oldest": ("published_on", "id"),
    "title": ("title", "id"),
    "outlet": ("outlet__name", "-published_on", "id"),
}


class InterviewFilterForm(forms.Form):
    outlet = forms.ModelChoiceField(
        Outlet.objects.all(), required=False, to_field_name="slug", label=_("Outlet")
    )
    person = LongChoiceField(
        Person.objects.all(),
        label_field="name",
        required=False,
        to_field_name="slug",
        label=_("Person"),
    )
    topic = forms.ModelChoiceField(
        Topic.objects.all(), required=False, to_field_name="slug", label=_("Topic")
    )
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Year"))
    available_in = forms.ChoiceField(
        required=False,
        label=_("Readable in"),
        choices=[("", _("Any language")), *[(code, code.upper()) for code in LANGS]],
        help_text=_("Original or reviewed translation."),
    )
    unreviewed = forms.BooleanField(required=False, label=_("Including unreviewed translations"))
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort"),
        choices=[
            ("", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
            ("outlet", _("Outlet")),
        ],
    )

    def filter(self, interviews):
        """Apply the valid filters; an invalid one is ignored and shown as an error."""
        if not self.is_valid():
            return interviews
        data = self.cleaned_data
        if data["outlet"]:
            interviews = interviews.filter(outlet=data["outlet"])
        if data["person"]:
            interviews = interviews.filter(interviewees=data["person"])
        if data["topic"]:
            interviews = interviews.filter(topics=data["topic"])
        if data["year"]:
            interviews = interviews.filter(published_on__year=data["year"])
        if data["available_in"]:
            interviews = interviews.readable_in(data["available_in"], unreviewed=data["unreviewed"])
        return interviews.order_by(*SORTS[data["sort"]])
