"""The reading view pairs each sentence with the sentences that translate it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from interviews import editing
from interviews.models import Exchange
from tests.factories import make_interview, make_user

pytestmark = pytest.mark.django_db

FR = "M. Dupont est arrivé hier. Il a dit\u00a0: «\u00a0Nous restons.\u00a0» Puis il est reparti."
EN = "Mr. Dupont arrived yesterday. He said: “We are staying.” Then he left again."


def groups(client, interview, anchor: str, lang: str, **params) -> list[tuple[str, str]]:
    """(group, sentence) for each sentence of the cell ``lang`` of row ``anchor``."""
    page = lxml_html.fromstring(client.get(interview.get_absolute_url(), params).content)
    cell = page.xpath(f'//*[@id="{anchor}"]/div[@class="cell"][@lang="{lang}"]')[0]
    return [
        (span.get("data-group"), span.text_content()) for span in cell.xpath(".//span[@data-group]")
    ]


def interview_with_paragraph(fr: str, en: str):
    interview = make_interview(exchanges=1, paragraphs=1)
    Exchange.objects.filter(interview=interview).update(answer_fr=fr, answer_en=en)
    return interview, interview.exchanges.get()


def test_each_sentence_is_grouped_with_its_translation(client):
    interview, exchange = interview_with_paragraph(FR, EN)
    anchor = f"{exchange.anchor}-p1"
    fr, en = groups(client, interview, anchor, "fr"), groups(client, interview, anchor, "en")
    assert [text for _, text in fr] == [
        "M. Dupont est arrivé hier.",
        "Il a dit\u00a0: «\u00a0Nous restons.\u00a0»",
        "Puis il est reparti.",
    ]
    assert [group for group, _ in fr] == [group for group, _ in en]
    assert len({group for group, _ in fr}) == 3


def test_sentences_are_focusable_for_the_keyboard(client):
    interview, _exchange = interview_with_paragraph(FR, EN)
    html = client.get(interview.get_absolute_url()).content.decode()
    assert html.count('tabindex="0"') >= 6


def test_an_edit_of_the_translation_realigns_its_paragraph(client):
    interview, exchange = interview_with_paragraph(FR, EN)
    editor = make_user(groups=["Editors"])
    merged = "Mr. Dupont arrived yesterday and said: “We are staying.” Then he left again."
    editing.save_translation(
        exchange=exchange,
        question=exchange.question_en,
        answer=merged,
        version=exchange.version,
        ready=False,
        user=editor,
    )
    anchor = f"{exchange.anchor}-p1"
    fr, en = groups(client, interview, anchor, "fr"), groups(client, interview, anchor, "en")
    assert (
        next(text for _, text in en) == "Mr. Dupont arrived yesterday and said: “We are staying.”"
    )
    # Two French sentences now translate one English sentence.
    assert fr[0][0] == fr[1][0] == en[0][0]
    assert fr[2][0] == en[1][0]


def test_an_untranslated_paragraph_has_no_pairing(client):
    interview, exchange = interview_with_paragraph(FR, "")
    html = client.get(interview.get_absolute_url()).content.decode()
    assert "data-group" not in html.split(f'id="{exchange.anchor}-p1"')[1].split("</section>")[0]


def test_the_page_works_without_javascript_and_loads_the_pairing_script_deferred(client):
    interview, _ = interview_with_paragraph(FR, EN)
    page = lxml_html.fromstring(client.get(interview.get_absolute_url()).content)
    script = page.xpath('//script[contains(@src, "sentences")]')[0]
    assert script.get("defer") is not None
