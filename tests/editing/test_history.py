from __future__ import annotations

import re

import pytest
from reversion.models import Revision, Version

from interviews import editing
from interviews.models import Exchange, Interview
from tests.editing import EDITORS, REVIEWERS, log_in, text_form, translation_url
from tests.factories import make_interview, make_user

pytestmark = pytest.mark.django_db

Status = Exchange.Status


def history_url(interview: Interview) -> str:
    return f"/en/edit/interviews/{interview.slug}/history/"


def save(exchange: Exchange, answer: str, user) -> Exchange:
    return editing.save_translation(
        exchange=exchange,
        question=exchange.question_en,
        answer=answer,
        version=exchange.version,
        ready=False,
        user=user,
    )


def test_an_editor_save_is_a_revision_with_its_author_and_comment(client):
    user = log_in(client, EDITORS)
    exchange = make_interview().exchanges.first()
    client.post(translation_url(exchange), text_form(exchange, question="Q", paragraphs=["A"]))
    revision = Revision.objects.latest("pk")
    assert (revision.user, revision.comment) == (user, "Translation edited")
    saved = Version.objects.get_for_object(exchange).get(revision=revision)
    assert saved.field_dict["answer_en"] == "A"


def test_the_state_before_the_first_edit_is_recorded_too():
    exchange = make_interview().exchanges.first()
    original = exchange.answer_en
    save(exchange, "New.", make_user())
    versions = Version.objects.get_for_object(exchange).order_by("pk")
    assert [v.field_dict["answer_en"] for v in versions] == [original, "New."]


def test_history_page_shows_who_when_and_a_word_diff(client):
    editor = make_user(groups=[EDITORS], username="camille")
    exchange = make_interview().exchanges.first()
    save(exchange, "The cat sleeps.", editor)
    save(exchange, "The dog sleeps.", editor)
    log_in(client, EDITORS)
    html = client.get(history_url(exchange.interview)).content.decode()
    assert "camille" in html
    assert "Translation edited" in html
    assert "The <del>cat</del><ins>dog</ins> sleeps." in html


def test_history_page_is_for_editors_only(client):
    interview = make_interview()
    log_in(client)
    assert client.get(history_url(interview)).status_code == 403


def edited_twice(client) -> tuple[Exchange, str]:
    """An exchange saved "First." then "Second.", and the address restoring "First."."""
    editor = make_user(groups=[EDITORS])
    exchange = make_interview().exchanges.first()
    save(exchange, "First.", editor)
    first = Revision.objects.latest("pk")
    save(exchange, "Second.", editor)
    log_in(client, EDITORS)
    return exchange, f"{history_url(exchange.interview)}{first.pk}/restore/"


def test_restore_brings_an_earlier_text_back_as_a_new_revision(client):
    exchange, url = edited_twice(client)
    assert client.post(url, {"confirm": "1"}).status_code == 302
    exchange.refresh_from_db()
    assert exchange.answer_en == "First."
    assert Revision.objects.latest("pk").comment == "Earlier version restored"


def test_restore_makes_open_editor_forms_stale(client):
    editor = make_user(groups=[EDITORS])
    exchange = make_interview().exchanges.first()
    save(exchange, "First.", editor)
    first = Revision.objects.latest("pk")
    save(exchange, "Second.", editor)
    version_before = Exchange.objects.get(pk=exchange.pk).version
    editing.restore(interview=exchange.interview, revision_id=first.pk, user=editor)
    assert Exchange.objects.get(pk=exchange.pk).version == version_before + 1


def test_restore_never_brings_back_an_approval():
    reviewer = make_user(groups=[REVIEWERS])
    interview = make_interview(exchanges=1)
    exchange = interview.exchanges.get()
    editing.approve(exchange=exchange, version=1, user=reviewer)
    approved = Revision.objects.latest("pk")
    save(exchange, "Changed.", reviewer)
    editing.restore(interview=interview, revision_id=approved.pk, user=reviewer)
    exchange.refresh_from_db()
    assert exchange.status_en == Status.NEEDS_REVIEW


def test_restore_of_another_interviews_revision_is_refused():
    user = make_user()
    editing.publish(interview=make_interview(), user=user)
    foreign = Revision.objects.latest("pk")
    interview = make_interview()
    with pytest.raises(editing.EditRefused):
        editing.restore(interview=interview, revision_id=foreign.pk, user=user)


def test_admin_interview_pages_keep_history_with_reversion(admin_client):
    interview = make_interview()
    response = admin_client.get(f"/en/admin/interviews/interview/{interview.pk}/history/")
    assert response.status_code == 200
    assert "reversion/object_history.html" in [t.name for t in response.templates]


def test_restore_without_its_confirmation_changes_nothing(client):
    exchange, url = edited_twice(client)
    response = client.post(url, follow=True)
    exchange.refresh_from_db()
    assert exchange.answer_en == "Second."
    assert "tick the box to confirm" in response.content.decode()


def test_history_dates_are_valid_html_datetimes_without_microseconds(client):
    exchange = make_interview().exchanges.first()
    save(exchange, "First.", make_user())
    log_in(client, EDITORS)
    html = client.get(history_url(exchange.interview)).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", s) for s in stamps)
