from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def open_reading_view(page, live_server, interview, width: int, height: int = 900):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/fr/interviews/{interview.slug}/")


def test_each_french_paragraph_starts_level_with_its_english(page, live_server, live_seed):
    open_reading_view(page, live_server, live_seed, width=1366)
    rows = page.locator(".exchange .row")
    assert rows.count() == 4 + (2 + 5 + 3 + 3)
    for i in range(rows.count()):
        row = rows.nth(i)
        fr = row.locator('.cell[lang="fr"] p').bounding_box()
        en = row.locator('.cell[lang="en"] p').bounding_box()
        assert fr["y"] == en["y"], row.get_attribute("id")
        assert fr["x"] < en["x"]


def test_phone_width_has_no_horizontal_scrolling(page, live_server, live_seed):
    open_reading_view(page, live_server, live_seed, width=375, height=740)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    client_width = page.evaluate("document.documentElement.clientWidth")
    assert scroll_width <= client_width


def test_phone_width_stacks_french_above_its_english(page, live_server, live_seed):
    open_reading_view(page, live_server, live_seed, width=375, height=740)
    row = page.locator(".exchange .row--paragraph").first
    fr = row.locator('.cell[lang="fr"]').bounding_box()
    en = row.locator('.cell[lang="en"]').bounding_box()
    assert fr["y"] + fr["height"] <= en["y"]


def test_language_switcher_keeps_the_reader_on_the_interview(page, live_server, live_seed):
    open_reading_view(page, live_server, live_seed, width=1366)
    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url(f"**/en/interviews/{live_seed.slug}/")
    expect(page.locator("h1")).to_have_text(live_seed.title_en)
