"""The corpus through the API: lists, one interview, a passage, counts; drafts kept out."""

from __future__ import annotations

from datetime import date

import pytest

from interviews.models import Interview
from tests.factories import make_interview, make_outlet

from .conftest import body

pytestmark = pytest.mark.django_db

# count, interviews (outlet, interviewer), interviewees, topics
LIST_QUERIES = 4
# which exist, interviews (outlet, interviewer), interviewees, topics, exchanges, sources
DETAIL_QUERIES = 6


@pytest.mark.parametrize("interviews", [1, 7])
def test_list_makes_the_same_queries_whatever_the_page_holds(
    client, django_assert_num_queries, interviews
):
    for _ in range(interviews):
        make_interview()
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/api/v1/interviews/")
    assert len(body(response)["results"]) == interviews


@pytest.mark.parametrize("exchanges", [1, 12])
def test_detail_makes_the_same_queries_whatever_the_interview_holds(
    client, django_assert_num_queries, exchanges
):
    interview = make_interview(exchanges=exchanges)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(f"/api/v1/interviews/{interview.slug}/")
    assert len(body(response)["exchanges"]) == exchanges


def test_list_items_carry_metadata_and_every_address(client):
    interview = make_interview()
    item = body(client.get("/api/v1/interviews/"))["results"][0]
    assert item["title"] == {"fr": interview.title_fr, "en": interview.title_en}
    assert item["links"]["api"] == f"http://testserver/api/v1/interviews/{interview.slug}/"
    assert item["links"]["web"]["en"] == f"http://testserver/en/interviews/{interview.slug}/"
    assert set(item["links"]["exports"]) == {"tmx", "tei", "csv", "json"}


def test_list_filters_by_outlet_and_date_range(client):
    outlet = make_outlet()
    wanted = make_interview(outlet=outlet, published_on=date(2023, 5, 1))
    make_interview(outlet=outlet, published_on=date(2021, 5, 1))
    make_interview(published_on=date(2023, 5, 1))
    response = client.get(
        "/api/v1/interviews/",
        {"outlet": outlet.slug, "date_from": "2023-01-01", "date_to": "2023-12-31"},
    )
    assert [item["slug"] for item in body(response)["results"]] == [wanted.slug]


def test_list_filters_by_translation_status(client):
    reviewed = make_interview(translation_status_en=Interview.TranslationStatus.REVIEWED)
    make_interview(translation_status_en=Interview.TranslationStatus.DRAFT)
    response = client.get("/api/v1/interviews/", {"translation_status": "reviewed"})
    assert [item["slug"] for item in body(response)["results"]] == [reviewed.slug]


def test_list_pages_link_to_each_other_with_the_same_parameters(client):
    for _ in range(5):
        make_interview()
    first = body(client.get("/api/v1/interviews/", {"sort": "slug", "per_page": 2}))
    second = body(client.get(first["links"]["next"]))
    assert second["page"] == 2
    assert second["links"]["prev"] == first["links"]["self"]
    assert "per_page=2" in second["links"]["next"] and "sort=slug" in second["links"]["next"]
    assert not {i["slug"] for i in first["results"]} & {i["slug"] for i in second["results"]}


def test_detail_gives_each_passage_its_permalink_languages_and_sentences(client):
    interview = make_interview(exchanges=1, paragraphs=1)
    exchange = interview.exchanges.get()
    data = body(client.get(f"/api/v1/interviews/{interview.slug}/"))
    question = data["exchanges"][0]["passages"][0]
    assert question["anchor"] == f"x-{exchange.uid}-q"
    assert question["permalink"].endswith(f"?at=x-{exchange.uid}-q#x-{exchange.uid}-q")
    assert [text["lang"] for text in question["texts"]] == ["fr", "en"]
    assert question["texts"][1]["status"] == exchange.status_en
    assert question["sentences"][0]["texts"][1]["sentences"] == ["Question 1 in English?"]


def test_passage_by_anchor_comes_with_its_translation(client):
    interview = make_interview(exchanges=2, paragraphs=2)
    uid = interview.exchanges.get(position=2).uid
    data = body(client.get(f"/api/v1/passages/x-{uid}-p2/"))
    [passage] = data["passages"]
    assert data["exchange"] == 2
    assert {text["lang"]: text["text"] for text in passage["texts"]} == {
        "fr": "Réponse 2, paragraphe 2 : « oui ».",
        "en": "Answer 2, paragraph 2: “yes”.",
    }


def test_a_sentence_anchor_finds_its_passage(client):
    uid = make_interview(exchanges=1).exchanges.get().uid
    data = body(client.get(f"/api/v1/passages/x-{uid}-p1-s1/"))
    assert [passage["anchor"] for passage in data["passages"]] == [f"x-{uid}-p1"]


def test_outlets_are_counted_by_their_published_interviews(client):
    outlet = make_outlet()
    make_interview(outlet=outlet)
    make_interview(outlet=outlet)
    make_interview(outlet=outlet, status=Interview.Status.DRAFT)
    [counted] = body(client.get("/api/v1/outlets/"))["results"]
    assert (counted["slug"], counted["interviews"]) == (outlet.slug, 2)


def test_drafts_are_invisible_to_anonymous_clients(client):
    draft = make_interview(status=Interview.Status.DRAFT)
    uid = draft.exchanges.first().uid
    assert body(client.get("/api/v1/interviews/"))["results"] == []
    assert client.get(f"/api/v1/interviews/{draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/passages/x-{uid}-q/").status_code == 404
    assert body(client.get("/api/v1/persons/"))["results"] == []


def test_an_editors_session_sees_drafts_in_private_answers(editor_client):
    draft = make_interview(status=Interview.Status.DRAFT)
    response = editor_client.get(f"/api/v1/interviews/{draft.slug}/")
    assert body(response)["status"] == "draft"
    assert "private" in response["Cache-Control"]


def test_each_outlet_links_to_its_interviews_and_its_feed(client):
    outlet = make_outlet()
    make_interview(outlet=outlet)
    [counted] = body(client.get("/api/v1/outlets/", HTTP_ACCEPT_LANGUAGE="en"))["results"]
    listed = body(client.get(counted["links"]["interviews"]))
    assert listed["count"] == 1
    assert counted["links"]["feed"] == f"http://testserver/en/outlets/{outlet.slug}/feed/"
