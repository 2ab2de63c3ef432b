from __future__ import annotations

import pytest
from reversion.models import Revision

from interviews.models import Interview
from tests.editing import EDITORS, REVIEWERS, log_in
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def test_reviewer_publishes_a_draft_for_everyone(client):
    log_in(client, REVIEWERS)
    draft = make_interview(status=Interview.Status.DRAFT)
    assert client.post(f"/en/edit/interviews/{draft.slug}/publish/").status_code == 302
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_reviewer_unpublishes_an_interview_from_the_public(client):
    log_in(client, REVIEWERS)
    interview = make_interview()
    client.post(f"/en/edit/interviews/{interview.slug}/unpublish/", {"confirm": "1"})
    client.logout()
    assert client.get(interview.get_absolute_url()).status_code == 404


def test_unpublish_without_its_confirmation_leaves_the_interview_public(client):
    log_in(client, REVIEWERS)
    interview = make_interview()
    response = client.post(f"/en/edit/interviews/{interview.slug}/unpublish/", follow=True)
    assert "tick the box to confirm" in response.content.decode()
    client.logout()
    assert client.get(interview.get_absolute_url()).status_code == 200


def test_editor_cannot_publish(client):
    log_in(client, EDITORS)
    draft = make_interview(status=Interview.Status.DRAFT)
    assert client.post(f"/en/edit/interviews/{draft.slug}/publish/").status_code == 403
    draft.refresh_from_db()
    assert not draft.is_published


def test_publishing_is_recorded_in_the_history(client):
    reviewer = log_in(client, REVIEWERS)
    draft = make_interview(status=Interview.Status.DRAFT)
    client.post(f"/en/edit/interviews/{draft.slug}/publish/")
    revision = Revision.objects.latest("pk")
    assert (revision.user, revision.comment) == (reviewer, "Published")
    html = client.get(f"/en/edit/interviews/{draft.slug}/history/").content.decode()
    assert "<del>Draft</del><ins>Published</ins>" in html


def test_dashboard_link_is_shown_to_editors_only(client):
    assert "/en/edit/" not in client.get("/en/").content.decode()
    log_in(client, EDITORS)
    assert 'href="/en/edit/"' in client.get("/en/").content.decode()
