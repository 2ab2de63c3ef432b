"""Pages that state their metadata anywhere but in a header line: each imports exactly, and
says where it found each field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interviews.importing import parse_article

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"

# Layout -> (title, outlet, publication date, interviewees, interviewer), where each was
# found, answer paragraphs per exchange.
EXPECTED = {
    "30_html_outlet_in_title_fr.html": (
        (
            "« Les villes moyennes ont gagné la bataille de l’attractivité »",
            "Libération", date(2024, 3, 12), ["Jean Viard"], "Camille Roussel",
        ),
        ("page_headline", "page_title", "htmldate", "standfirst", "byline"),
        [2, 1, 1],
    ),
    "31_html_outlet_in_footer_fr.html": (
        (
            "Municipales : « Je ne serai candidat qu’avec une équipe renouvelée »",
            "Le Parisien", date(2024, 11, 5), ["Bernard Lefort"], None,
        ),
        ("page_title", "footer", "header_line", "standfirst", None),
        [2, 1, 1],
    ),
    # datePublished, not the update the page shows ("Mis à jour le 19 juin 2024").
    "32_html_json_ld_newsarticle_fr.html": (
        (
            "Agriculture : « Il faut payer les paysans pour l’eau qu’ils économisent »",
            "Ouest Matin", date(2024, 6, 18), ["Marc Dufresne"], "Hélène Garnier",
        ),
        (
            "json_ld_headline", "json_ld_publisher", "json_ld_date", "json_ld_about",
            "json_ld_author",
        ),
        [1, 2],
    ),
    "33_html_og_site_name_fr.html": (
        (
            "« Le jeu vidéo est devenu la première pratique culturelle des Français »",
            "Télérama", date(2023, 11, 22), ["Laure Bréhat"], None,
        ),
        ("og_title", "og_site_name", "meta_date", "standfirst", None),
        [1, 1, 1],
    ),
    "34_html_propos_recueillis_byline_fr.html": (
        (
            "« La solitude est devenue une question politique »",
            "Le Monde", date(2025, 2, 3), ["Rémi Castel"], "Antoine Mercier",
        ),
        ("page_headline", "page_title", "htmldate", "standfirst", "byline"),
        [1, 2, 1],
    ),
    "35_html_outlet_question_prefix_fr.html": (
        (
            "Nathalie Perrin : « L’hôpital ne tiendra pas un hiver de plus »",
            "Le Point", date(2024, 10, 28), ["Nathalie Perrin"], None,
        ),
        ("page_title", "question_prefix", "header_line", "standfirst", None),
        [1, 1, 1],
    ),
}  # fmt: skip
FIELDS = ("title", "outlet", "published_on", "interviewees", "interviewer")


def parse(name: str):
    return parse_article((LAYOUTS / name).read_text(encoding="utf-8"), filename=name)


@pytest.mark.parametrize("name", EXPECTED)
def test_layout_imports_exactly_and_says_where_each_field_was_found(name):
    values, provenance, answer_sizes = EXPECTED[name]

    article = parse(name)

    assert tuple(getattr(article, field) for field in FIELDS) == values
    assert article.provenance == {
        field: where for field, where in zip(FIELDS, provenance, strict=True) if where
    }
    assert [len(exchange.answer) for exchange in article.exchanges] == answer_sizes
    assert article.warnings == []


def test_the_standfirst_naming_the_interviewee_stays_the_standfirst():
    article = parse("30_html_outlet_in_title_fr.html")

    assert article.standfirst.startswith("Quatre ans après les confinements, le sociologue")


def test_propos_recueillis_par_closing_the_article_is_not_an_answer():
    article = parse("34_html_propos_recueillis_byline_fr.html")

    assert "Propos recueillis" not in " ".join(e.answer[-1] for e in article.exchanges)


def test_the_outlet_labelling_the_questions_is_taken_off_them():
    article = parse("35_html_outlet_question_prefix_fr.html")

    assert [e.question.split()[:2] for e in article.exchanges] == [
        ["Vous", "dites"],
        ["Vous", "avez"],
        ["Combien", "faudrait-il"],
    ]
