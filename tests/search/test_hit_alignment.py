"""A hit shows, inside the translated paragraph, the sentences that translate the match."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from lxml import html as lxml_html

from interviews.models import Exchange
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

FR = (
    "Le marché marocain est limité. Le potentiel africain est immense, sans oublier "
    "l’Europe. Une stratégie d’export efficace est donc essentielle."
)
EN = (
    "The Moroccan market is limited. The African potential is immense, without forgetting "
    "Europe. An effective export strategy is therefore essential."
)


@pytest.fixture
def indexed_paragraph(db):
    interview = make_interview(exchanges=1, paragraphs=1)
    Exchange.objects.filter(interview=interview).update(answer_fr=FR, answer_en=EN)
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    return interview


def emphasised(client, site: str, query: str) -> list[str]:
    page = lxml_html.fromstring(client.get(f"/{site}/search/", {"q": query}).content)
    hit = page.xpath('//article[@class="hit"]')[0]
    translation = hit.xpath('.//blockquote[contains(@class, "hit__translation")]')[0]
    return [
        span.text_content() for span in translation.xpath('.//span[contains(@class, "s--aligned")]')
    ]


def test_the_sentence_translating_a_french_match_is_emphasised(client, indexed_paragraph):
    assert emphasised(client, "fr", "potentiel africain") == [
        "The African potential is immense, without forgetting Europe."
    ]


def test_the_sentence_translating_an_english_match_is_emphasised(client, indexed_paragraph):
    assert emphasised(client, "en", '"export strategy"') == [
        "Une stratégie d’export efficace est donc essentielle."
    ]


def test_matches_in_two_sentences_emphasise_both_translations(client, indexed_paragraph):
    assert emphasised(client, "fr", "marché stratégie") == [
        "The Moroccan market is limited.",
        "An effective export strategy is therefore essential.",
    ]
