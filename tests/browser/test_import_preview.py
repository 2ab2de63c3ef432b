"""The import preview in a real browser: the interview once, each French paragraph level
with its English counterpart, and the actions in reach wherever the editor has scrolled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.test_editor_journey import roles  # noqa: F401 (a fixture)
from tests.factories import make_user

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
PASSWORD = "correct horse battery staple"
DESKTOP, PHONE = (1366, 768), (390, 844)


@pytest.fixture
def preview(page, live_server, roles):  # noqa: F811
    """The preview of the seed interview and its translation, for an editor."""
    make_user(groups=["Editors"], username="editor", password=PASSWORD)
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/edit/import/")
    page.fill('input[name="username"]', "editor")
    page.fill('input[name="password"]', PASSWORD)
    page.locator("main form").get_by_role("button", name="Log in").click()
    page.wait_for_url("**/edit/import/")
    for lang in ("fr", "en"):
        page.fill(f'textarea[name="{lang}_text"]', (SEED / f"{lang}.txt").read_text("utf-8"))
    # The preview is a long page: measured before its "load", its last row may still be
    # half parsed (one cell of two), which made this flaky on a loaded machine.
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Preview").click()
    return page


def at_width(page, size: tuple[int, int]) -> None:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("document.fonts.ready")


def scroll_to_the_middle(page) -> None:
    page.evaluate(
        "window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) / 2)"
    )


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_actions_are_in_reach_in_the_middle_of_the_preview(preview, size):
    at_width(preview, size)
    scroll_to_the_middle(preview)

    assert preview.evaluate("window.scrollY") > 500  # the page is long enough to scroll
    for name in ("Import as draft", "Re-check", "Cancel"):
        box = preview.get_by_role("button" if name != "Cancel" else "link", name=name).first
        top, bottom = box.evaluate(
            "element => [element.getBoundingClientRect().top, "
            "element.getBoundingClientRect().bottom]"
        )
        assert top >= 0 and bottom <= size[1], name


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_each_french_paragraph_starts_level_with_its_english(preview, size):
    at_width(preview, size)

    tops = preview.evaluate(
        """[...document.querySelectorAll('.import-exchange .import-row')].map(row =>
            [...row.querySelectorAll('textarea')].map(box => box.getBoundingClientRect().top))"""
    )

    assert len(tops) == 17  # 4 questions and 13 answer paragraphs
    assert all(len(row) == 2 and abs(row[0] - row[1]) < 1 for row in tops)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_preview_is_hardly_taller_than_the_interview_it_shows(preview, size):
    """The page shows the interview once: the rows (each as tall as its longer paragraph)
    and, apart from the summary of what was found, little else. The former preview showed
    the interview twice, read and then in two structure columns: more than twice the rows."""
    at_width(preview, size)

    rows, summary, page_height = preview.evaluate(
        """[
          [...document.querySelectorAll('.import-exchange .import-row')]
            .reduce((sum, row) => sum + row.getBoundingClientRect().height, 0),
          document.querySelector('.import-summary').getBoundingClientRect().height,
          document.documentElement.scrollHeight,
        ]"""
    )

    assert page_height - summary < 1.4 * rows
