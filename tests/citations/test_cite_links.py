"""The "Cite" links of the reading view: a passage, an exchange, the interview."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from .conftest import exchange

pytestmark = pytest.mark.django_db


def reading_page(client, interview, **params):
    response = client.get(f"/en/interviews/{interview.slug}/", params)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def cite_url(interview, lang: str, passage: str = "") -> str:
    query = f"passage={passage}&lang={lang}" if passage else f"lang={lang}"
    return f"/en/interviews/{interview.slug}/cite/?{query}"


def test_every_row_has_a_cite_link_per_language_cell(client, interview):
    page = reading_page(client, interview)
    rows = page.cssselect(".exchange .row")
    assert len(rows) == 3 * (1 + 3)
    for row in rows:
        links = [(a.get("data-cite-lang"), a.get("href")) for a in row.cssselect("a.cite-link")]
        assert links == [(lang, cite_url(interview, lang, row.get("id"))) for lang in ("fr", "en")]


def test_cite_links_follow_the_columns_shown(client, interview):
    row = reading_page(client, interview, show="en,fr").cssselect(".exchange .row")[0]
    assert [a.get("data-cite-lang") for a in row.cssselect("a.cite-link")] == ["en", "fr"]


def test_untranslated_cell_has_no_cite_link(client, interview):
    second = exchange(interview)
    second.answer_en = "Only one paragraph."
    second.save()
    row = reading_page(client, interview).get_element_by_id(f"{second.anchor}-p2")
    assert [a.get("data-cite-lang") for a in row.cssselect("a.cite-link")] == ["fr"]


def test_each_exchange_has_cite_links_per_language(client, interview):
    section = reading_page(client, interview).get_element_by_id(exchange(interview).anchor)
    links = section.cssselect(".cite-links--exchange a.cite-link")
    assert [a.get("href") for a in links] == [
        cite_url(interview, lang, exchange(interview).anchor) for lang in ("fr", "en")
    ]
    assert links[1].text_content() == "Cite exchange 2 (English)"


def test_interview_has_cite_links_per_language(client, interview):
    links = reading_page(client, interview).cssselect(".cite-links--interview a.cite-link")
    assert [a.get("href") for a in links] == [cite_url(interview, "fr"), cite_url(interview, "en")]


def test_every_cite_link_of_the_reading_view_opens_a_cite_page(client, interview):
    for link in reading_page(client, interview).cssselect("a.cite-link")[:12]:
        assert client.get(link.get("href")).status_code == 200


@pytest.mark.parametrize(
    "path", ["/en/interviews/{slug}/", "/en/interviews/{slug}/cite/", "/en/search/"]
)
def test_pages_with_cite_controls_load_the_cite_script_deferred(client, interview, path):
    page = lxml_html.fromstring(client.get(path.format(slug=interview.slug)).content)
    (script,) = [s for s in page.cssselect("head script[src]") if "cite" in s.get("src")]
    assert script.get("src") == "/static/js/cite.js"
    assert script.get("defer") is not None
