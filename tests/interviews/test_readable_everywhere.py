"""Issue 16, part 3, through the test client: what each page carries for every reader."""

from __future__ import annotations

from itertools import pairwise

import pytest
from lxml import html as lxml_html

from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def tree(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def test_side_by_side_shows_both_titles(client, seed):
    page = tree(client, f"/en/interviews/{seed.slug}/")
    assert page.xpath("string(//h1)") == seed.title_en
    assert page.xpath("string(//*[@class='title-other'][@lang='fr'])") == seed.title_fr


def test_one_language_shows_its_title_only(client, seed):
    page = tree(client, f"/en/interviews/{seed.slug}/?show=en")
    assert page.xpath("//*[@class='title-other']") == []


def test_side_by_side_shows_both_standfirsts(client):
    interview = make_interview(standfirst_fr="Chapeau.", standfirst_en="Standfirst.")
    page = tree(client, interview.get_absolute_url().replace("/fr/", "/en/"))
    standfirsts = {p.get("lang"): p.text for p in page.xpath("//p[@class='standfirst']")}
    assert standfirsts == {"fr": "Chapeau.", "en": "Standfirst."}
    assert page.xpath("//*[@class='fallback-note']") == []


def test_an_untranslated_standfirst_is_marked_with_its_language(client):
    interview = make_interview(standfirst_fr="Chapeau seulement.", standfirst_en="")
    page = tree(client, f"/en/interviews/{interview.slug}/?show=en")
    assert page.xpath("//p[@class='standfirst']/@lang") == ["fr"]
    assert "shown in French" in page.xpath("string(//*[@class='fallback-note'])")


@pytest.mark.parametrize("show", ["fr", "en", "fr,en", "en,fr"])
def test_exactly_the_current_reading_option_is_marked_and_none_links_to_itself(client, seed, show):
    page = tree(client, f"/en/interviews/{seed.slug}/?show={show}")
    options = page.xpath("//nav[@class='view-options']/a")
    current = [a.get("href") for a in options if a.get("aria-current") == "page"]
    assert current == [f"?show={show}"]
    assert len({a.get("href") for a in options}) == len(options) == 4


def test_paragraph_permalinks_are_full_links_with_a_copy_button(client, seed):
    anchor = f"{seed.exchanges.first().anchor}-p1"
    page = tree(client, f"/en/interviews/{seed.slug}/")
    link = page.xpath(f"//*[@id='{anchor}']//*[@class='permalink']/a/@href")
    assert link == [f"/en/interviews/{seed.slug}/?at={anchor}#{anchor}"]
    assert page.xpath(f"//*[@id='{anchor}']//button[@data-copy-link]")


@pytest.mark.parametrize(
    "url", ["/en/", "/fr/interviews/", "/en/search/?q=portail", "/en/interviews/{slug}/"]
)
def test_every_page_has_a_meta_description_and_an_icon(client, seed, url):
    page = tree(client, url.format(slug=seed.slug))
    assert page.xpath("string(//meta[@name='description']/@content)").strip()
    assert page.xpath("//link[@rel='icon']/@href") == ["/favicon.ico"]


def test_the_reading_view_is_described_by_its_standfirst(client, seed):
    page = tree(client, f"/fr/interviews/{seed.slug}/")
    description = page.xpath("string(//meta[@name='description']/@content)")
    assert description[:40] == seed.standfirst_fr[:40]


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_the_home_page_has_a_search_box(client, seed):
    page = tree(client, "/en/")
    form = page.xpath("//form[@role='search']")[0]
    assert form.get("action") == "/en/search/"
    assert form.xpath(".//input[@type='search'][@name='q']")


def test_list_headings_go_down_one_level_at_a_time(client, seed):
    page = tree(client, "/en/interviews/")
    levels = [int(h.tag[1]) for h in page.xpath("//main//*[self::h1 or self::h2 or self::h3]")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_the_list_filters_fold_into_a_disclosure(client, seed):
    page = tree(client, "/en/interviews/")
    assert page.xpath("//details[contains(@class, 'disclosure')]//form[@class='filters']")


def test_the_search_facets_fold_into_a_disclosure(client, seed):
    page = tree(client, "/en/search/?q=portail")
    assert page.xpath("//aside[@class='facets']/details/summary")
