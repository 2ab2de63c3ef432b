"""Formatted references: citeproc-py with the official Chicago, APA and MLA styles."""

from __future__ import annotations

import pytest
from django.utils import translation

from interviews.citation_styles import format_references
from interviews.citations import request_citation

pytestmark = pytest.mark.django_db


def references(interview, site: str = "en", **params) -> dict[str, object]:
    """The references of the interview (or ``passage=``, ``lang=``) on the ``site`` site."""
    with translation.override(site):
        citation = request_citation(
            interview,
            passage=params.get("passage"),
            lang=params.get("lang"),
            build_uri=lambda path: "https://archive.example" + path,
        )
        return {reference.style: reference for reference in format_references(citation.item)}


def test_three_styles_are_offered(interview):
    assert list(references(interview)) == [
        "chicago-author-date",
        "apa",
        "modern-language-association",
    ]


def test_references_use_the_english_locale_on_the_english_site(interview):
    rendered = references(interview, "en")
    assert "Interview by Marie Dupont" in rendered["chicago-author-date"].text
    assert "January 15" in rendered["chicago-author-date"].text


def test_references_use_the_french_locale_on_the_french_site(interview):
    rendered = references(interview, "fr")
    assert "Entretien réalisé par Marie Dupont" in rendered["modern-language-association"].text
    assert "15 janvier 2024" in rendered["modern-language-association"].text


def test_chicago_and_mla_give_full_names_and_apa_initials(interview):
    rendered = references(interview)
    assert rendered["chicago-author-date"].text.startswith(
        "Le Pen, Marine, and Redouane El Haloui."
    )
    assert rendered["modern-language-association"].text.startswith(
        "Le Pen, Marine, and Redouane El Haloui."
    )
    assert rendered["apa"].text.startswith("Le Pen, M., & El Haloui, R. (2024, January 15).")


def test_references_link_to_the_passage_permalink(interview):
    anchor = interview.exchanges.get(position=2).anchor + "-p1"
    for reference in references(interview, passage=anchor).values():
        assert f"/interviews/{interview.slug}/?at={anchor}#{anchor}" in reference.text


def test_translation_reference_names_its_translator(interview):
    rendered = references(interview, "en", lang="en")
    assert "Translated by Jeanne Martin" in rendered["chicago-author-date"].text
    assert "translated by Jeanne Martin" in rendered["modern-language-association"].text


def test_unreviewed_translation_reference_says_so(interview):
    interview.translation_status_en = "draft"
    interview.save()
    for reference in references(interview, "fr", lang="en").values():
        assert reference.text.endswith("[traduction non relue]")


def test_html_reference_escapes_the_title(interview):
    interview.title_fr = "Pourquoi <script>alert(1)</script> & R&D"
    interview.save()
    for reference in references(interview).values():
        assert "<script>" not in reference.html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; R&amp;D" in reference.html


def test_plain_text_reference_is_not_escaped(interview):
    interview.title_fr = "Pourquoi <script> & R&D"
    interview.save()
    assert "Pourquoi <script> & R&D" in references(interview)["apa"].text


def test_html_reference_keeps_the_styles_italics(interview):
    assert "<i>L’Opinion</i>" in references(interview)["apa"].html


def test_title_that_is_a_quotation_takes_inner_quotes_in_styles_that_quote_titles(interview):
    rendered = references(interview, "en", lang="en")
    assert "“‘The Future? It’s Now’”" in rendered["chicago-author-date"].text
    assert "“The future? It’s now”" in rendered["apa"].text  # APA does not quote titles
