"""The reading view, reached from a hit (``?q=``), highlights the match there too."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interviews.models import Exchange, Interview
from search import engine
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def reading(client, interview: Interview, site: str = "fr", **params) -> str:
    response = client.get(f"/{site}/interviews/{interview.slug}/", params)
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, anchor: str) -> str:
    """The HTML of the reading view's row ``anchor``."""
    match = re.search(
        rf'<div class="row[^"]*" id="{anchor}">(.*?)<div class="permalink"', html, re.S
    )
    assert match, anchor
    return match.group(1)


def cell(html: str, anchor: str, lang: str) -> str:
    match = re.search(rf'<div class="cell" lang="{lang}">(.*?)</div>', row(html, anchor), re.S)
    assert match, (anchor, lang)
    return match.group(1)


def rebuild() -> None:
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())


def test_french_phrase_is_highlighted_in_its_paragraph(client, indexed_seed):
    anchor = indexed_seed.exchanges.get(position=4).anchor
    html = reading(client, indexed_seed, q='"portail unique"')
    assert "<mark>portail unique</mark>" in cell(html, f"{anchor}-p2", "fr").lower()
    assert "<mark>" not in cell(html, f"{anchor}-p2", "en")


def test_english_words_are_highlighted_in_the_english_column(client, indexed_seed):
    anchor = indexed_seed.exchanges.get(position=4).anchor
    html = reading(client, indexed_seed, "en", q="single portal")
    english = cell(html, f"{anchor}-p2", "en").lower()
    assert "<mark>single</mark>" in english or "<mark>single portal</mark>" in english
    assert "<mark>" not in cell(html, f"{anchor}-p2", "fr")


def test_every_matching_passage_is_highlighted_and_no_other(client, indexed_seed):
    html = reading(client, indexed_seed, q="numerique")
    rows = re.findall(
        r'<div class="row[^"]*" id="(x-[^"]+)">(.*?)<div class="permalink"', html, re.S
    )
    marked = {anchor for anchor, content in rows if "<mark>" in content}
    expected = {
        f"{exchange.anchor}-p{number}"
        for exchange in indexed_seed.exchanges.all()
        for number, paragraph in enumerate(exchange.paragraphs("fr"), start=1)
        if "numérique" in paragraph.lower()
    } | {
        f"{exchange.anchor}-q"
        for exchange in indexed_seed.exchanges.all()
        if "numérique" in exchange.question_fr.lower()
    }
    assert expected
    assert marked == expected


def test_no_highlight_without_a_query(client, indexed_seed):
    html = reading(client, indexed_seed)
    assert "<mark>" not in html
    assert "search-context" not in html


def test_notice_counts_the_highlighted_passages(client, indexed_seed):
    html = reading(client, indexed_seed, "en", q='"portail unique"')
    marked = len(
        re.findall(
            r'<div class="row[^"]*" id="x-[^"]+">(?:(?!<div class="permalink").)*<mark>', html, re.S
        )
    )
    assert marked >= 2
    assert f"{marked} passages matching" in html


def test_notice_says_when_nothing_matches(client, indexed_seed):
    html = reading(client, indexed_seed, "en", q="hippopotame")
    assert "Nothing in this interview matches" in html


def test_highlight_notice_links_back_to_the_results(client, indexed_seed):
    html = reading(client, indexed_seed, "en", q="single portal")
    assert 'class="search-context"' in html
    assert 'href="/en/search/?q=single%20portal"' in html


def test_column_links_keep_the_query(client, indexed_seed):
    html = reading(client, indexed_seed, "en", q="single portal")
    assert 'href="?show=en,fr&amp;q=single+portal"' in html


def test_highlight_escapes_the_text(client, db):
    interview = make_interview(exchanges=1, paragraphs=1)
    Exchange.objects.filter(interview=interview).update(answer_fr="<b>Le guichet</b> & co")
    rebuild()
    html = reading(client, interview, q="guichet")
    assert "&lt;b&gt;Le <mark>guichet</mark>&lt;/b&gt; &amp; co" in html
    assert "<b>Le" not in html


def test_query_is_escaped_in_the_page(client, indexed_seed):
    html = reading(client, indexed_seed, q="<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html


def test_stale_index_never_highlights_words_that_are_not_there(client, db):
    interview = make_interview(exchanges=1, paragraphs=1)
    Exchange.objects.filter(interview=interview).update(answer_fr="Un guichet unique.")
    rebuild()
    Exchange.objects.filter(interview=interview).update(answer_fr="Un portail unique.")
    html = reading(client, interview, q="guichet")
    assert "<mark>" not in html
    assert "Un portail unique." in html


@pytest.mark.parametrize(
    "text",
    ['"unclosed', "AND OR (", "*", "title:(", "x" * 10_000, " "],
    ids=["unclosed", "operators", "star", "field", "long", "blank"],
)
def test_bad_query_still_shows_the_whole_interview(client, indexed_seed, text):
    html = reading(client, indexed_seed, q=text)
    assert html.count('<section class="exchange"') == indexed_seed.exchanges.count()


@pytest.mark.parametrize("text", ["*", "x" * 10_000, "NOT ("], ids=["star", "long", "not"])
def test_query_that_cannot_run_highlights_nothing(client, indexed_seed, text):
    assert "<mark>" not in reading(client, indexed_seed, q=text)


def test_draft_shown_to_staff_with_a_query(admin_client, db):
    draft = make_interview(status=Interview.Status.DRAFT)
    html = reading(admin_client, draft, q="answer")
    assert 'class="alignment"' in html


def queries_for(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context)


def test_highlighting_costs_no_sql_query(whoosh_index, client, indexed_seed):
    url = f"/fr/interviews/{indexed_seed.slug}/"
    assert queries_for(client, url, q="numerique") == queries_for(client, url)


def test_broken_index_still_shows_the_interview(client, indexed_seed, monkeypatch, caplog):
    def broken(query):
        raise OSError("index unreadable")

    monkeypatch.setattr(engine.backend(), "search", broken)
    html = reading(client, indexed_seed, q="numerique")
    assert html.count('<section class="exchange"') == indexed_seed.exchanges.count()
    assert "<mark>" not in html
    assert "search highlighting failed" in caplog.text
