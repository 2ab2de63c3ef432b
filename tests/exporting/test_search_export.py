"""A search's whole result set exported, from the database, published interviews only."""

from __future__ import annotations

import json

import pytest

from interviews.models import Interview
from search import exporting
from tests.factories import make_interview, make_outlet

from . import export_corpus, rebuild_index, streamed

pytestmark = pytest.mark.django_db


def exported_anchors(body: str) -> list[str]:
    return [
        passage["anchor"]
        for interview in json.loads(body)["interviews"]
        for exchange in interview["exchanges"]
        for passage in exchange["passages"]
    ]


def exported_slugs(body: str) -> list[str]:
    return [interview["slug"] for interview in json.loads(body)["interviews"]]


def test_search_export_holds_every_result_not_only_a_page(client, monkeypatch):
    interviews = [make_interview(exchanges=2, paragraphs=2) for _ in range(3)]
    rebuild_index()
    monkeypatch.setattr(exporting, "MAX_PER_PAGE", 2)  # so the export must turn pages

    body = streamed(client.get("/en/search/export.json?q=paragraph&lang=en"))

    expected = {
        f"{exchange.anchor}-p{n}"
        for interview in interviews
        for exchange in interview.exchanges.all()
        for n in (1, 2)
    }
    assert sorted(exported_anchors(body)) == sorted(expected)


def test_search_export_keeps_the_search_filters(client):
    outlet = make_outlet()
    kept = make_interview(outlet=outlet)
    make_interview()
    rebuild_index()

    body = streamed(client.get(f"/en/search/export.json?q=paragraph&outlet={outlet.slug}"))

    assert exported_slugs(body) == [kept.slug]


def test_search_export_holds_only_the_passages_found(client):
    interview = make_interview(exchanges=2)
    rebuild_index()
    exchange = interview.exchanges.get(position=2)

    body = streamed(client.get('/en/search/export.json?q="Question 2 in English"'))

    assert exported_anchors(body) == [f"{exchange.anchor}-q"]


def test_search_export_never_contains_a_draft(client):
    published = make_interview()
    unpublished = make_interview()
    rebuild_index()
    # Unpublished behind the index's back: the index still holds it, the export must not.
    Interview.objects.filter(pk=unpublished.pk).update(status=Interview.Status.DRAFT)

    body = streamed(client.get("/en/search/export.csv?q=paragraph"))

    assert published.slug in body
    assert unpublished.slug not in body


def test_search_export_without_results_is_refused_with_the_reason(client, db):
    rebuild_index()

    response = client.get("/fr/search/export.csv?q=introuvable")

    assert response.status_code == 400
    assert "aucun passage" in response.content.decode()


def test_search_export_of_a_bad_query_is_refused(client, db):
    rebuild_index()

    response = client.get("/en/search/export.csv", {"q": "x" * 600})

    assert response.status_code == 400
    assert "500 characters" in response.content.decode()


def test_search_export_without_a_query_is_refused(client, db):
    response = client.get("/en/search/export.tmx?q=")

    assert response.status_code == 400


def test_search_export_is_an_attachment_named_after_the_query(client):
    make_interview()
    rebuild_index()

    response = client.get("/en/search/export.tei?q=paragraph&level=sentence")

    assert response["Content-Disposition"] == "attachment; filename=search-paragraph.tei"


def test_search_page_links_to_the_export_of_all_its_results(client):
    make_interview()
    rebuild_index()

    page = client.get("/en/search/?q=paragraph&outlet=&page=1").content.decode()

    assert 'class="export-link"' in page
    assert 'href="/en/search/export.csv?q=paragraph&amp;outlet=&amp;level=sentence"' in page
    assert 'data-format="csv" data-level="sentence"' in page


def test_command_exports_what_a_query_finds(seed):
    rebuild_index()

    body = export_corpus("--format=json", "--query", '"data centers accessibles à tous"')

    assert exported_slugs(body) == [seed.slug]
    assert f"{seed.exchanges.get(position=1).anchor}-p1" in exported_anchors(body)
