"""What a page states about itself, where, and which source wins when they disagree."""

from __future__ import annotations

import json
from datetime import date

import lxml.html
import pytest

from interviews.import_provenance import WHERE
from interviews.importing.metadata import outlet_label, standfirst_people
from interviews.importing.page_metadata import PROVENANCE, PageMetadata, read_page_metadata


def read(head: str = "", body: str = "") -> PageMetadata:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_page_metadata(html, lxml.html.document_fromstring(html))


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


ARTICLE = {"@context": "https://schema.org", "@type": "NewsArticle"}
OG_SITE = '<meta property="og:site_name" content="Site OG">'
TITLE = "<title>Un titre assez long pour en être un - Libération</title>"
FOOTER = "<footer><p>© 2024 Le Parisien - Tous droits réservés</p></footer>"


def test_json_ld_publisher_wins_over_open_graph_title_and_footer():
    page = read(json_ld({**ARTICLE, "publisher": {"name": "JSON"}}) + OG_SITE + TITLE, FOOTER)

    assert (page.outlet.value, page.outlet.where) == ("JSON", "json_ld_publisher")


def test_open_graph_wins_over_the_title_and_the_footer():
    page = read(OG_SITE + TITLE, FOOTER)

    assert (page.outlet.value, page.outlet.where) == ("Site OG", "og_site_name")


def test_the_title_suffix_wins_over_the_footer():
    page = read(TITLE, FOOTER)

    assert (page.outlet.value, page.outlet.where) == ("Libération", "page_title")


@pytest.mark.parametrize(
    "title",
    [
        "<title>Libération</title>",
        "<title>Entretien - un article dont la fin est longue</title>",
        "<title>Interview exclusive : Jean Dupont</title>",
    ],
)
def test_a_title_without_a_short_suffix_names_no_outlet(title):
    assert read(title).outlet is None


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Un titre assez long - Libération", "Libération"),
        ("Un titre assez long | Le Monde", "Le Monde"),
        ("Un titre - assez long – Ouest-France", "Ouest-France"),
    ],
)
def test_the_title_suffix_is_the_last_part_after_a_spaced_separator(title, outlet):
    assert read(f"<title>{title}</title>").outlet.value == outlet


def test_a_title_suffix_that_the_headline_shows_is_no_outlet():
    page = read(
        "<title>Jean Dupont, le maire - Entretien</title>", "<h1>Jean Dupont - Entretien</h1>"
    )

    assert page.outlet is None


def test_a_copyright_in_a_script_is_no_footer():
    page = read(body='<p>Texte.</p><script>var c = "© Tracker Inc - all rights";</script>')

    assert page.outlet is None


@pytest.mark.parametrize(
    "footer",
    [
        "© Le Parisien - Tous droits réservés",
        "Copyright © 2019-2024 Le Parisien. All rights reserved",
        "© 2024 Le Parisien",
    ],
)
def test_the_footer_copyright_names_the_outlet(footer):
    page = read(body=f"<p>Texte.</p><footer><p>{footer}</p></footer>")

    assert (page.outlet.value, page.outlet.where) == ("Le Parisien", "footer")


def test_the_last_copyright_line_is_the_footer_not_a_photo_credit():
    page = read(body="<p>Photo © AFP</p>" + FOOTER)

    assert page.outlet.value == "Le Parisien"


def test_json_ld_in_a_graph_with_references_is_resolved():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "name": "Page"},
            {
                "@type": ["NewsArticle", "ReportageNewsArticle"],
                "datePublished": "2024-03-12T08:00:00+01:00",
                "author": [{"@type": "Person", "name": "A. Auteur"}, "B. Auteur"],
                "publisher": {"@id": "#org"},
                "about": [{"@type": "Person", "name": "Jeanne Roux"}, {"@type": "Thing"}],
            },
            {"@type": "Organization", "@id": "#org", "name": "Le Journal"},
        ],
    }
    page = read(json_ld(graph))

    assert page.outlet.value == "Le Journal"
    assert (page.published_on.value, page.published_on.where) == (date(2024, 3, 12), "json_ld_date")
    assert page.author.value == "A. Auteur, B. Auteur"
    assert page.interviewees.value == ("Jeanne Roux",)


def test_json_ld_about_a_topic_names_no_interviewee():
    page = read(json_ld({**ARTICLE, "about": {"@type": "Thing", "name": "Climat"}}))

    assert page.interviewees is None


def test_broken_json_ld_is_ignored():
    page = read('<script type="application/ld+json">{"@type": "NewsArticle",</script>' + TITLE)

    assert page.outlet.where == "page_title"


def test_json_ld_date_wins_over_the_publication_date_tag():
    tag = '<meta property="article:published_time" content="2024-01-01">'
    page = read(json_ld({**ARTICLE, "datePublished": "2024-03-12"}) + tag)

    assert page.published_on.value == date(2024, 3, 12)


def test_the_title_source_is_the_first_headline_that_matches():
    og_title = '<meta property="og:title" content="Un titre assez long">'
    page = read(og_title, "<h1>Un  titre assez long</h1>")

    assert page.title_source("Un titre assez long") == "og_title"
    assert page.title_source("Autre chose") == ""


@pytest.mark.parametrize(
    ("standfirst", "people"),
    [
        ("Pour le sociologue Jean Viard. Dans son livre, il explique.", ["Jean Viard"]),
        ("L’économiste Esther Duflo répond à nos questions.", ["Esther Duflo"]),
        ("Selon la ministre déléguée Anne Roux, la ville change.", ["Anne Roux"]),
        ("Bernard Lefort, 58 ans, ancien ministre, se présente.", ["Bernard Lefort"]),
        ("The historian Mary Beard, 68, a classicist, explains.", ["Mary Beard"]),
        ("Jane Roe, 58, a former minister, explains.", ["Jane Roe"]),
        ("Le gouvernement a présenté son budget mardi.", []),
        ("Il a 58 ans et vit à Paris.", []),
    ],
)
def test_standfirst_people_are_named_by_trade_or_by_age(standfirst, people):
    assert standfirst_people(standfirst) == people


@pytest.mark.parametrize(
    ("askers", "outlet"),
    [(["Le Point"], "Le Point"), (["L'Express"], "L'Express"), (["Jean Dupont"], None), ([], None)],
)
def test_a_question_label_names_the_outlet_only_when_it_is_a_publication(askers, outlet):
    assert outlet_label(askers) == outlet


def test_every_provenance_is_worded():
    assert set(WHERE) == set(PROVENANCE)
