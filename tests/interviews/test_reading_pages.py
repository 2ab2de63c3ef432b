"""Long interviews are read a page at a time; a permalink opens the page holding its passage."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from interviews.passages import bead_anchor, url_at
from interviews.reading import EXCHANGES_PER_PAGE
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def reading_url(interview) -> str:
    return f"/en/interviews/{interview.slug}/"


def shown(response) -> list[int]:
    """The positions of the exchanges on the page."""
    page = lxml_html.fromstring(response.content)
    return [
        int(label.split()[-1]) for label in page.xpath('//section[@class="exchange"]/@aria-label')
    ]


def test_an_interview_of_one_page_shows_every_exchange_and_no_pages(client):
    interview = make_interview(exchanges=EXCHANGES_PER_PAGE)

    response = client.get(reading_url(interview))

    assert shown(response) == list(range(1, EXCHANGES_PER_PAGE + 1))
    assert 'class="pagination"' not in response.content.decode()
    assert "permalinks.js" not in response.content.decode()


def test_a_long_interview_is_read_a_page_at_a_time(client):
    interview = make_interview(exchanges=1_000)

    first = client.get(reading_url(interview))
    third = client.get(reading_url(interview) + "?page=3")

    assert shown(first) == list(range(1, EXCHANGES_PER_PAGE + 1))
    assert shown(third) == list(range(2 * EXCHANGES_PER_PAGE + 1, 3 * EXCHANGES_PER_PAGE + 1))
    assert "Page 3 of 20" in third.content.decode()
    assert 'rel="next" href="?page=4"' in third.content.decode()


def test_a_page_of_a_long_interview_weighs_what_a_short_interview_does(client):
    """A 1,000-exchange interview made a 29 MB page; a page of it now weighs what an
    interview of 50 exchanges does (some 220 KB)."""
    long = make_interview(exchanges=1_000, paragraphs=3)
    short = make_interview(exchanges=EXCHANGES_PER_PAGE, paragraphs=3)

    page = client.get(reading_url(long) + "?page=7")

    assert len(page.content) < 1.05 * len(client.get(reading_url(short)).content)
    assert len(page.content) < 400_000


def test_a_page_costs_the_same_queries_whatever_the_interview_length(client):
    short, long = make_interview(exchanges=60), make_interview(exchanges=1_000)
    counts = []
    for interview, number in ((short, 2), (long, 2), (long, 20)):
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{reading_url(interview)}?page={number}")
        counts.append(len(queries))

    assert counts[0] == counts[1] == counts[2]
    assert counts[0] <= 12


@pytest.mark.parametrize(("position", "number"), [(1, 1), (50, 1), (51, 2), (777, 16), (1_000, 20)])
def test_a_permalink_opens_the_page_that_holds_its_passage(client, position, number):
    interview = make_interview(exchanges=1_000)
    anchor = interview.exchanges.get(position=position).anchor + "-p2"

    response = client.get(url_at(reading_url(interview), anchor))

    assert f'id="{anchor}"' in response.content.decode()
    assert f"Page {number} of 20" in response.content.decode()


def test_a_sentence_permalink_opens_the_page_of_its_passage(client):
    interview = make_interview(exchanges=200)
    passage = interview.exchanges.get(position=180).anchor + "-q"

    response = client.get(url_at(reading_url(interview), bead_anchor(passage, 1)))

    assert f'id="{passage}"' in response.content.decode()


@pytest.mark.parametrize("query", ["?at=nonsense", "?at=x-000000000000-p2", "?page=abc"])
def test_an_unknown_anchor_or_page_opens_the_first_page(client, query):
    interview = make_interview(exchanges=200)

    response = client.get(reading_url(interview) + query)

    assert response.status_code == 200
    assert shown(response)[0] == 1


@pytest.mark.parametrize("number", ["99", "0", "-1"])
def test_a_page_out_of_range_opens_the_last(client, number):
    interview = make_interview(exchanges=120)

    assert shown(client.get(f"{reading_url(interview)}?page={number}"))[-1] == 120


def test_the_other_pages_keep_the_columns_and_the_search(client):
    interview = make_interview(exchanges=120)

    html = client.get(reading_url(interview) + "?show=en&q=yes&page=2").content.decode()

    assert 'href="?show=en&amp;q=yes&amp;page=3"' in html
    assert 'href="?show=en&amp;q=yes&amp;page=1"' in html


def test_a_long_interview_brings_the_script_for_permalinks_written_before_pages(client):
    interview = make_interview(exchanges=120)

    html = client.get(reading_url(interview)).content.decode()

    assert "js/permalinks.js" in html


def test_switching_columns_keeps_the_page(client):
    interview = make_interview(exchanges=120)

    html = client.get(reading_url(interview) + "?page=2&q=yes").content.decode()

    assert 'href="?show=en,fr&amp;q=yes&amp;page=2"' in html
