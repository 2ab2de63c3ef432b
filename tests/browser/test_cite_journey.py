"""Citing a search hit, in a real browser: the dialog, the copy button, the clipboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def clipboard_page(browser, live_server):
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], base_url=live_server.url
    )
    yield context.new_page()
    context.close()


def test_cite_a_search_hit_and_copy_its_reference(clipboard_page, live_seed):
    page = clipboard_page
    page.goto("/fr/search/?q=%22portail+unique%22")
    hit = page.locator("article.hit").first
    hit.locator(".hit__actions a.cite-link").click()
    dialog = page.locator("dialog.cite-dialog")
    dialog.wait_for(state="visible")
    locator = dialog.locator(".cite-locator").inner_text()
    assert locator.startswith("échange 4, paragraphe")
    button = dialog.locator('button.copy-reference[data-style="apa"]')
    button.click()
    page.wait_for_function("() => document.querySelector('button.copy-reference[data-copied]')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == button.get_attribute("data-copy")
    assert "El Haloui" in copied
    assert "L’Opinion" in copied or "L'Opinion" in copied
    assert page.url.endswith("/fr/search/?q=%22portail+unique%22")


def test_cite_link_works_without_javascript(browser, live_server, live_seed):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(f"/en/interviews/{live_seed.slug}/")
    page.locator(".row--paragraph a.cite-link").first.click()
    page.wait_for_url("**/cite/?*")  # waits for the page's load, not only its commit
    references = page.locator("#cite-panel .reference__text")
    expect(references).to_have_count(3)
    assert "El Haloui" in references.first.inner_text()
    context.close()
