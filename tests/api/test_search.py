"""Search through the API: what the search page offers, as data."""

from __future__ import annotations

import pytest

from .conftest import body, rebuild_index


@pytest.fixture
def indexed(seed):
    rebuild_index()
    return seed


def test_highlights_are_offsets_of_the_matched_words(client, indexed):
    data = body(client.get("/api/v1/search/", {"q": "portail unique", "lang": "fr"}))
    hit = data["results"][0]
    marked = [hit["text"][span["start"] : span["end"]].lower() for span in hit["highlights"]]
    assert "portail" in marked and "unique" in marked


def test_each_hit_has_its_aligned_translation_beside_it(client, indexed):
    hit = body(client.get("/api/v1/search/", {"q": "portail unique", "lang": "fr"}))["results"][0]
    assert hit["translation"]["lang"] == "en"
    assert "single portal" in hit["translation"]["text"].lower()


def test_facets_link_to_the_filtered_search(client, indexed):
    data = body(client.get("/api/v1/search/", {"q": "portail"}))
    [outlet] = data["facets"]["outlet"]["values"]
    filtered = body(client.get(outlet["url"]))
    assert filtered["count"] == outlet["count"]


def test_a_query_without_a_word_is_a_problem(client, indexed):
    response = client.get("/api/v1/search/", {"q": "«&&»"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert body(response)["errors"] == [{"parameter": "q", "reason": "Expected at least one word."}]


def test_the_search_links_its_exports(client, indexed):
    data = body(client.get("/api/v1/search/", {"q": "portail", "page": 1}))
    assert data["exports"]["csv"] == "http://testserver/fr/search/export.csv?q=portail"


def test_a_query_the_engine_finds_nothing_to_search_in_is_a_problem(client, indexed):
    response = client.get("/api/v1/search/", {"q": "OR AND"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Nothing to search for" in body(response)["detail"]


def test_a_query_that_only_excludes_is_a_problem_that_says_how_to_fix_it(client, indexed):
    response = client.get("/api/v1/search/", {"q": "NOT portail"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "portail -unique" in body(response)["detail"]
