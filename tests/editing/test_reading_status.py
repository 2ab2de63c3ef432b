from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from interviews import editing
from tests.factories import make_interview, make_user

pytestmark = pytest.mark.django_db


def test_reader_sees_who_reviewed_the_translation_and_when(client):
    reviewer = make_user(groups=["Reviewers"], first_name="Ada", last_name="Lovelace")
    interview = make_interview(exchanges=2)
    versions = {exchange.pk: exchange.version for exchange in interview.exchanges.all()}
    editing.approve_all(interview=interview, versions=versions, user=reviewer)
    html = client.get(f"/en/interviews/{interview.slug}/").content.decode()
    assert "badge--reviewed" in html
    with translation.override("en"):
        day = date_format(localtime(interview.reviewed_at), "DATE_FORMAT")
    assert f"reviewed by Ada Lovelace on {day}" in html


def test_reader_sees_a_draft_translation_as_draft(client):
    interview = make_interview()
    html = client.get(f"/en/interviews/{interview.slug}/").content.decode()
    assert "badge--draft" in html
    assert "reviewed by" not in html
