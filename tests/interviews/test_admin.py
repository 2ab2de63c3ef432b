from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_admin_lists_interviews_with_filters(admin_client, seed):
    response = admin_client.get("/en/admin/interviews/interview/?status__exact=published")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [seed]


def test_admin_edits_an_interview_with_tabbed_translations_and_inline_exchanges(admin_client, seed):
    html = admin_client.get(f"/en/admin/interviews/interview/{seed.pk}/change/").content.decode()
    assert 'name="title_fr"' in html
    assert 'name="title_en"' in html
    assert 'name="exchanges-0-question_fr"' in html
    assert 'name="exchanges-3-answer_en"' in html
    assert 'name="exchanges-0-position"' in html


def test_admin_searches_interviews_by_person(admin_client, seed):
    response = admin_client.get("/en/admin/interviews/interview/?q=Haloui")
    assert response.context["cl"].result_count == 1
