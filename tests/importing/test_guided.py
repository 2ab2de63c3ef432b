"""One side's structure guides the other: layouts 40–43, where the parsers find another
number of exchanges on each side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from interviews.importing import ImportProblem, ParsedArticle, align_interview, parse_article
from interviews.models import Interview
from tests.importing.test_command import run

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"


def parse(name: str, lang: str) -> ParsedArticle:
    return parse_article((LAYOUTS / name).read_text(encoding="utf-8"), lang=lang, filename=name)


def pair(stem: str, en_name: str = "") -> tuple[ParsedArticle, ParsedArticle]:
    return parse(f"{stem}_fr.txt", "fr"), parse(en_name or f"{stem}_en.txt", "en")


def shape(aligned) -> list[tuple[str, str, int, int]]:
    """Each exchange's questions and its number of answer units on each side."""
    return [
        (e.question["fr"], e.question["en"], len(e.answer["fr"]), len(e.answer["en"]))
        for e in aligned.exchanges
    ]


ALTERNATE = [
    ("Pourquoi ouvrir le dimanche ?", "Why open on Sundays?", 1, 1),
    ("Qui fréquente les médiathèques aujourd’hui ?", "Who uses libraries today?", 2, 2),
    (
        "Le numérique ne menace-t-il pas la lecture ?",
        "Isn't digital technology a threat to reading?",
        1,
        1,
    ),
    (
        "Comment financez-vous ces horaires élargis ?",
        "How do you pay for the longer opening hours?",
        1,
        1,
    ),
    ("Que manque-t-il encore ?", "What is still missing?", 1, 1),
]


def test_questions_marked_every_other_time_follow_the_original():
    fr, en = pair("40_alternate_markers")
    assert (len(fr.exchanges), len(en.exchanges)) == (5, 3), "the case of the issue"

    aligned = align_interview(fr, en, original="fr")

    assert shape(aligned) == ALTERNATE
    assert [e.confidence for e in aligned.exchanges] == [0.71, 0.41, 0.62, 0.73, 0.58]
    assert not any(e.doubtful for e in aligned.exchanges)
    assert aligned.exchanges[1].answer["en"][1] == (
        "Books remain at the heart of the job, but a good half of our 2,500 daily visitors do "
        "not come to borrow."
    )
    assert aligned.warnings[0] == (
        "Exchanges found: 3 in en (40_alternate_markers_en.txt), 5 in fr "
        "(40_alternate_markers_fr.txt); the paragraphs of en were laid on the structure of fr."
    )


def test_an_original_marked_every_other_time_follows_its_translation():
    fr, en = pair("40_alternate_markers")

    aligned = align_interview(fr, en, original="en")

    assert (aligned.original, shape(aligned)) == ("en", ALTERNATE)


def test_a_first_question_left_unmarked_is_taken_back_from_the_standfirst():
    fr, en = (
        parse("40_alternate_markers_fr.txt", "fr"),
        parse("44_first_question_unmarked_en.txt", "en"),
    )
    assert en.standfirst.count("\n\n") == 2, "the parser took question 1 for the standfirst"

    aligned = align_interview(fr, en, original="fr")

    assert shape(aligned) == ALTERNATE
    assert aligned.standfirst == {
        "fr": "",
        "en": "An interview with Claire Dumoulin, head of the Rennes library network, whose "
        "branches now open on Sundays.",
    }
    assert not any(e.doubtful for e in aligned.exchanges)


def test_an_english_original_with_bold_questions_guides_an_unmarked_french_translation():
    aligned = align_interview(*pair("41_guardian_qa_unmarked", "41_guardian_qa_bold_en.html"),
                              original="en")  # fmt: skip

    assert shape(aligned) == [
        (
            "Votre nouveau livre parle de jardiner sans tuyau d’arrosage. Pourquoi maintenant ?",
            "Your new book is about gardening without a hose. Why now?",
            2,
            2,
        ),
        ("Parlez-nous de votre propre jardin.", "Tell us about your own garden.", 1, 1),
        ("À quoi avez-vous renoncé ?", "What did you give up?", 1, 1),
        ("Que doit planter un débutant en premier ?", "What should a beginner plant first?", 1, 1),
    ]
    assert (aligned.outlet, aligned.interviewees) == ("The Guardian", ["Ama Mensah"])


