from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from interviews import editing
from interviews.models import Exchange, RejectedEdit
from tests.editing import EDITORS, log_in, source_url, text_form, translation_url
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def test_second_save_of_a_stale_version_is_refused_with_both_versions(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    first = text_form(exchange, question="Theirs?", paragraphs=["Their answer."])
    second = text_form(exchange, question="Mine?", paragraphs=["My answer."])
    assert client.post(translation_url(exchange), first).status_code == 302
    response = client.post(translation_url(exchange), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Their answer." in html
    assert "My answer." in html
    assert "<del>Their</del><ins>My</ins>" in html
    exchange.refresh_from_db()
    assert exchange.answer_en == "Their answer."


def test_refused_text_is_kept_as_a_rejected_edit(client):
    user = log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    Exchange.objects.filter(pk=exchange.pk).update(version=2)
    client.post(translation_url(exchange), text_form(exchange, question="Q", paragraphs=["Mine."]))
    rejected = RejectedEdit.objects.get()
    assert (rejected.exchange, rejected.lang, rejected.user) == (exchange, "en", user)
    assert (rejected.base_version, rejected.answer) == (1, "Mine.")


def test_conflict_form_reapplies_mine_on_top_of_the_new_version(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    client.post(
        translation_url(exchange), text_form(exchange, question="A", paragraphs=["Theirs."])
    )
    mine = text_form(exchange, question="B", paragraphs=["Mine."], version=1)
    response = client.post(translation_url(exchange), mine)
    assert response.context["fields"].version == 2
    assert '<input type="hidden" name="version" value="2">' in response.content.decode()
    client.post(translation_url(exchange), {**mine, "version": 2})
    exchange.refresh_from_db()
    assert (exchange.answer_en, exchange.version) == ("Mine.", 3)


def test_stale_source_edit_is_refused_too(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    client.post(source_url(exchange), text_form(exchange, question="A ?", paragraphs=["Un."]))
    response = client.post(
        source_url(exchange), text_form(exchange, question="B ?", paragraphs=["Deux."], version=1)
    )
    assert response.status_code == 409
    exchange.refresh_from_db()
    assert exchange.answer_fr == "Un."


def test_conditional_update_refuses_a_row_changed_by_another_process():
    exchange = make_interview().exchanges.first()  # loaded at version 1
    Exchange.objects.filter(pk=exchange.pk).update(answer_en="Other process.", version=2)
    with pytest.raises(editing.EditConflict) as caught:
        editing.save_translation(
            exchange=exchange, question="Q", answer="Mine.", version=1, ready=False, user=None
        )
    assert caught.value.current.answer_en == "Other process."
    assert caught.value.rejected.answer == "Mine."
    exchange.refresh_from_db()
    assert exchange.answer_en == "Other process."


def test_saving_an_exchange_outside_the_editor_makes_editor_forms_stale():
    exchange = make_interview().exchanges.first()
    exchange.answer_en = "Edited in the admin."
    exchange.save()
    with pytest.raises(editing.EditConflict):
        editing.save_translation(
            exchange=exchange, question="Q", answer="Mine.", version=1, ready=False, user=None
        )


def test_conflict_is_shown_in_the_history(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    Exchange.objects.filter(pk=exchange.pk).update(version=2)
    data = text_form(exchange, question="Q", paragraphs=["Refused but kept."])
    client.post(translation_url(exchange), data)
    log_in(client, EDITORS)
    html = client.get(f"/en/edit/interviews/{exchange.interview.slug}/history/").content.decode()
    assert "Refused but kept." in html


def in_another_connection(action: Callable[[], object]) -> None:
    """Run ``action`` in another thread, hence on another database connection."""

    def run() -> None:
        try:
            action()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_save_committed_by_another_connection_makes_this_one_stale():
    exchange = make_interview(exchanges=1).exchanges.get()
    stale = Exchange.objects.select_related("interview").get(pk=exchange.pk)
    in_another_connection(
        lambda: editing.save_translation(
            exchange=Exchange.objects.select_related("interview").get(pk=exchange.pk),
            question="Q",
            answer="Theirs.",
            version=1,
            ready=False,
            user=None,
        )
    )
    with pytest.raises(editing.EditConflict):
        editing.save_translation(
            exchange=stale, question="Q", answer="Mine.", version=1, ready=False, user=None
        )
    exchange.refresh_from_db()
    assert exchange.answer_en == "Theirs."
