from __future__ import annotations

from datetime import date

import pytest

from interviews.importing.metadata import (
    parse_date,
    read_header,
    read_meta_line,
    read_title,
    split_names,
)
from interviews.importing.records import Paragraph


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text=text, line=number) for number, text in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Publié dans L'opinion le 05 - 10 - 2024", date(2024, 10, 5)),
        ("Publié le 30/10/2013 à 17:05", date(2013, 10, 30)),
        ("Le Monde | 24.10.2013 à 12h41", date(2013, 10, 24)),
        ("Mis à jour le 3 mars 2021", date(2021, 3, 3)),
        ("5 octobre 2024", date(2024, 10, 5)),
        ("1er octobre 2024", date(2024, 10, 1)),
        ("samedi 5 oct. 2024", date(2024, 10, 5)),
        ("Published on 5 October 2024", date(2024, 10, 5)),
        ("October 5, 2024", date(2024, 10, 5)),
        ("Thursday, Oct. 24, 2013", date(2013, 10, 24)),
        ("2024-10-05", date(2024, 10, 5)),
        ("2024-03-14T07:30:00+01:00", date(2024, 3, 14)),
    ],
)
def test_parse_date_reads_the_forms_press_sites_use(text, expected):
    assert parse_date(text) == expected


def test_parse_date_reads_numeric_dates_day_first():
    assert parse_date("05/10/2024") == date(2024, 10, 5)


def test_parse_date_reads_month_first_when_day_first_is_impossible():
    assert parse_date("10/31/2024") == date(2024, 10, 31)


def test_parse_date_skips_words_that_are_not_months():
    assert parse_date("Les 5 chantiers 2024 du gouvernement") is None


def test_parse_date_rejects_impossible_dates():
    assert parse_date("31/02/2024") is None


def test_read_meta_line_reads_outlet_and_date_of_publie_dans():
    line = read_meta_line("Publié dans L'opinion le 05 - 10 - 2024")

    assert (line.outlet, line.published_on) == ("L'opinion", date(2024, 10, 5))


def test_read_meta_line_reads_le_monde_header():
    line = read_meta_line(
        "Le Monde | 24.10.2013 à 12h41 • Mis à jour le 24.10.2013 à 15h02 | "
        "Propos recueillis par Claire Guélaud"
    )

    assert (line.outlet, line.published_on, line.interviewer) == (
        "Le Monde",
        date(2013, 10, 24),
        "Claire Guélaud",
    )


def test_read_meta_line_prefers_publication_date_over_update_date():
    line = read_meta_line("Mis à jour le 31/10/2013 à 09:12 | Publié le 30/10/2013 à 17:05")

    assert line.published_on == date(2013, 10, 30)


def test_read_meta_line_ignores_update_after_publication_date():
    line = read_meta_line("Publié le 30/10/2013 à 17:05 - Mis à jour le 31/10/2013 à 09:12")

    assert line.published_on == date(2013, 10, 30)


@pytest.mark.parametrize(
    "text",
    [
        "Propos recueillis par Thomas Lefebvre",
        "Interview by Thomas Lefebvre",
        "Par Thomas Lefebvre",
        "By Thomas Lefebvre",
    ],
)
def test_read_meta_line_reads_interviewer(text):
    assert read_meta_line(text).interviewer == "Thomas Lefebvre"


def test_read_meta_line_keeps_interviewer_described_without_a_name():
    line = read_meta_line("Propos recueillis par notre correspondant à Rabat")

    assert line.interviewer == "notre correspondant à Rabat"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [("Source : Le Matin", "Le Matin"), ("By Reuters staff", "Reuters")],
)
def test_read_meta_line_reads_outlet_of_source_and_staff_lines(text, outlet):
    assert read_meta_line(text).outlet == outlet


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Entretien avec Aminata Sow", ("Aminata Sow",)),
        ("Interview with Hannah Okafor and Tom Reed", ("Hannah Okafor", "Tom Reed")),
    ],
)
def test_read_meta_line_reads_interviewees_of_kicker(text, names):
    assert read_meta_line(text).interviewees == names


def test_read_meta_line_rejects_a_sentence_that_contains_a_date():
    assert read_meta_line("Le 5 octobre 2024, nous avons ouvert notre premier centre.") is None


def test_read_meta_line_rejects_prose_starting_with_par():
    assert read_meta_line("Par ailleurs, la demande reste forte") is None


def test_split_names_splits_on_commas_and_conjunctions():
    assert split_names("Anne Roy, Paul Martin et Léa Fontaine") == [
        "Anne Roy",
        "Paul Martin",
        "Léa Fontaine",
    ]


@pytest.mark.parametrize(
    ("headline", "title", "interviewees"),
    [
        (
            "Interview avec Redouane El Haloui : « Nous allons établir des data centers »",
            "« Nous allons établir des data centers »",
            ["Redouane El Haloui"],
        ),
        (
            "Entretien avec Léa Fontaine : « Le vélo cargo peut remplacer une voiture »",
            "« Le vélo cargo peut remplacer une voiture »",
            ["Léa Fontaine"],
        ),
        (
            'Interview with Léa Fontaine: "Cargo bikes can replace one car in two"',
            '"Cargo bikes can replace one car in two"',
            ["Léa Fontaine"],
        ),
    ],
)
def test_read_title_removes_interview_prefix_and_names_interviewees(headline, title, interviewees):
    assert read_title(headline) == (title, interviewees)


def test_read_title_keeps_other_headlines_whole():
    headline = "“We are going to establish data centers accessible to all”"

    assert read_title(headline) == (headline, [])


def test_read_header_takes_first_short_paragraph_as_title():
    header = read_header(paragraphs("« Un titre »", "Publié le 30/10/2013", "Le chapeau."))

    assert (header.title, [p.text for p in header.body]) == ("« Un titre »", ["Le chapeau."])


def test_read_header_removes_byline_closing_the_article():
    header = read_header(paragraphs("Titre", "Une réponse.", "Propos recueillis par Anne Roy"))

    assert ([p.text for p in header.body], header.interviewer) == (["Une réponse."], "Anne Roy")


def test_read_header_names_speaker_quoted_in_headline():
    header = read_header(paragraphs("Sophie Marchand : « La sobriété n’est pas une punition »"))

    assert header.quoted_speakers == ["Sophie Marchand"]


def test_read_header_does_not_take_a_question_for_a_title():
    header = read_header(paragraphs("– Pourquoi ?", "Parce que."), place="fr")

    assert (header.title, header.warnings) == ("", ["fr: no title found."])


def test_read_meta_line_splits_byline_and_date_on_a_spaced_hyphen():
    line = read_meta_line("Par Jean Dupont - Publié le 30/10/2013 à 17:05")

    assert (line.interviewer, line.published_on) == ("Jean Dupont", date(2013, 10, 30))


def test_read_meta_line_reads_english_update_line_with_time_zone():
    line = read_meta_line("Updated: October 5, 2024 at 10:30 a.m. EDT")

    assert line.published_on == date(2024, 10, 5)
