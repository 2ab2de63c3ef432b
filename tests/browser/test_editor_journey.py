"""An interview's way into the archive, in a real browser: an editor imports the French and
translates it, a reviewer approves and publishes, and a reader reads and finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from interviews.roles import ROLES
from tests.factories import make_user

pytestmark = pytest.mark.browser

SEED_FR = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "fr.txt"
PASSWORD = "correct horse battery staple"
# Made-up words, so that a search hit can only come from the translation typed here.
TRANSLATIONS = [
    (
        "Which cross-cutting priorities did Digital Morocco 2030 set?",
        [
            "Skills, connectivity and cloud: the zorbanite plan for data centers open to all.",
            "Tech SMEs and startups must export their innovations beyond Morocco.",
        ],
    ),
    (
        "How will Morocco support exports and the transformation of companies?",
        [
            "By backing the international ambitions of the quillfeather generation of firms.",
            "Tech SMEs already have clients; startups are still looking for funding.",
            "Tech SMEs also want new investors to grow.",
            "Very small businesses need help with their digital transition.",
            "The kingdom can become a hub for companies aiming at Africa.",
        ],
    ),
]


@pytest.fixture
def roles(transactional_db):
    """The editing roles, as the migration creates them (a flushed database lost them)."""
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="interviews", codename__in=codenames)
        )


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/edit/")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.locator("main form").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/en/edit/")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_import_translate_review_publish_then_read_and_find(page, browser, live_server, roles):
    make_user(groups=["Editors"], username="editor", password=PASSWORD)
    make_user(groups=["Editors", "Reviewers"], username="reviewer", password=PASSWORD)

    # The editor imports the French alone, and lands on the translation editor.
    log_in(page, live_server, "editor")
    page.get_by_role("link", name="Import an interview").click()
    page.fill('textarea[name="fr_text"]', SEED_FR.read_text("utf-8"))
    page.get_by_role("button", name="Preview").click()
    assert page.locator("#import-found").inner_text() == "4 exchanges found"
    page.get_by_role("button", name="Import as draft").click()
    page.wait_for_url("**/translate/")
    editor_url = page.url
    assert "Imported as a draft." in page.locator(".messages").inner_text()

    # Two exchanges translated, each saved with its own form.
    for number, (question, paragraphs) in enumerate(TRANSLATIONS):
        section = page.locator("section.editor-exchange").nth(number)
        anchor = section.get_attribute("id")
        form = section.locator("form.text-form")
        form.locator('textarea[name="question"]').fill(question)
        boxes = form.locator('textarea[name="paragraphs"]')
        assert boxes.count() == len(paragraphs) + 1  # and one for a new paragraph
        for index, paragraph in enumerate(paragraphs):
            boxes.nth(index).fill(paragraph)
        form.locator('input[name="ready"]').check()
        form.get_by_role("button", name="Save").click()
        page.wait_for_url(f"{editor_url}?at={anchor}#{anchor}")
        expect(page.locator(".messages")).to_contain_text("Saved.")
    log_out(page)

    # The reviewer approves both translations and publishes.
    log_in(page, live_server, "reviewer")
    page.goto(editor_url)
    for number in range(len(TRANSLATIONS)):
        section = page.locator("section.editor-exchange").nth(number)
        anchor = section.get_attribute("id")
        section.get_by_role("button", name="Approve").click()
        page.wait_for_url(f"{editor_url}?at={anchor}#{anchor}")
        expect(page.locator(".messages")).to_contain_text("Translation approved.")
        expect(page.locator(f"#{anchor} .badge")).to_have_text("Reviewed")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_url(editor_url)
    expect(page.locator(".messages")).to_contain_text("Published: the interview is public.")
    log_out(page)

    # A reader, who never logged in, reads the English and finds the interview.
    reader = browser.new_context().new_page()
    slug = editor_url.rstrip("/").split("/")[-2]
    reader.goto(f"{live_server.url}/en/interviews/{slug}/")
    english = reader.locator('.exchange .cell[lang="en"]').all_inner_texts()
    for question, paragraphs in TRANSLATIONS:
        assert question in english
        assert all(paragraph in english for paragraph in paragraphs)
    reader.goto(f"{live_server.url}/en/search/?q=quillfeather")
    hit = reader.locator("article.hit").first
    assert "quillfeather" in hit.locator(".hit__text mark").inner_text().lower()
    hit.locator(".hit__actions a:not(.cite-link)").click()
    reader.wait_for_url(f"**/en/interviews/{slug}/**")
    reader.context.close()
