"""Searching, then reading the hit in context, in a real browser."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from interviews.models import Interview
from tests.factories import SEED_SLUG

pytestmark = pytest.mark.browser


@pytest.fixture
def live_seed(transactional_db, live_server):
    """The seed interview, committed (and so indexed), served to the browser."""
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    return Interview.objects.get(slug=SEED_SLUG)


def test_search_then_read_the_match_in_context(page, live_server, live_seed):
    page.goto(f"{live_server.url}/en/search/")
    page.fill('input[name="q"]', "single portal")
    page.press('input[name="q"]', "Enter")
    page.wait_for_url("**/search/?q=*")  # loaded, not only committed
    first = page.locator("article.hit").first
    marked = " ".join(first.locator(".hit__text mark").all_inner_texts()).lower()
    assert "single" in marked
    assert "portal" in marked
    assert "portail unique" in first.locator(".hit__translation").inner_text().lower()
    first.locator(".hit__actions a:not(.cite-link)").click()
    page.wait_for_url("**/interviews/**")
    anchor = page.evaluate("location.hash")[1:]
    assert anchor.startswith(f"x-{live_seed.exchanges.get(position=4).uid}-p")
    target = page.locator(f"#{anchor}")
    assert target.locator('.cell[lang="en"] mark').count() >= 1
    assert target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
