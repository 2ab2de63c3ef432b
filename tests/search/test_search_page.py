"""The results page, /<lang>/search/."""

from __future__ import annotations

import html
import re
from datetime import date
from io import StringIO
from urllib.parse import parse_qs, unquote_plus

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interviews.models import Interview
from tests.factories import SEED_SLUG, make_interview, make_outlet

pytestmark = pytest.mark.django_db


def rebuild() -> None:
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())


def page(client, site: str = "fr", **params) -> str:
    """The search page of the site in language ``site``, for the GET ``params``."""
    response = client.get(f"/{site}/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def hit_articles(text: str) -> list[str]:
    return re.findall(r'<article class="hit">.*?</article>', text, flags=re.S)


def test_page_without_a_query_shows_the_form(client, db):
    text = page(client)
    assert 'name="q"' in text
    assert '<article class="hit">' not in text


def test_hit_highlights_the_match(client, indexed_seed):
    first = hit_articles(page(client, q='"portail unique"'))[0]
    assert re.search(r"<mark>portail unique</mark>", first, flags=re.I)


def test_hit_shows_the_aligned_translation_beside(client, indexed_seed):
    first = hit_articles(page(client, "en", q="single portal"))[0]
    original = re.search(r'<blockquote lang="en" class="hit__text">', first)
    translation = re.search(
        r'<blockquote lang="fr" class="hit__translation">(.*?)</blockquote>', first, flags=re.S
    )
    assert original
    assert translation
    assert "portail unique" in translation.group(1).lower()


def test_hit_links_to_the_paragraph_in_the_reading_view_with_the_query(client, indexed_seed):
    uid = indexed_seed.exchanges.get(position=4).uid
    first = hit_articles(page(client, "en", q="single portal"))[0]
    assert f'href="/en/interviews/{SEED_SLUG}/?q=single+portal&amp;at=x-{uid}-p' in first


def test_page_escapes_what_it_shows(client, indexed_seed):
    text = page(client, q="<script>alert(1)</script> portail")
    assert "<script>alert(1)</script>" not in text


def test_facets_show_counts_and_link_to_their_filter(client, indexed_seed):
    text = page(client, "en", q="numerique")
    total = int(re.search(r'class="result-count">(\d+)', text).group(1))
    outlet, person = indexed_seed.outlet, indexed_seed.interviewees.get()
    for name, value in (("outlet", outlet.slug), ("person", person.slug), ("lang", "fr")):
        link = rf'<a href="\?q=numerique&amp;{name}={value}">[^<]+</a>'
        assert re.search(rf'{link} <span class="count">{total}</span>', text), name
    assert f'<span class="count">{total}</span>' in text.split("<h2>Topic</h2>")[1]
    assert "date_from=2024-01-01&amp;date_to=2024-12-31" in text


def test_outlet_filter_keeps_only_that_outlet(client, db):
    kept = make_interview(outlet=make_outlet("Le Kept"))
    make_interview(outlet=make_outlet("The Other"))
    rebuild()
    assert (
        len({slug for slug in re.findall(r"/fr/interviews/([\w-]+)/", page(client, q="answer"))})
        == 2
    )
    text = page(client, q="answer", outlet=kept.outlet.slug)
    assert set(re.findall(r"/fr/interviews/([\w-]+)/\?", text)) == {kept.slug}


def test_person_filter_keeps_only_that_person(client, db):
    kept = make_interview()
    make_interview()
    rebuild()
    person = kept.interviewees.get()
    text = page(client, q="answer", person=person.slug)
    assert set(re.findall(r"/fr/interviews/([\w-]+)/\?", text)) == {kept.slug}


def test_topic_filter_keeps_only_that_topic(client, indexed_seed):
    kept = make_interview()
    make_interview()
    topic = indexed_seed.topics.first()
    kept.topics.add(topic)
    rebuild()
    text = page(client, q="answer", topic=topic.slug)
    assert set(re.findall(r"/fr/interviews/([\w-]+)/\?", text)) == {kept.slug}


def test_date_range_filter(client, db):
    old = make_interview(published_on=date(2020, 3, 1))
    make_interview(published_on=date(2024, 3, 1))
    rebuild()
    text = page(client, q="answer", date_from="2019-01-01", date_to="2021-12-31")
    assert set(re.findall(r"/fr/interviews/([\w-]+)/\?", text)) == {old.slug}


@pytest.mark.parametrize(("lang", "text"), [("fr", "numerique"), ("en", "digital")])
def test_language_filter_keeps_hits_in_that_language(client, indexed_seed, lang, text):
    hits = hit_articles(page(client, q=text, lang=lang))
    assert hits
    assert all(f'<blockquote lang="{lang}" class="hit__text">' in hit for hit in hits)


def test_sort_by_date_puts_the_newest_first(client, db):
    older = make_interview(published_on=date(2019, 1, 1), exchanges=1)
    newer = make_interview(published_on=date(2024, 1, 1), exchanges=1)
    rebuild()
    slugs = re.findall(r"/fr/interviews/([\w-]+)/\?", page(client, q="answer", sort="date"))
    assert slugs[0] == newer.slug
    assert slugs[-1] == older.slug


def test_did_you_mean_offers_a_query_that_finds_something(client, indexed_seed):
    text = page(client, "en", q="acessibles")
    offered = re.search(r'Did you mean <a href="\?q=([^"&]+)">', text)
    assert offered
    suggestion = unquote_plus(html.unescape(offered.group(1)))
    assert suggestion != "acessibles"
    assert hit_articles(page(client, "en", q=suggestion))


def test_did_you_mean_keeps_the_filters_and_goes_back_to_page_one(client, indexed_seed):
    text = page(client, "en", q="portial", lang="fr", sort="date", page=2)
    offered = re.search(r'Did you mean <a href="\?([^"]+)">', text)
    assert offered
    params = parse_qs(html.unescape(offered.group(1)))
    assert params["lang"] == ["fr"]
    assert params["sort"] == ["date"]
    assert "page" not in params
    assert params["q"] == ["portail"]


def test_hit_escapes_the_indexed_text(client, db):
    interview = make_interview(exchanges=1, paragraphs=1)
    interview.exchanges.update(answer_fr="<b>Le guichet</b> & co")
    rebuild()
    first = hit_articles(page(client, q="guichet"))[0]
    assert "&lt;b&gt;Le <mark>guichet</mark>&lt;/b&gt; &amp; co" in first


def test_no_did_you_mean_when_every_word_is_known(client, indexed_seed):
    assert "Did you mean" not in page(client, "en", q="numérique")


def test_results_are_paginated(client, db):
    make_interview(exchanges=15, paragraphs=1)
    rebuild()
    first = page(client, q="paragraph")
    assert len(hit_articles(first)) == 10
    assert 'rel="next"' in first
    second = page(client, q="paragraph", page=2)
    assert 'rel="prev"' in second
    assert 1 <= len(hit_articles(second)) <= 10
    assert set(hit_articles(first)).isdisjoint(hit_articles(second))


@pytest.mark.parametrize(
    "text",
    ['"unclosed', "AND OR (", "*", "title:(", "x" * 10_000],
    ids=["unclosed", "operators", "star", "field", "long"],
)
def test_bad_query_shows_a_message_not_an_error(client, indexed_seed, text):
    html_text = page(client, q=text)
    assert 'role="alert"' in html_text or 'class="result-count"' in html_text
    assert "Traceback" not in html_text


def test_query_of_operators_alone_is_explained(client, indexed_seed):
    text = page(client, "en", q="NOT (")
    assert 'role="alert"' in text
    assert "could not be understood" in text


def test_too_long_query_is_explained(client, indexed_seed):
    text = page(client, q="numérique " * 1000)
    assert 'role="alert"' in text
    assert "500" in text


def test_invalid_filters_are_explained_not_an_error(client, indexed_seed):
    text = page(client, q="numerique", date_from="not-a-date", page="-3", sort="sideways")
    assert 'role="alert"' in text


def test_page_query_count_does_not_grow_with_hits(
    whoosh_index, client, db, django_assert_max_num_queries
):
    make_interview(exchanges=1, paragraphs=1)
    rebuild()
    with django_assert_max_num_queries(6) as few:
        page(client, q="answer")
    for _ in range(4):
        make_interview(exchanges=4, paragraphs=3)
    rebuild()
    with django_assert_max_num_queries(len(few.captured_queries)):
        text = page(client, q="answer")
    assert len(hit_articles(text)) == 10


def test_hits_are_attributed_once_per_state_of_the_index(whoosh_index, client, db):
    make_interview(exchanges=2, paragraphs=2)
    rebuild()

    def statements(**params) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            page(client, **params)
        return [query["sql"] for query in queries.captured_queries]

    first = statements(q="answer")
    # The same interviews' hits on another page: their speakers' names are known.
    again = statements(q="answer", sort="date")
    assert len(again) < len(first)
    assert not [sql for sql in again if "interviews_person" in sql]
    make_interview(exchanges=1, paragraphs=1)
    rebuild()
    assert len(statements(q="answer", sort="date")) == len(first)


def test_draft_is_never_found_by_the_public(client, db):
    draft = make_interview(status=Interview.Status.DRAFT)
    published = make_interview()
    rebuild()
    text = page(client, q="answer")
    assert draft.slug not in text
    assert published.slug in text
