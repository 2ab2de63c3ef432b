"""Every download link of the reading view gives a file, in a real browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_download_each_export_and_citation_format(browser, live_server, live_seed, tmp_path):
    context = browser.new_context(accept_downloads=True, base_url=live_server.url)
    page = context.new_page()
    page.goto(f"/fr/interviews/{live_seed.slug}/")
    links = page.locator("a.export-link")
    assert links.count() == 8
    saved = [download(page, link, tmp_path) for link in links.all()]
    page.goto(page.locator(".row--paragraph a.cite-link").first.get_attribute("href"))
    cite_links = page.locator("#cite-panel a.cite-download")
    assert cite_links.count() == 3
    saved += [download(page, link, tmp_path) for link in cite_links.all()]
    assert len({path.suffix for path in saved}) == 6  # tmx tei csv json bib ris
    for path in saved:
        assert "El Haloui" in path.read_text("utf-8"), path.name
    context.close()


def download(page, link, folder):
    with page.expect_download() as info:
        link.click()
    path = folder / f"{len(list(folder.iterdir()))}-{info.value.suggested_filename}"
    info.value.save_as(path)
    return path
