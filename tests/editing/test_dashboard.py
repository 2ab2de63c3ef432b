from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interviews import editing
from interviews.models import Exchange, Interview
from tests.editing import EDITORS, log_in
from tests.factories import make_interview, make_outlet

pytestmark = pytest.mark.django_db

Status = Exchange.Status
URL = "/en/edit/"


def rows(client, query: str = "") -> dict[Interview, object]:
    return dict(client.get(f"{URL}{query}").context["rows"])


def test_dashboard_lists_drafts_too(client):
    log_in(client, EDITORS)
    draft = make_interview(status=Interview.Status.DRAFT)
    published = make_interview()
    assert set(rows(client)) == {draft, published}


def test_dashboard_counts_translation_coverage_and_statuses(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=4)
    interview.exchanges.filter(position=1).update(status_en=Status.REVIEWED)
    interview.exchanges.filter(position__in=[2, 3]).update(status_en=Status.NEEDS_REVIEW)
    progress = rows(client)[interview]
    assert (progress.total, progress.translated, progress.missing) == (4, 3, 1)
    assert dict(progress.counts) == {
        "reviewed": 1,
        "needs_review": 2,
        "draft": 0,
        "needs_revision": 0,
    }
    assert "3/4 translated" in client.get(URL).content.decode()


def test_dashboard_counts_the_translation_language_of_an_english_original(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=2, original_language="en")
    interview.exchanges.filter(position=1).update(status_fr=Status.DRAFT, status_en=Status.DRAFT)
    progress = rows(client)[interview]
    assert (progress.translated, progress.counts["draft"]) == (1, 1)


@pytest.mark.parametrize(
    ("show", "status"),
    [
        ("missing", None),
        ("needs_review", Status.NEEDS_REVIEW),
        ("needs_revision", Status.NEEDS_REVISION),
    ],
)
def test_dashboard_filters_interviews_needing_work(client, show, status):
    log_in(client, EDITORS)
    done = make_interview(exchanges=2)
    done.exchanges.update(status_en=Status.REVIEWED)
    wanted = make_interview(exchanges=2)
    wanted.exchanges.update(status_en=Status.REVIEWED)
    wanted.exchanges.filter(position=2).update(status_en=status)
    assert set(rows(client, f"?show={show}")) == {wanted}


def test_dashboard_shows_the_editors_own_recent_work(client):
    user = log_in(client, EDITORS)
    mine = make_interview()
    theirs = make_interview()
    editing.publish(interview=mine, user=user)
    editing.publish(interview=theirs, user=None)
    work = client.get(URL).context["recent_work"]
    assert [(item.interview, item.comment) for item in work] == [(mine, "Published")]


def test_dashboard_is_for_editors_only(client):
    assert client.get(URL).status_code == 302
    log_in(client)
    assert client.get(URL).status_code == 403


def queries_for_dashboard(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context)


def test_dashboard_query_count_does_not_grow_with_interviews(client):
    user = log_in(client, EDITORS)
    outlet = make_outlet()
    interviews = [make_interview(outlet=make_outlet(), exchanges=2) for _ in range(2)]
    for interview in interviews:
        editing.publish(interview=interview, user=user)
    two = queries_for_dashboard(client)
    for _ in range(10):
        editing.publish(interview=make_interview(outlet=outlet, exchanges=3), user=user)
    assert queries_for_dashboard(client) == two


def test_dashboard_searches_titles_outlets_and_people(client):
    log_in(client, EDITORS)
    wanted = make_interview(title_en="The data centres", outlet=make_outlet("La Vie éco"))
    make_interview(title_en="Something else")
    assert set(rows(client, "?q=data centres")) == {wanted}
    assert set(rows(client, "?q=vie éco")) == {wanted}


def test_dashboard_sorts_by_title(client):
    log_in(client, EDITORS)
    second = make_interview(title_fr="Zèbre", title_en="Zebra")
    first = make_interview(title_fr="Abricot", title_en="Apricot")
    assert list(rows(client, "?sort=title")) == [first, second]


def test_dashboard_tells_translated_from_reviewed(client):
    log_in(client, EDITORS)
    interview = make_interview(exchanges=4)
    interview.exchanges.update(status_en=Status.DRAFT)
    interview.exchanges.filter(position=1).update(status_en=Status.REVIEWED)
    html = client.get(URL).content.decode()
    assert "4/4 translated, 1/4 reviewed" in html


def test_dashboard_shows_when_each_interview_last_changed(client):
    log_in(client, EDITORS)
    interview = make_interview()
    html = client.get(URL).content.decode()
    stamp = timezone.localtime(interview.updated_at).replace(microsecond=0).isoformat()
    assert f'<time datetime="{stamp}">' in html
