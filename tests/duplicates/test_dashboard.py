"""The dashboard tells look-alikes apart: each interview's outlet, publication date and
creation time, shown and sortable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from interviews.models import Interview
from tests.editing import EDITORS, log_in
from tests.factories import make_interview, make_outlet

pytestmark = pytest.mark.django_db

URL = "/en/edit/"


def listed(client, query: str = "") -> list[Interview]:
    return [interview for interview, _progress in client.get(f"{URL}{query}").context["rows"]]


def created(interview: Interview, when: datetime) -> Interview:
    Interview.objects.filter(pk=interview.pk).update(created_at=when)
    return interview


def test_each_row_shows_outlet_publication_date_and_creation_time(client):
    log_in(client, EDITORS)
    make_interview(outlet=make_outlet("Le Parisien"), published_on=date(2024, 10, 5))
    interview = Interview.objects.get()
    created(interview, datetime(2026, 3, 2, 9, 30, tzinfo=UTC))

    html = client.get(URL).content.decode()

    assert "<td>Le Parisien</td>" in html
    assert '<time datetime="2024-10-05">10/05/2024</time>' in html
    assert '<time datetime="2026-03-02T10:30:00+01:00">03/02/2026 10:30 a.m.</time>' in html


def test_sorted_by_creation_time_the_newest_first(client):
    log_in(client, EDITORS)
    now = datetime.now(UTC)
    old, new = make_interview(), make_interview()
    created(old, now - timedelta(days=2))
    created(new, now - timedelta(days=1))
    Interview.objects.filter(pk=old.pk).update(
        updated_at=now + timedelta(hours=1)
    )  # first by default

    assert listed(client) == [old, new]
    assert listed(client, "?sort=created") == [new, old]


def test_sorted_by_publication_date_the_undated_last(client):
    log_in(client, EDITORS)
    undated = make_interview(published_on=None)
    older = make_interview(published_on=date(2023, 5, 1))
    newer = make_interview(published_on=date(2024, 5, 1))

    assert listed(client, "?sort=published") == [newer, older, undated]


def test_sorted_by_outlet_then_date(client):
    log_in(client, EDITORS)
    monde = make_outlet("Le Monde")
    b = make_interview(outlet=make_outlet("Libération"))
    a_old = make_interview(outlet=monde, published_on=date(2023, 1, 1))
    a_new = make_interview(outlet=monde, published_on=date(2024, 1, 1))

    assert listed(client, "?sort=outlet&show=") == [a_new, a_old, b]


def test_an_unknown_sort_falls_back_to_the_last_changed(client):
    log_in(client, EDITORS)
    first, second = make_interview(), make_interview()
    first.save()

    assert listed(client, "?sort=nonsense") == [first, second]
