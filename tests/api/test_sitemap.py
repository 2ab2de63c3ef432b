"""The sitemap and robots.txt, as search engines read them."""

from __future__ import annotations

import pytest
from django.utils import timezone
from lxml import etree

from interviews.models import Interview
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    return etree.fromstring(response.content)


def test_the_sitemap_lists_exactly_the_published_interviews_in_both_languages(client):
    published = [make_interview(), make_interview()]
    make_interview(status=Interview.Status.DRAFT)
    locations = sitemap(client).xpath("//s:url/s:loc/text()", namespaces=NS)
    assert sorted(locations) == sorted(
        f"http://testserver/{lang}/interviews/{interview.slug}/"
        for interview in published
        for lang in ("fr", "en")
    )


def test_each_url_names_its_alternates_and_its_last_change(client):
    interview = make_interview()
    [url, *_] = sitemap(client).xpath("//s:url", namespaces=NS)
    alternates = {
        link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=NS)
    }
    assert alternates["fr"] == f"http://testserver/fr/interviews/{interview.slug}/"
    assert alternates["en"] == f"http://testserver/en/interviews/{interview.slug}/"
    lastmod = url.xpath("s:lastmod/text()", namespaces=NS)
    assert lastmod == [timezone.localdate(interview.updated_at).isoformat()]


def test_robots_points_to_the_sitemap_and_keeps_editor_pages_out(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/fr/edit/", "/en/edit/", "/fr/admin/", "/en/accounts/login/"):
        assert f"Disallow: {path}" in lines
