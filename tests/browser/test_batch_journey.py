"""A batch's way into the archive, in a real browser: an editor uploads a ZIP, reads the
report, opens the exchange the importer was least sure of, fixes its translation, and
reads the fix."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor_journey import PASSWORD, log_in, roles  # noqa: F401 (roles: a fixture)
from tests.factories import make_user

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BATCH = {
    "seed.fr.txt": FIXTURES / "seed" / "fr.txt",
    "seed.en.txt": FIXTURES / "seed" / "en.txt",
    # The French laid on the English's structure: exchange 2 is the doubtful one.
    "guardian.fr.txt": FIXTURES / "layouts" / "41_guardian_qa_unmarked_fr.txt",
    "guardian.en.html": FIXTURES / "layouts" / "41_guardian_qa_bold_en.html",
    "empty.fr.txt": FIXTURES / "layouts" / "90_empty.txt",
}
FIXED_QUESTION = "Which question did the editor check against the French (zephyrquill)?"
FIXED_ANSWER = "The answer, checked by the editor against the French: zephyrquill."


@pytest.mark.usefixtures("roles")
def test_upload_a_batch_read_the_report_and_fix_the_doubtful_exchange(page, live_server, tmp_path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for name, fixture in BATCH.items():
            handle.write(fixture, name)
    make_user(groups=["Editors"], username="editor", password=PASSWORD)

    # The editor uploads the ZIP from the dashboard's link.
    log_in(page, live_server, "editor")
    page.get_by_role("link", name="Import a batch (ZIP)").click()
    page.locator('input[name="archive"]').set_input_files(archive)
    page.get_by_role("button", name="Import the batch").click()

    # The report: one row per interview, the refused one with its reason.
    expect(page.locator("#batch-summary")).to_have_text(
        "3 interviews processed: 2 imported, 0 duplicate, 1 refused."
    )
    rows = page.locator("table.batch-report__table tbody tr")
    expect(rows).to_have_count(3)
    refused = page.locator("tr.batch-report__row--refused")
    expect(refused).to_contain_text("empty.fr.txt")
    expect(refused).to_contain_text("is empty")
    guardian = page.locator("tr.batch-report__row--imported", has_text="guardian.en.html")
    flagged = guardian.get_by_role("link", name="⚠ Exchange 2")
    expect(flagged).to_have_count(1)

    # The flagged link opens the translation editor at that exchange.
    flagged.click()
    page.wait_for_url("**/translate/?at=*")
    anchor = page.url.split("#")[1]
    section = page.locator(f'section.editor-exchange[id="{anchor}"]')
    expect(section.get_by_role("heading", name="Exchange 2")).to_be_visible()

    # The editor rewrites its translation: the question, one paragraph, the rest emptied.
    form = section.locator("form.text-form")
    form.locator('textarea[name="question"]').fill(FIXED_QUESTION)
    boxes = form.locator('textarea[name="paragraphs"]')
    for index in range(boxes.count()):
        boxes.nth(index).fill(FIXED_ANSWER if index == 0 else "")
    form.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**?at={anchor}#{anchor}")
    expect(page.locator(".messages")).to_contain_text("Saved.")

    # The reading view shows the fix, in English, in exchange 2.
    reading = page.get_by_role("link", name="Reading view")
    href = reading.get_attribute("href")
    reading.click()
    page.wait_for_url(f"{live_server.url}{href}")  # loaded, not only clicked
    english = page.locator(f'[id="{anchor}"] [lang="en"]').all_inner_texts()
    assert FIXED_QUESTION in english
    assert FIXED_ANSWER in english
