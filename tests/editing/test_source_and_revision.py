from __future__ import annotations

import pytest

from interviews.models import Exchange, Interview
from tests.editing import EDITORS, log_in, source_url, text_form
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

Status = Exchange.Status


def translated_exchange() -> Exchange:
    interview = make_interview(exchanges=1, paragraphs=1)
    interview.exchanges.update(
        status_en=Status.REVIEWED, translated_from_en="Question 1 en français ?\n\nLe chat dort."
    )
    interview.exchanges.update(answer_fr="Le chat dort.")
    return interview.exchanges.get()


def test_source_page_shows_the_original_text_to_edit(client):
    log_in(client, EDITORS)
    exchange = translated_exchange()
    html = client.get(source_url(exchange)).content.decode()
    assert '<textarea name="question" lang="fr"' in html
    assert "Le chat dort." in html


def test_editing_french_source_flags_english_as_needing_revision_with_diff(client):
    log_in(client, EDITORS)
    exchange = translated_exchange()
    data = text_form(exchange, question="Question 1 en français ?", paragraphs=["Le chien dort."])
    response = client.post(source_url(exchange), data)
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.answer_fr == "Le chien dort."
    assert exchange.status_en == Status.NEEDS_REVISION
    html = client.get(response["Location"]).content.decode()
    assert "Le <del>chat</del><ins>chien</ins> dort." in html


def test_editing_the_source_keeps_what_the_translation_was_made_from(client):
    log_in(client, EDITORS)
    exchange = translated_exchange()
    before = exchange.translated_from_en
    client.post(source_url(exchange), text_form(exchange, question="Q ?", paragraphs=["Autre."]))
    exchange.refresh_from_db()
    assert exchange.translated_from_en == before


def test_editing_the_source_reopens_a_reviewed_interview_translation(client):
    log_in(client, EDITORS)
    exchange = translated_exchange()
    Interview.objects.update(translation_status_en=Interview.TranslationStatus.REVIEWED)
    client.post(source_url(exchange), text_form(exchange, question="Q ?", paragraphs=["Autre."]))
    exchange.interview.refresh_from_db()
    assert exchange.interview.translation_status_en == Interview.TranslationStatus.DRAFT


def test_editing_the_source_of_an_untranslated_exchange_leaves_it_missing(client):
    log_in(client, EDITORS)
    exchange = make_interview(exchanges=1).exchanges.get()
    client.post(source_url(exchange), text_form(exchange, question="Q ?", paragraphs=["Autre."]))
    exchange.refresh_from_db()
    assert exchange.status_en == Status.MISSING


def test_saving_an_unchanged_source_keeps_the_translation_status(client):
    log_in(client, EDITORS)
    exchange = translated_exchange()
    data = text_form(exchange, question=exchange.question_fr, paragraphs=exchange.paragraphs("fr"))
    client.post(source_url(exchange), data)
    exchange.refresh_from_db()
    assert exchange.status_en == Status.REVIEWED


def test_retranslating_clears_needs_revision(client):
    log_in(client, EDITORS)
    exchange = translated_exchange()
    client.post(source_url(exchange), text_form(exchange, question="Q ?", paragraphs=["Autre."]))
    exchange.refresh_from_db()
    data = text_form(exchange, question="Q?", paragraphs=["Other."])
    client.post(f"/en/edit/exchanges/{exchange.uid}/translation/", data)
    exchange.refresh_from_db()
    assert exchange.status_en == Status.DRAFT
    assert exchange.translated_from_en == "Q ?\n\nAutre."
