"""A reader always knows whether the translation beside the original was reviewed."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from interviews.models import Exchange, Interview
from interviews.reviewing import is_reviewed, translation_label
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

Status = Interview.TranslationStatus


def labels(response, where: str = "") -> list[str]:
    page = lxml_html.fromstring(response.content)
    return [
        re.sub(r"[ \n]+", " ", label.text_content()).strip()
        for label in page.xpath(f"{where}//*[contains(@class, 'translation-label ')]")
    ]


def test_a_translation_is_reviewed_only_when_approved_as_a_whole_and_there():
    assert is_reviewed(Status.REVIEWED, Status.REVIEWED)
    assert not is_reviewed(Status.REVIEWED, Status.NEEDS_REVISION)
    assert not is_reviewed(Status.DRAFT, Status.REVIEWED)


def test_an_approved_translation_tells_why_one_exchange_is_not():
    label = translation_label("en", Status.REVIEWED, Status.NEEDS_REVISION)
    assert (label.status, label.reviewed) == (Status.NEEDS_REVISION, False)


def test_the_draft_column_is_labelled_unreviewed_at_its_top(client, seed):
    response = client.get(f"/en/interviews/{seed.slug}/")
    notice = labels(response, "//*[@class='translation-notice']")
    head = labels(response, "//*[contains(@class, 'cell--head')]")
    assert notice == ["English: Unreviewed translation (draft)"]
    assert head == ["Unreviewed translation (draft)"]


def test_the_label_is_in_the_interface_language(client, seed):
    response = client.get(f"/fr/interviews/{seed.slug}/")
    assert labels(response, "//*[@class='translation-notice']") == [
        "Anglais\u00a0: Traduction non relue (brouillon)"
    ]


def test_a_reviewed_translation_is_labelled_reviewed_without_a_warning(client):
    interview = make_interview(translation_status_en=Status.REVIEWED)
    Exchange.objects.filter(interview=interview).update(status_en=Status.REVIEWED)
    response = client.get(f"/en/interviews/{interview.slug}/")
    assert labels(response) == ["Reviewed translation"]
    assert b"translation-notice" not in response.content


def test_the_original_alone_carries_no_translation_label(client, seed):
    response = client.get(f"/en/interviews/{seed.slug}/?show=fr")
    assert labels(response) == []


def test_an_exchange_whose_status_differs_is_labelled_on_its_own(client):
    interview = make_interview(translation_status_en=Status.REVIEWED)
    Exchange.objects.filter(interview=interview).update(status_en=Status.REVIEWED)
    stale = interview.exchanges.get(position=2)
    stale.status_en = Status.NEEDS_REVISION
    stale.save()
    response = client.get(f"/en/interviews/{interview.slug}/")
    assert labels(response, f"//section[@id='{stale.anchor}']") == [
        "English: Unreviewed translation (needs revision)"
    ]
    first = interview.exchanges.get(position=1)
    assert labels(response, f"//section[@id='{first.anchor}']") == []


def test_the_cite_page_labels_an_unreviewed_translation(client, seed):
    exchange = seed.exchanges.first()
    response = client.get(f"/en/interviews/{seed.slug}/cite/?passage={exchange.anchor}&lang=en")
    assert labels(response, "//*[@class='cite-panel__status']") == [
        "English: Unreviewed translation (draft)"
    ]
