from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from interviews.models import Interview
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def test_reading_view_shows_every_exchange_in_both_languages(client, seed):
    response = client.get(f"/fr/interviews/{seed.slug}/")
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content)
    for exchange in seed.exchanges.all():
        for lang in ("fr", "en"):
            shown = page.xpath(f'//*[@id="{exchange.anchor}"]//div[@class="cell"][@lang="{lang}"]')
            texts = [cell.text_content().strip() for cell in shown]
            assert texts[1:] == exchange.paragraphs(lang)
            assert texts[0] == getattr(exchange, f"question_{lang}")


def test_reading_view_rows_carry_lang_and_anchors(client, seed):
    first = seed.exchanges.first()
    html = client.get(f"/en/interviews/{seed.slug}/").content.decode()
    assert f'id="{first.anchor}-q"' in html
    assert f'id="{first.anchor}-p2"' in html
    assert html.count('class="cell" lang="fr"') == html.count('class="cell" lang="en"') == 17


def test_reading_view_puts_the_original_first(client, seed):
    html = client.get(f"/en/interviews/{seed.slug}/").content.decode()
    assert html.index('class="cell" lang="fr"') < html.index('class="cell" lang="en"')


def test_reading_view_swaps_sides(client, seed):
    html = client.get(f"/en/interviews/{seed.slug}/?show=en,fr").content.decode()
    assert html.index('class="cell" lang="en"') < html.index('class="cell" lang="fr"')


def test_reading_view_shows_one_language(client, seed):
    html = client.get(f"/fr/interviews/{seed.slug}/?show=en").content.decode()
    assert 'class="cell" lang="en"' in html
    assert 'class="cell" lang="fr"' not in html


def test_reading_view_ignores_unknown_languages(client, seed):
    response = client.get(f"/fr/interviews/{seed.slug}/?show=de,<script>")
    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_reading_view_shows_status_source_and_date(client, seed):
    html = client.get(f"/en/interviews/{seed.slug}/").content.decode()
    assert "L&#x27;Opinion" in html
    assert 'datetime="2024-10-05"' in html
    assert "badge--draft" in html  # the English translation is a draft


def test_reading_view_marks_a_missing_translation(client):
    interview = make_interview(exchanges=1)
    interview.exchanges.update(answer_en="")
    html = client.get(f"/en/interviews/{interview.slug}/").content.decode()
    assert "Not translated yet." in html


def test_draft_is_hidden_from_the_public(client):
    draft = make_interview(status=Interview.Status.DRAFT)
    assert client.get(f"/fr/interviews/{draft.slug}/").status_code == 404


def test_draft_is_shown_to_staff_with_permission(admin_client):
    draft = make_interview(status=Interview.Status.DRAFT)
    assert admin_client.get(f"/fr/interviews/{draft.slug}/").status_code == 200


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_reading_view_query_count_does_not_grow_with_exchanges(client):
    small = make_interview(exchanges=4, paragraphs=2)
    large = make_interview(exchanges=40, paragraphs=6)
    assert queries_for(client, f"/fr/interviews/{small.slug}/") == queries_for(
        client, f"/fr/interviews/{large.slug}/"
    )
    assert queries_for(client, f"/fr/interviews/{large.slug}/") <= 5
