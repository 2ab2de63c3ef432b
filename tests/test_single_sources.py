"""Facts defined once: whatever else names them must agree with their one source."""

from __future__ import annotations

from django.conf import settings

from interviews.importing import parsing
from interviews.languages import LANGS
from interviews.passages import ANSWER, QUESTION, parse_anchor, passage_anchor
from search import analysis
from search.documents import PARTS


def test_the_archive_languages_are_those_of_settings():
    assert tuple(code for code, _name in settings.LANGUAGES) == LANGS
    assert tuple(settings.MODELTRANSLATION_LANGUAGES) == LANGS


def test_the_importer_reads_exactly_the_archive_languages():
    assert parsing.LANGS == LANGS


def test_the_search_analysis_has_rules_for_every_archive_language():
    assert set(LANGS) <= set(analysis.LANGUAGES)


def test_passage_parts_are_parts_of_the_search_contract():
    assert {QUESTION, ANSWER} <= set(PARTS)


def test_every_anchor_written_reads_back_as_the_same_passage():
    for part, paragraph in ((QUESTION, 0), (ANSWER, 3)):
        anchor = passage_anchor("ab12cd34ef56", part, paragraph)
        assert parse_anchor(anchor).anchor == anchor
