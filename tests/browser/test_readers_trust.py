"""Issue 16 in a real browser, at a phone's 390 px and a desktop's 1366 px: what a reader
sees first, copies, prints, and is told about the translation."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def reading_url(live_server, interview, query: str = "") -> str:
    return f"{live_server.url}/en/interviews/{interview.slug}/{query}"


def test_a_phone_user_sees_the_first_hit_without_scrolling_past_the_facets(
    phone, live_server, live_seed
):
    phone.goto(f"{live_server.url}/en/search/?q=portail")
    first = phone.locator("article.hit").first.bounding_box()
    assert first["y"] < PHONE["height"]
    assert not phone.locator(".facet").first.is_visible()
    assert phone.locator(".facets").bounding_box()["y"] > first["y"]


def test_the_facets_are_open_beside_the_hits_on_a_desktop(page, live_server, live_seed):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/en/search/?q=portail")
    facets = page.locator(".facet").first
    assert facets.is_visible()
    assert facets.bounding_box()["x"] < page.locator("article.hit").first.bounding_box()["x"]


def test_facet_links_are_at_least_24_px_tall(phone, live_server, live_seed):
    phone.goto(f"{live_server.url}/en/search/?q=portail")
    phone.locator(".facets summary").tap()
    boxes = [link.bounding_box() for link in phone.locator(".facet a").all()]
    assert boxes
    assert min(box["height"] for box in boxes) >= 24


def test_the_list_filters_are_folded_on_a_phone(phone, live_server, live_seed):
    phone.goto(f"{live_server.url}/en/interviews/")
    assert not phone.locator(".filters").is_visible()
    assert phone.locator(".card").first.bounding_box()["y"] < PHONE["height"]
    phone.locator(".filters-disclosure summary").tap()
    assert phone.locator(".filters").is_visible()


def test_a_reader_copies_a_paragraph_permalink_by_touch(phone, live_server, live_seed):
    phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone.goto(reading_url(live_server, live_seed))
    row = phone.locator(".row--paragraph").nth(1)
    anchor = row.get_attribute("id")
    button = row.locator(".copy-link")
    assert button.is_visible()
    button.tap()
    expected = f"{reading_url(live_server, live_seed)}?at={anchor}#{anchor}"
    assert button.get_attribute("data-copied") == expected
    assert phone.evaluate("navigator.clipboard.readText()") == expected


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_unreviewed_label_is_on_the_column(page, live_server, live_seed, viewport):
    page.set_viewport_size(viewport)
    page.goto(reading_url(live_server, live_seed))
    notice = page.locator(".translation-notice")
    assert notice.is_visible()
    assert "Unreviewed translation" in notice.inner_text()
    assert notice.bounding_box()["y"] < page.locator(".exchange").first.bounding_box()["y"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_unreviewed_label_is_on_the_hit(page, live_server, live_seed, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/en/search/?q=portail")
    label = page.locator("article.hit").first.locator(".translation-label")
    assert label.is_visible()
    assert "Unreviewed translation" in label.inner_text()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_unreviewed_label_is_on_the_citation(page, live_server, live_seed, viewport):
    page.set_viewport_size(viewport)
    anchor = live_seed.exchanges.first().anchor
    page.goto(f"{reading_url(live_server, live_seed)}cite/?passage={anchor}-p1&lang=en")
    label = page.locator(".cite-panel__status")
    assert label.is_visible()
    assert "Unreviewed translation" in label.inner_text()
    assert "unreviewed translation" in page.locator(".reference__text").first.inner_text()


LONGEST_LINE = """(cell) => {
  const walker = document.createTreeWalker(cell.querySelector("p"), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const lines = new Map();
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      lines.set(top, (lines.get(top) || 0) + 1);
    }
  }
  return Math.max(...lines.values());
}"""


@pytest.mark.parametrize("show", ["", "?show=en,fr", "?show=fr", "?show=en"])
def test_reading_lines_hold_at_most_80_characters(page, live_server, live_seed, show):
    page.set_viewport_size(DESKTOP)
    page.goto(reading_url(live_server, live_seed, show))
    cells = page.locator(".row--paragraph .cell")
    longest = max(cells.nth(i).evaluate(LONGEST_LINE) for i in range(min(cells.count(), 6)))
    assert 40 < longest <= 80


def test_printing_leaves_out_the_header_and_the_options(page, live_server, live_seed):
    page.goto(reading_url(live_server, live_seed))
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".view-options").is_visible()
    assert page.locator(".exchange").first.is_visible()


def test_dark_mode_follows_the_system(page, live_server, live_seed):
    page.emulate_media(color_scheme="dark")
    page.goto(reading_url(live_server, live_seed))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 23, 26)"


def test_leaving_the_translation_editor_with_unsaved_text_warns(page, live_server, live_seed):
    page.context.add_cookies([reviewer_cookie(live_server)])
    page.goto(f"{live_server.url}/en/edit/interviews/{live_seed.slug}/translate/")
    page.locator(".text-form textarea").first.fill("Unsaved words.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == ["beforeunload"]


def reviewer_cookie(live_server) -> dict:
    client = Client()
    client.force_login(make_user(is_superuser=True))
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.mark.parametrize(
    "path",
    [
        "/en/edit/",
        "/en/edit/interviews/{slug}/translate/",
        "/en/edit/import/",
        "/en/edit/interviews/{slug}/history/",
    ],
)
def test_editor_pages_line_their_content_up_with_the_header(page, live_server, live_seed, path):
    page.set_viewport_size(DESKTOP)
    page.context.add_cookies([reviewer_cookie(live_server)])
    page.goto(live_server.url + path.format(slug=live_seed.slug))
    brand = page.locator(".brand").bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert brand["x"] == heading["x"]


def test_the_import_form_s_controls_are_set_in_the_form_s_type(page, live_server, live_seed):
    """Each control (the original's language, the outlet, the files, the texts) is set like
    its label, not in the browser's small default type."""
    page.context.add_cookies([reviewer_cookie(live_server)])
    page.goto(f"{live_server.url}/en/edit/import/")
    controls = page.evaluate(
        """[...document.querySelectorAll('.import-form .field')].flatMap(field => {
            const label = getComputedStyle(field.querySelector('label'));
            return [...field.querySelectorAll('input, select, textarea')].map(control => {
                const style = getComputedStyle(control);
                return [control.name, style.fontFamily === label.fontFamily
                    && style.fontSize === label.fontSize];
            });
        })"""
    )
    assert len(controls) == 6
    assert [name for name, like_its_label in controls if not like_its_label] == []
