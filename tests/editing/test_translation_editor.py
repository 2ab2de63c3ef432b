from __future__ import annotations

import pytest

from interviews.models import Exchange, Interview
from tests.editing import EDITORS, REVIEWERS, log_in, text_form, translation_url
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

Status = Exchange.Status


def editor_url(interview: Interview) -> str:
    return f"/en/edit/interviews/{interview.slug}/translate/"


def test_editor_shows_each_source_paragraph_beside_its_translation_box(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=2, paragraphs=3)
    html = client.get(editor_url(interview)).content.decode()
    first = interview.exchanges.first()
    assert f'id="{first.anchor}"' in html
    source, target = html.index("Réponse 1, paragraphe 2"), html.index("Answer 1, paragraph 2")
    assert source < target < html.index("Réponse 1, paragraphe 3")
    assert html.count('<textarea name="paragraphs"') == 2 * (3 + 1)  # one more to add one


def test_editor_has_one_form_per_exchange_with_its_version(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=3)
    html = client.get(editor_url(interview)).content.decode()
    for exchange in interview.exchanges.all():
        assert f'action="{translation_url(exchange)}"' in html
    assert html.count('<input type="hidden" name="version" value="1">') == 3


def test_editor_page_is_for_editors_only(client):
    interview = make_interview()
    log_in(client)
    assert client.get(editor_url(interview)).status_code == 403


def test_saving_a_translation_redirects_to_the_exchange_and_marks_it_draft(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    data = text_form(exchange, question="Why?", paragraphs=["Because.", "And then."])
    response = client.post(translation_url(exchange), data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/translate/?at={exchange.anchor}#{exchange.anchor}")
    exchange.refresh_from_db()
    assert (exchange.question_en, exchange.answer_en) == ("Why?", "Because.\n\nAnd then.")
    assert exchange.status_en == Status.DRAFT
    assert exchange.version == 2


def test_saving_records_the_source_the_translation_was_made_from(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    client.post(translation_url(exchange), text_form(exchange, question="Q", paragraphs=["A"]))
    source = exchange.full_text("fr")
    exchange.refresh_from_db()
    assert exchange.translated_from_en == source


def test_ready_for_review_marks_the_translation_needs_review(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    client.post(
        translation_url(exchange), text_form(exchange, question="Q", paragraphs=["A"], ready="on")
    )
    exchange.refresh_from_db()
    assert exchange.status_en == Status.NEEDS_REVIEW


def test_blank_line_splits_a_paragraph_and_an_empty_box_removes_one(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    boxes = ["One.\r\n\r\nTwo.", "", "Three.", ""]
    client.post(translation_url(exchange), text_form(exchange, question="Q\r\n", paragraphs=boxes))
    exchange.refresh_from_db()
    assert exchange.paragraphs("en") == ["One.", "Two.", "Three."]
    assert exchange.question_en == "Q"


def test_saving_the_first_translation_makes_the_interview_translation_a_draft(client):
    log_in(client, EDITORS)
    interview = make_interview(translation_status_en=Interview.TranslationStatus.MISSING)
    exchange = interview.exchanges.first()
    client.post(translation_url(exchange), text_form(exchange, question="Q", paragraphs=["A"]))
    interview.refresh_from_db()
    assert interview.translation_status_en == Interview.TranslationStatus.DRAFT


def test_editor_shows_the_progress_of_the_translation(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=4)
    interview.exchanges.filter(position__lte=2).update(status_en=Status.REVIEWED)
    interview.exchanges.filter(position=3).update(status_en=Status.DRAFT)
    progress = client.get(editor_url(interview)).context["progress"]
    assert (progress.total, progress.reviewed, progress.translated) == (4, 2, 3)
    assert [(s.status, s.percent) for s in progress.segments] == [
        ("reviewed", 50.0),
        ("draft", 25.0),
        ("missing", 25.0),
    ]


def test_editor_cannot_approve(client):
    log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    response = client.post(f"/en/edit/exchanges/{exchange.uid}/approve/", {"version": 1})
    assert response.status_code == 403


def test_reviewer_approves_one_exchange(client):
    log_in(client, REVIEWERS)
    exchange = make_interview().exchanges.first()
    client.post(f"/en/edit/exchanges/{exchange.uid}/approve/", {"version": 1})
    exchange.refresh_from_db()
    assert exchange.status_en == Status.REVIEWED
    assert exchange.translated_from_en == exchange.full_text("fr")


def test_approving_a_changed_exchange_is_refused(client):
    log_in(client, REVIEWERS)
    exchange = make_interview().exchanges.first()
    Exchange.objects.filter(pk=exchange.pk).update(version=2)
    response = client.post(
        f"/en/edit/exchanges/{exchange.uid}/approve/", {"version": 1}, follow=True
    )
    exchange.refresh_from_db()
    assert exchange.status_en == Status.MISSING
    assert "changed by someone else" in response.content.decode()


def test_reviewer_approves_all_and_marks_the_translation_reviewed(client):
    reviewer = log_in(client, REVIEWERS)
    interview = make_interview(exchanges=3)
    versions = client.get(editor_url(interview)).context["versions"]
    client.post(f"/en/edit/interviews/{interview.slug}/approve/", {"versions": versions})
    interview.refresh_from_db()
    assert interview.translation_status_en == Interview.TranslationStatus.REVIEWED
    assert interview.reviewed_by == reviewer
    assert interview.reviewed_at is not None
    assert set(interview.exchanges.values_list("status_en", flat=True)) == {Status.REVIEWED}


def test_approve_all_is_refused_if_an_exchange_changed_since_the_page_was_loaded(client):
    log_in(client, REVIEWERS)
    interview = make_interview(exchanges=3)
    versions = client.get(editor_url(interview)).context["versions"]
    interview.exchanges.filter(position=2).update(answer_en="Changed.", version=2)
    client.post(f"/en/edit/interviews/{interview.slug}/approve/", {"versions": versions})
    interview.refresh_from_db()
    assert interview.translation_status_en == Interview.TranslationStatus.DRAFT
    assert not interview.exchanges.filter(status_en=Status.REVIEWED).exists()


def test_approve_all_is_refused_while_an_exchange_is_untranslated(client):
    log_in(client, REVIEWERS)
    interview = make_interview(exchanges=2)
    interview.exchanges.filter(position=2).update(question_en="", answer_en="")
    versions = client.get(editor_url(interview)).context["versions"]
    client.post(f"/en/edit/interviews/{interview.slug}/approve/", {"versions": versions})
    assert not interview.exchanges.filter(status_en=Status.REVIEWED).exists()


def test_editor_page_escapes_the_texts(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=1)
    interview.exchanges.update(answer_en="</textarea><script>alert(1)</script>")
    html = client.get(editor_url(interview)).content.decode()
    assert "<script>alert" not in html
