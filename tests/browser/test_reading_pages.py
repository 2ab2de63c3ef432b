"""A permalink written before long interviews had pages (``…/#x-…``, no ``?at=``) still
opens the page that holds its passage, in a real browser."""

from __future__ import annotations

import pytest

from tests.factories import make_interview

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("suffix", ["-p2", "-q", "-p1-s1"])
def test_an_old_permalink_to_a_later_page_opens_that_page(
    page, live_server, transactional_db, suffix
):
    interview = make_interview(exchanges=130)
    anchor = interview.exchanges.get(position=123).anchor + suffix

    page.goto(f"{live_server.url}/en/interviews/{interview.slug}/#{anchor}")

    page.wait_for_url("**?at=*")
    passage = anchor.removesuffix("-s1")
    assert page.locator(f'[id="{passage}"]').count() == 1
    assert "Page 3 of 3" in page.locator(".pagination").first.inner_text()
    assert page.evaluate("window.location.hash") == f"#{anchor}"


def test_an_unknown_anchor_is_asked_for_once_then_left(page, live_server, transactional_db):
    interview = make_interview(exchanges=130)
    url = f"{live_server.url}/en/interviews/{interview.slug}/#x-000000000000-p1"

    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)

    assert "at=x-000000000000-p1" in page.url  # asked once, then left alone
    assert page.locator(".exchange").count() == 50
