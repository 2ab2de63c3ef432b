"""A search page or an API search asked again is served from what was kept of it, and
still shows every save, and every change of a translation's review status, at once."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from interviews import editing
from interviews.models import Exchange, Interview
from search import views
from search.kept_pages import nothing_kept
from tests.factories import make_interview, make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("whoosh_index")]

WORD = "zygomatique"
LANGUAGES = ["fr", "en"]


def page(client, lang: str, **params: str) -> str:
    response = client.get(f"/{lang}/search/", {"q": WORD, **params})
    assert response.status_code == 200
    return response.content.decode()


def interview_with_word() -> Interview:
    interview = make_interview(exchanges=2)
    edit_answer(interview.exchanges.get(position=1), f"Un mot rare : {WORD}.")
    return interview


def edit_answer(exchange: Exchange, answer: str) -> None:
    editing.save_source(
        exchange=exchange,
        question=exchange.question_fr,
        answer=answer,
        version=exchange.version,
        user=make_user(),
    )


def test_a_page_asked_again_reads_only_its_translation_labels(client, django_assert_num_queries):
    interview_with_word()
    first = page(client, "fr")
    with django_assert_num_queries(1):
        assert page(client, "fr") == first


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_kept_page_shows_a_save_at_once(client, lang):
    interview = interview_with_word()
    page(client, lang)
    assert "hippocampe" not in page(client, lang)
    edit_answer(interview.exchanges.get(position=1), f"{WORD} et hippocampe.")
    assert "hippocampe" in page(client, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_kept_page_shows_a_review_at_once(client, lang):
    interview = interview_with_word()
    assert "translation-label--unreviewed" in page(client, lang)
    versions = dict(interview.exchanges.values_list("pk", "version"))
    editing.approve_all(interview=interview, versions=versions, user=make_user())
    shown = page(client, lang)
    assert "translation-label--reviewed" in shown
    assert "translation-label--unreviewed" not in shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_kept_page_shows_a_review_status_written_without_reindexing(client, lang):
    interview_with_word()
    assert "translation-label--unreviewed" in page(client, lang)
    # Written in SQL, as a bulk update or a restored backup would: the index is unchanged.
    reviewed = Interview.TranslationStatus.REVIEWED
    Interview.objects.update(translation_status_en=reviewed)
    Exchange.objects.update(status_en=reviewed)
    shown = page(client, lang)
    assert "translation-label--reviewed" in shown
    assert "translation-label--unreviewed" not in shown


def test_a_page_kept_in_one_language_is_not_served_in_the_other(client):
    interview_with_word()
    french = page(client, "fr")
    english = page(client, "en")
    assert 'lang="fr"' in french and "Chercher dans l’archive" in french
    assert "Search the archive" in english and "Chercher dans l’archive" not in english


def test_a_kept_page_keeps_the_query_string_it_was_asked_with(client):
    interview_with_word()
    # The same search, asked with a parameter the search ignores but its links carry.
    assert "ref=feed" in page(client, "en", ref="feed")
    assert "ref=feed" not in page(client, "en")
    assert "ref=feed" in page(client, "en", ref="feed")


def api_answer(client, **params: str) -> dict:
    cache.clear()  # the request budget per client, counted in the cache
    response = client.get("/api/v1/search/", {"q": WORD, **params})
    assert response.status_code == 200
    return json.loads(response.content)


def test_an_api_search_asked_again_makes_no_query(client, django_assert_num_queries):
    interview_with_word()
    first = api_answer(client)
    with django_assert_num_queries(0):
        assert api_answer(client) == first


def test_a_kept_api_answer_shows_a_save_at_once(client):
    interview = interview_with_word()
    api_answer(client)
    assert "hippocampe" not in json.dumps(api_answer(client))
    edit_answer(interview.exchanges.get(position=1), f"{WORD} et hippocampe.")
    assert "hippocampe" in json.dumps(api_answer(client))


def test_a_kept_api_answer_keeps_the_address_it_was_asked_with(client):
    interview_with_word()
    assert "ref=feed" in api_answer(client, ref="feed")["exports"]["csv"]
    assert "ref=feed" not in api_answer(client)["exports"]["csv"]


def test_nothing_is_kept_while_measuring_first_searches(client, monkeypatch):
    interview_with_word()
    presented = []
    monkeypatch.setattr(views, "present_hits", lambda *args: presented.append(args) or [])
    page(client, "fr")
    page(client, "fr")
    assert len(presented) == 1
    with nothing_kept():
        page(client, "fr")
    assert len(presented) == 2
