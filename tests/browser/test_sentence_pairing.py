from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def open_reading_view(page, live_server, interview):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/fr/interviews/{interview.slug}/")


def first_paired_sentence(page):
    return page.locator('.row--paragraph .cell[lang="fr"] .s[data-group]').first


def counterparts(page, sentence):
    group = sentence.get_attribute("data-group")
    return page.locator(f'.cell[lang="en"] .s[data-group="{group}"]')


def test_hovering_a_sentence_highlights_its_translation(page, live_server, live_seed):
    open_reading_view(page, live_server, live_seed)
    sentence = first_paired_sentence(page)
    translation = counterparts(page, sentence)
    assert translation.count() >= 1
    assert "s--paired" not in translation.first.get_attribute("class")
    sentence.hover()
    assert "s--paired" in translation.first.get_attribute("class")
    assert "s--paired" in sentence.get_attribute("class")
    page.mouse.move(0, 0)
    assert "s--paired" not in translation.first.get_attribute("class")


def test_focusing_a_sentence_with_the_keyboard_highlights_its_translation(
    page, live_server, live_seed
):
    open_reading_view(page, live_server, live_seed)
    sentence = first_paired_sentence(page)
    sentence.focus()
    translation = counterparts(page, sentence)
    assert "s--paired" in translation.first.get_attribute("class")
    background = translation.first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_without_javascript_every_sentence_is_still_shown(browser, live_server, live_seed):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_reading_view(page, live_server, live_seed)
    first = live_seed.exchanges.first()
    text = page.locator(f'#{first.anchor}-p1 .cell[lang="fr"]').inner_text()
    assert text.strip() == first.paragraphs("fr")[0]
    context.close()
