"""The long ``<select>`` writes what Django's ``Select`` writes, from (value, label) rows."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interviews.forms.widgets import LongChoiceField, LongSelect
from interviews.models import Person
from tests.factories import make_person

CHOICES = [("", "---------"), ("annie-ernaux", "Annie Ernaux"), ("lea", "<b>Léa</b> & « Max »")]


def between_tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", "annie-ernaux", "lea", "nobody"])
def test_the_long_select_writes_djangos_html(value) -> None:
    attrs = {"id": "id_person", "class": "filter"}
    django_select = forms.Select(choices=CHOICES).render("person", value, attrs)
    long_select = LongSelect(choices=CHOICES).render("person", value, attrs)
    assert between_tags(long_select) == between_tags(django_select)


@pytest.mark.django_db
def test_the_long_choice_field_reads_its_choices_in_one_query_and_validates_as_djangos() -> None:
    people = [make_person(name) for name in ("Zoé Sagan", "Annie Ernaux")]
    field = LongChoiceField(
        Person.objects.all(), label_field="name", to_field_name="slug", required=False
    )
    with CaptureQueriesContext(connection) as queries:
        choices = list(iter(field.choices))  # list() alone would count them first
    assert len(queries) == 1
    assert choices == [("", "---------")] + [
        (person.slug, person.name) for person in sorted(people, key=lambda p: p.name)
    ]
    assert field.clean(people[0].slug) == people[0]
    with pytest.raises(forms.ValidationError):
        field.clean("nobody")