def test_the_question_without_a_question_mark_is_the_one_flagged():
    aligned = align_interview(*pair("41_guardian_qa_unmarked", "41_guardian_qa_bold_en.html"),
                              original="en")  # fmt: skip

    assert [e.doubtful for e in aligned.exchanges] == [False, True, False, False]
    assert aligned.exchanges[1].confidence == 0.22
    assert aligned.warnings[1] == (
        "Exchange 2: unsure where fr places it (confidence 0.22): "
        "“Parlez-nous de votre propre jardin.”."
    )


def test_a_split_and_a_merged_paragraph_are_joined_on_the_guide_s_structure():
    aligned = align_interview(*pair("42_split_and_merged"), original="fr")

    assert [(len(e.answer["fr"]), len(e.answer["en"])) for e in aligned.exchanges] == [
        (1, 1), (1, 1), (1, 1), (1, 1)
    ]  # fmt: skip
    assert (
        aligned.exchanges[1]
        .answer["en"][0]
        .endswith(
            "designed for city bicycles. Finally safety: as long as cycle lanes stop at junctions, "
            "parents will hesitate to carry their children on them."
        )
    )
    assert aligned.exchanges[2].answer["fr"] == [
        "Oui, et c’est la surprise de l’étude. Les clients à vélo viennent plus souvent et "
        "dépensent autant sur le mois. Plusieurs commerçants du centre nous ont d’ailleurs "
        "demandé des arceaux devant leur boutique."
    ]
    assert aligned.warnings[2:4] == [
        "Exchange 2: en splits a paragraph of fr in two (“Le prix d’abord : un bon vélo "
        "cargo électrique coûte plus de…”); they were joined.",
        "Exchange 3: en merges two paragraphs of fr into one (“Oui, et c’est la surprise de "
        "l’étude. Les clients à vélo…”); they were joined.",
    ]
    assert not any(e.doubtful for e in aligned.exchanges)


def test_a_translation_of_another_structure_is_refused_quoting_where_the_sides_part():
    with pytest.raises(ImportProblem) as problem:
        align_interview(*pair("43_different_structure"), original="fr")

    assert str(problem.value) == (
        "Exchanges found: 2 in en (43_different_structure_en.txt), 4 in fr "
        "(43_different_structure_fr.txt); no confident alignment of their paragraphs exists: "
        "the sides part at fr “Combien cela coûtera-t-il ?” and en “The region has "
        "commissioned a study from an independent…”."
    )


@pytest.mark.django_db
def test_the_command_warns_about_the_doubtful_exchange_and_its_json_carries_it():
    out, err = run(
        "--fr", str(LAYOUTS / "41_guardian_qa_unmarked_fr.txt"),
        "--en", str(LAYOUTS / "41_guardian_qa_bold_en.html"),
        "--original", "en", "--dry-run", "--json",
    )  # fmt: skip

    assert json.loads(out)["doubtful_exchanges"] == [{"exchange": 2, "confidence": 0.22}]
    assert (
        "warning: Exchange 2: unsure where fr places it (confidence 0.22): "
        "“Parlez-nous de votre propre jardin.”.\n"
    ) in err


@pytest.mark.django_db
def test_the_command_imports_a_translation_marked_every_other_time():
    run(
        "--fr", str(LAYOUTS / "40_alternate_markers_fr.txt"),
        "--en", str(LAYOUTS / "40_alternate_markers_en.txt"),
        "--outlet", "Le Télégramme",
    )  # fmt: skip

    interview = Interview.objects.get()
    assert [len(e.paragraphs("en")) for e in interview.exchanges.all()] == [1, 2, 1, 1, 1]


@pytest.mark.django_db
def test_the_command_refuses_another_structure_in_one_line_and_writes_nothing():
    with pytest.raises(CommandError) as raised:
        run("--fr", str(LAYOUTS / "43_different_structure_fr.txt"),
            "--en", str(LAYOUTS / "43_different_structure_en.txt"))  # fmt: skip

    assert "the sides part at fr “Combien cela coûtera-t-il ?”" in str(raised.value)
    assert not Interview.objects.exists()
