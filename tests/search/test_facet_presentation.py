"""A facet lists its most frequent values, not hundreds of them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from search.presentation import FACET_VALUES_SHOWN, present_facets
from tests.factories import make_interview, make_outlet

pytestmark = pytest.mark.django_db

COUNTS = {"person": {f"person-{n:03}": 1000 - n for n in range(100)}}


def test_a_facet_shows_its_most_frequent_values_and_counts_the_others():
    facet = present_facets(COUNTS, QueryDict("q=portail"))["person"]
    assert [value.value for value in facet.values] == [
        f"person-{n:03}" for n in range(FACET_VALUES_SHOWN)
    ]
    assert facet.more == 100 - FACET_VALUES_SHOWN


def test_a_selected_value_is_shown_even_when_it_is_not_among_the_most_frequent():
    facet = present_facets(COUNTS, QueryDict("q=portail&person=person-099"))["person"]
    assert facet.values[-1].value == "person-099" and facet.values[-1].selected
    assert facet.more == 100 - FACET_VALUES_SHOWN - 1


def test_the_page_says_how_many_values_are_not_listed(client):
    for _ in range(FACET_VALUES_SHOWN + 2):
        make_interview(exchanges=1, paragraphs=1)  # each with a person of its own
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    text = client.get("/fr/search/", {"q": "answer"}).content.decode()
    assert "et 2 autres" in text


def label_queries(client) -> list[str]:
    """The statements a search page makes to name its facets' outlets, people, topics."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/fr/search/", {"q": "answer"}).status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if any(f'"interviews_{model}"."slug" IN (' in query["sql"] for model in NAMED)
    ]


NAMED = ("outlet", "person", "topic")


def test_facet_labels_are_read_once_per_state_of_the_index(client, whoosh_index):
    make_interview(exchanges=1, paragraphs=1)
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    assert label_queries(client)
    assert label_queries(client) == []
    make_interview(exchanges=1, paragraphs=1)
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    assert label_queries(client)


@pytest.mark.django_db(transaction=True)
def test_a_renamed_outlet_is_labelled_with_its_new_name(client):
    interview = make_interview(outlet=make_outlet("La Gazette"))
    assert "La Gazette" in client.get("/fr/search/", {"q": "answer"}).content.decode()
    interview.outlet.name = "Le Zéphyr"
    interview.outlet.save()  # re-indexes its interviews: a new state of the index
    text = client.get("/fr/search/", {"q": "answer"}).content.decode()
    assert "Le Zéphyr" in text
    assert "La Gazette" not in text
