"""Atom feeds, read back by feedparser (what aggregators use)."""

from __future__ import annotations

import feedparser
import pytest

from interviews.models import Interview, Topic
from tests.factories import make_interview, make_outlet, make_person

pytestmark = pytest.mark.django_db


def read(client, url: str):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    return feedparser.parse(response.content)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_feed_is_well_formed_atom_in_its_language(client, lang):
    make_interview()
    feed = read(client, f"/{lang}/feed/")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == lang


def test_the_feed_lists_published_interviews_only(client):
    published = make_interview()
    make_interview(status=Interview.Status.DRAFT)
    feed = read(client, "/en/feed/")
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/en/interviews/{published.slug}/"
    ]


def test_an_entry_has_the_standfirst_and_links_in_both_languages(client):
    interview = make_interview(standfirst_fr="Chapeau « français ».", standfirst_en="English lede.")
    [entry] = read(client, "/fr/feed/").entries
    assert entry.title == interview.title_fr
    assert "Chapeau « français »." in entry.summary and "English lede." in entry.summary
    assert f"http://testserver/en/interviews/{interview.slug}/" in entry.summary
    assert f"http://testserver/fr/interviews/{interview.slug}/" in entry.summary


def test_an_outlets_feed_holds_its_interviews_only(client):
    outlet = make_outlet()
    mine = make_interview(outlet=outlet)
    make_interview()
    feed = read(client, f"/en/outlets/{outlet.slug}/feed/")
    assert not feed.bozo
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/en/interviews/{mine.slug}/"
    ]


def test_a_persons_feed_holds_their_published_interviews_only(client):
    person = make_person()
    mine = make_interview(interviewees=[person])
    make_interview(interviewees=[person], status=Interview.Status.DRAFT)
    feed = read(client, f"/en/people/{person.slug}/feed/")
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver/en/interviews/{mine.slug}/"
    ]


def test_a_topics_feed_holds_its_interviews(client):
    topic = Topic.objects.create(slug="climat", name_fr="Climat", name_en="Climate")
    mine = make_interview()
    mine.topics.add(topic)
    make_interview()
    feed = read(client, "/en/topics/climat/feed/")
    assert feed.feed.title == "Latest interviews about Climate"
    assert len(feed.entries) == 1


def test_pages_announce_the_feed(client):
    page = client.get("/en/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/en/feed/"' in page
