"""The CSL-JSON item: the one description every citation format is made from."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from interviews.citations import CitationError, cite, csl_name, request_citation
from interviews.models import Exchange, Interview

from .conftest import OUTLET, TITLE_EN, TITLE_FR, exchange

pytestmark = pytest.mark.django_db

SITE = "https://archive.example"


def item(interview: Interview, *, passage: str | None = None, lang: str | None = None) -> dict:
    citation = request_citation(
        interview, passage=passage, lang=lang, build_uri=lambda path: SITE + path
    )
    return citation.item


def test_interviewees_are_the_authors_with_family_and_given_names(interview):
    assert item(interview)["author"] == [
        {"family": "Le Pen", "given": "Marine"},
        {"family": "El Haloui", "given": "Redouane"},
    ]


def test_interview_item_names_interviewer_outlet_date_and_language(interview):
    cited = item(interview)
    assert cited["type"] == "interview"
    assert cited["title"] == TITLE_FR
    assert cited["interviewer"] == [{"family": "Dupont", "given": "Marie"}]
    assert cited["container-title"] == OUTLET
    assert cited["issued"] == {"date-parts": [[2024, 1, 15]]}
    assert cited["language"] == "fr"
    today = timezone.localdate()
    assert cited["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}


def test_text_language_defaults_to_the_original(interview):
    assert cite(interview, passage=None, lang=None).lang == "fr"


def test_interview_url_is_its_absolute_permalink_in_the_text_language(interview):
    assert item(interview)["URL"] == f"{SITE}/fr/interviews/{interview.slug}/"
    assert item(interview, lang="en")["URL"] == f"{SITE}/en/interviews/{interview.slug}/"


def test_passage_url_ends_with_its_anchor(interview):
    anchor = f"x-{exchange(interview).uid}-p3"
    assert item(interview, passage=anchor)["URL"].endswith(
        f"/interviews/{interview.slug}/?at={anchor}#{anchor}"
    )


def test_original_has_no_translation_fields(interview):
    cited = item(interview)
    assert not {"translator", "original-title", "original-date", "note"} & cited.keys()


def test_translation_is_cited_as_a_translation_of_the_original(interview):
    cited = item(interview, lang="en")
    assert cited["title"] == TITLE_EN
    assert cited["language"] == "en"
    assert cited["translator"] == [{"literal": "Jeanne Martin"}]
    assert cited["original-title"] == TITLE_FR
    assert cited["original-date"] == {"date-parts": [[2024, 1, 15]]}
    assert cited["original-publisher"] == OUTLET


def test_reviewed_translation_has_no_note(interview):
    assert "note" not in item(interview, lang="en")


def test_unreviewed_translation_is_noted_in_the_interface_language(interview):
    interview.translation_status_en = Interview.TranslationStatus.NEEDS_REVIEW
    interview.save()
    with translation.override("fr"):
        assert item(interview, lang="en")["note"] == "traduction non relue"
    with translation.override("en"):
        assert item(interview, lang="en")["note"] == "unreviewed translation"


def test_unreviewed_exchange_of_a_reviewed_translation_is_noted(interview):
    passage = exchange(interview)
    passage.status_en = Exchange.Status.NEEDS_REVIEW
    passage.save()
    with translation.override("en"):
        assert (
            "unreviewed translation" in item(interview, passage=passage.anchor, lang="en")["note"]
        )
        other = exchange(interview, 1).anchor
        assert "unreviewed" not in item(interview, passage=other, lang="en")["note"]


def test_passage_note_gives_its_locator_in_words(interview):
    anchor = f"x-{exchange(interview).uid}-p3"
    with translation.override("fr"):
        assert item(interview, passage=anchor)["note"] == "échange 2, paragraphe 3"
    with translation.override("en"):
        assert item(interview, passage=f"x-{exchange(interview).uid}-q")["note"] == (
            "exchange 2, question"
        )


def test_each_passage_and_language_has_its_own_id(interview):
    uid = exchange(interview).uid
    ids = {
        item(interview, passage=passage, lang=lang)["id"]
        for passage in (None, f"x-{uid}", f"x-{uid}-q", f"x-{uid}-p1")
        for lang in ("fr", "en")
    }
    assert len(ids) == 8


def test_translator_without_credit_is_left_out(interview):
    interview.translator_en = ""
    interview.save()
    assert "translator" not in item(interview, lang="en")


@pytest.mark.parametrize("passage", ["x-", "x-ABC", "p2", "x-ab12-p0", "x-ab12-z"])
def test_malformed_anchor_is_refused(interview, passage):
    with pytest.raises(CitationError):
        cite(interview, passage=passage, lang=None)


def test_anchor_of_another_interview_or_paragraph_is_refused(interview):
    with pytest.raises(CitationError):
        cite(interview, passage="x-abcdef123456", lang=None)
    with pytest.raises(CitationError):
        cite(interview, passage=f"x-{exchange(interview).uid}-p9", lang=None)


def test_missing_translation_cannot_be_cited(interview):
    passage = exchange(interview)
    passage.answer_en = ""
    passage.save()
    with pytest.raises(CitationError):
        cite(interview, passage=f"{passage.anchor}-p1", lang="en")


def test_name_is_split_at_its_first_space():
    assert csl_name("Jean-Luc Mélenchon") == {"family": "Mélenchon", "given": "Jean-Luc"}
    assert csl_name("Ursula von der Leyen") == {"family": "von der Leyen", "given": "Ursula"}


def test_one_word_name_stays_whole():
    assert csl_name("Madonna") == {"literal": "Madonna"}
