"""Citing a whole search result set: /<lang>/search/cite.bib|ris|json?q=…"""

from __future__ import annotations

import json
from io import StringIO

import pytest
import rispy
from django.core.management import call_command
from lxml import html as lxml_html
from pybtex.database import parse_string

from interviews.models import Interview
from search import citing
from tests.factories import make_interview

from .conftest import download

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db) -> list[Interview]:
    """Two indexed interviews: "answer" matches their 2 x 3 x 2 English paragraphs."""
    interviews = [make_interview(exchanges=3, paragraphs=2) for _ in range(2)]
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    return interviews


@pytest.fixture
def small_pages(monkeypatch):
    """Five hits per backend call: the 12 hits of "answer" take three calls."""
    monkeypatch.setattr(citing, "EXPORT_PAGE_SIZE", 5)


def expected_keys(interviews: list[Interview]) -> set[str]:
    return {
        f"{interview.slug}-{exchange.anchor}-p{paragraph}-en"
        for interview in interviews
        for exchange in interview.exchanges.all()
        for paragraph in (1, 2)
    }


def test_result_set_citation_covers_every_hit_across_backend_pages(client, corpus, small_pages):
    items = json.loads(download(client.get("/en/search/cite.json", {"q": "answer"})))
    assert {item["id"] for item in items} == expected_keys(corpus)
    assert len(items) == 12


def test_result_set_bibtex_reads_back_with_pybtex(client, corpus, small_pages):
    text = download(client.get("/en/search/cite.bib", {"q": "answer"}))
    assert set(parse_string(text, "bibtex").entries) == expected_keys(corpus)


def test_result_set_ris_reads_back_with_rispy(client, corpus, small_pages):
    entries = rispy.loads(download(client.get("/en/search/cite.ris", {"q": "answer"})))
    assert {entry["id"] for entry in entries} == expected_keys(corpus)


def test_result_set_citation_streams_as_an_attachment(client, corpus):
    response = client.get("/fr/search/cite.ris", {"q": "answer"})
    assert response.streaming
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="citations.ris"'


def test_each_hit_is_cited_in_the_language_that_matched_at_its_passage(client, corpus):
    items = json.loads(download(client.get("/fr/search/cite.json", {"q": "réponse", "lang": "fr"})))
    assert {item["language"] for item in items} == {"fr"}
    assert all("/fr/interviews/" in item["URL"] and "#x-" in item["URL"] for item in items)
    assert {item["note"].split(",")[0] for item in items} == {"échange 1", "échange 2", "échange 3"}


def test_interview_hit_cites_the_interview(client, corpus):
    items = json.loads(download(client.get("/en/search/cite.json", {"q": "interview number"})))
    assert {item["id"] for item in items} == {f"{interview.slug}-en" for interview in corpus}


def test_search_filters_apply_to_the_citation(client, corpus):
    first = corpus[0]
    params = {"q": "answer", "outlet": first.outlet.slug}
    items = json.loads(download(client.get("/en/search/cite.json", params)))
    assert len(items) == 6
    assert all(item["id"].startswith(first.slug) for item in items)


def test_interview_unpublished_since_indexed_is_left_out(client, corpus):
    Interview.objects.filter(pk=corpus[0].pk).update(status=Interview.Status.DRAFT)
    items = json.loads(download(client.get("/en/search/cite.json", {"q": "answer"})))
    assert {item["id"] for item in items} == expected_keys(corpus[1:])


def test_result_set_citation_runs_three_queries_per_backend_page(
    whoosh_index, client, corpus, small_pages, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        download(client.get("/en/search/cite.bib", {"q": "answer"}))


def refusal(client, site: str, **params) -> str:
    response = client.get(f"/{site}/search/cite.bib", params)
    assert response.status_code == 400
    return lxml_html.fromstring(response.content).cssselect("#cite-panel .cite-error")[0].text


def test_empty_result_set_is_a_bad_request(client, corpus):
    assert refusal(client, "en", q="zzyzx") == "Nothing found: there is nothing to cite."


def test_missing_query_is_a_bad_request(client, corpus):
    assert refusal(client, "en") == "Type a word, or a phrase in quotes, to cite what it finds."


def test_query_that_cannot_run_is_a_bad_request_explained(client, corpus):
    assert refusal(client, "fr", q="NOT (").startswith(
        "Cette recherche n’a pas pu être comprise\u00a0:"
    )


def test_invalid_search_parameters_are_a_bad_request_explained(client, corpus):
    assert "500" in refusal(client, "fr", q="réponse " * 100)
    assert refusal(client, "en", q="answer", date_from="not-a-date")


def test_each_hit_links_to_its_cite_page(client, corpus):
    page = lxml_html.fromstring(client.get("/en/search/", {"q": "answer"}).content)
    links = [a.get("href") for a in page.cssselect("article.hit .hit__actions a.cite-link")]
    assert len(links) == 10
    first = corpus[0]
    anchors = {f"{exchange.anchor}-p{p}" for exchange in first.exchanges.all() for p in (1, 2)}
    expected = {f"/en/interviews/{first.slug}/cite/?passage={anchor}&lang=en" for anchor in anchors}
    assert expected & set(links)
    for link in links[:2]:
        assert client.get(link).status_code == 200


def test_search_page_links_the_result_set_files(client, corpus):
    page = lxml_html.fromstring(client.get("/en/search/", {"q": "answer", "page": "2"}).content)
    links = {a.get("data-format"): a.get("href") for a in page.cssselect(".cite-results a")}
    assert links == {
        extension: f"/en/search/cite.{extension}?q=answer" for extension in ("bib", "ris", "json")
    }
