"""The import preview shows the interview once: a row per paragraph, the French and its
English side by side, each with its role editable in place, the doubtful exchanges marked
on their rows and the actions together at the end of the one form."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from interviews.models import Interview
from tests.editing import EDITORS, log_in
from tests.editing.web_import import confirm, layout, paste, seed_text, structure
from tests.importing.test_plausibility_import import out_of_step, preview

pytestmark = pytest.mark.django_db


def rows(response) -> list[list]:
    return [list(row.cells) for group in response.context["groups"] for row in group.rows]


def test_each_paragraph_appears_once_in_each_language(client):
    log_in(client, EDITORS)

    response = paste(client, fr=seed_text("fr"), en=seed_text("en"))

    html = response.content.decode()
    paragraphs = [
        text
        for exchange in response.context["aligned"].exchanges
        for lang in ("fr", "en")
        for text in (exchange.question[lang], *exchange.answer[lang])
    ]
    assert len(paragraphs) == 34
    assert all(html.count(escape(text)) == 1 for text in paragraphs)


def test_each_row_holds_a_french_paragraph_and_its_english_in_the_same_role(client):
    log_in(client, EDITORS)

    response = paste(client, fr=seed_text("fr"), en=seed_text("en"))

    assert len(rows(response)) == 17
    assert all([cell.lang for cell in row] == ["fr", "en"] for row in rows(response))
    assert all(row[0].role == row[1].role for row in rows(response))
    assert [len(group.rows) for group in response.context["groups"]] == [3, 6, 4, 4]


def test_each_paragraph_has_its_role_and_its_text_editable_in_its_language(client):
    log_in(client, EDITORS)

    html = paste(client, fr=seed_text("fr"), en=seed_text("en")).content.decode()

    for lang in ("fr", "en"):
        assert html.count(f'<select name="{lang}_paragraphs-role">') == 17
        assert html.count(f'<textarea name="{lang}_paragraphs-text" lang="{lang}"') == 17
        assert html.count(f'name="{lang}_paragraphs-join"') == 16  # not the first paragraph
    assert html.count("<legend>Exchange ") == 4


def test_the_weaker_side_shows_the_roles_its_guide_gave_it(client):
    log_in(client, EDITORS)
    fr, en = layout("40_alternate_markers_fr.txt"), layout("40_alternate_markers_en.txt")

    response = paste(client, fr=fr, en=en, outlet="Le Télégramme")

    english = [cell.role for cell in structure(response, "en")]
    assert english == [cell.role for cell in structure(response, "fr")]
    assert english.count("question") == 5
    assert all(row[0].role == row[1].role for row in rows(response))


def test_importing_the_rows_as_shown_gives_the_interview_previewed(client):
    log_in(client, EDITORS)
    fr, en = layout("41_guardian_qa_unmarked_fr.txt"), layout("41_guardian_qa_bold_en.html")
    shown = paste(client, fr=fr, en=en, original="en", outlet="The Guardian")
    aligned = shown.context["aligned"]

    confirm(client, shown)

    interview = Interview.objects.get()
    assert [e.paragraphs("fr") for e in interview.exchanges.all()] == [
        e.answer["fr"] for e in aligned.exchanges
    ]
    assert [e.question_fr for e in interview.exchanges.all()] == [
        e.question["fr"] for e in aligned.exchanges
    ]
    assert interview.standfirst_fr == aligned.standfirst["fr"]


def test_an_exchange_the_alignment_doubts_is_marked_on_its_rows(client):
    log_in(client, EDITORS)
    fr, en = layout("41_guardian_qa_unmarked_fr.txt"), layout("41_guardian_qa_bold_en.html")

    response = paste(client, fr=fr, en=en, original="en")

    html = response.content.decode()
    flagged = html.split('class="import-exchange import-exchange--flagged"')
    assert len(flagged) == 2
    assert flagged[1].split("</fieldset>")[0].count("check the alignment") == 1
    assert 'id="import-exchange-2"' in flagged[1][:40]


def test_an_exchange_whose_translation_is_doubted_is_marked_on_its_rows(client):
    log_in(client, EDITORS)

    response = preview(client, "en", out_of_step())

    marked = {exchange.number for exchange in response.context["plausibility"].exchanges}
    html = response.content.decode()
    assert marked and html.count("⚠ check the translation") == len(marked)
    for number in marked:
        legend = html.split(f'id="import-exchange-{number}">')[1].split("</legend>")[0]
        assert "check the translation" in legend


def test_the_actions_and_the_duplicate_choice_are_together_at_the_end_of_the_form(client):
    log_in(client, EDITORS)
    confirm(client, paste(client, fr=seed_text("fr"), outlet="Le Desk"))

    html = paste(client, fr=seed_text("fr"), outlet="Le Desk").content.decode()

    actions = html.split('<div class="import-actions">')[1].split("</form>")[0]
    assert 'name="if_exists"' in actions
    for action in ("recheck", "import"):
        assert f'name="action" value="{action}"' in actions
    assert "Cancel" in actions
