"""An editor's corrections to the detected structure, applied without a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviews.importing import ImportProblem, ParsedArticle, parse_article
from interviews.importing.corrections import (
    ANSWER,
    QUESTION,
    StructureParagraph,
    corrected,
    exchanges_of,
    review,
    structure_of,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
LAYOUTS = ROOT / "fixtures" / "layouts"


def parse(path: Path, lang: str) -> ParsedArticle:
    return parse_article(path.read_text("utf-8"), lang=lang, filename=path.name)


def q(text: str, line: int = 1, **extra) -> StructureParagraph:
    return StructureParagraph(QUESTION, text, line, **extra)


def a(text: str, line: int = 1, **extra) -> StructureParagraph:
    return StructureParagraph(ANSWER, text, line, **extra)


def test_structure_lists_each_exchange_question_then_answers():
    article = parse(SEED / "fr.txt", "fr")

    roles = "".join(paragraph.role[0] for paragraph in structure_of(article))

    assert roles == "qaa" + "qaaaaa" + "qaaa" + "qaaa"


def test_uncorrected_structure_rebuilds_the_same_exchanges():
    article = parse(SEED / "fr.txt", "fr")

    assert exchanges_of(structure_of(article), place="fr") == article.exchanges


def test_a_question_of_several_paragraphs_survives_the_round_trip():
    article = parse(LAYOUTS / "08_signed_answers_fr_only.txt", "fr")
    paragraphs = structure_of(article)

    assert exchanges_of(paragraphs, place="fr") == article.exchanges


def test_consecutive_question_paragraphs_make_one_question():
    exchanges = exchanges_of([q("Why?"), q("And how?"), a("Because.")], place="fr")

    assert [(e.question, e.answer) for e in exchanges] == [("Why?\n\nAnd how?", ["Because."])]


def test_a_question_starts_an_exchange_and_answers_follow_it():
    exchanges = exchanges_of(
        [q("One?", 1), a("Yes.", 2), a("Indeed.", 3), q("Two?", 4), a("No.", 5)], place="fr"
    )

    assert [(e.question, e.answer, e.line) for e in exchanges] == [
        ("One?", ["Yes.", "Indeed."], 1),
        ("Two?", ["No."], 4),
    ]


def test_joining_appends_to_the_previous_paragraph_whose_role_wins():
    paragraphs = corrected([q("Why?"), a("Because it is", join=True), a("so.")])

    assert paragraphs == [q("Why? Because it is"), a("so.")]


def test_joining_the_first_paragraph_changes_nothing():
    assert corrected([q("Why?", join=True), a("Because.")]) == [q("Why?"), a("Because.")]


def test_a_blank_line_splits_a_paragraph_keeping_its_role_and_line():
    paragraphs = corrected([q("Why?"), a("First part.\r\n \r\nSecond\npart.", 7)])

    assert paragraphs == [q("Why?"), a("First part.", 7), a("Second part.", 7)]


def test_an_emptied_paragraph_is_left_out():
    assert corrected([q("Why?"), a("  "), a("Because.")]) == [q("Why?"), a("Because.")]


def test_a_joined_paragraph_with_a_blank_line_joins_its_first_part_only():
    paragraphs = corrected([q("Why?"), a("Because.", join=True), a("It is.\n\nSo.")])

    assert corrected([q("Why?"), a("one\n\ntwo", join=True)]) == [q("Why? one"), a("two")]
    assert paragraphs == [q("Why? Because."), a("It is."), a("So.")]


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        ([], "fr: no paragraph left: nothing to import."),
        (
            [a("Hello.", 3), q("Why?")],
            "fr: the answer “Hello.” comes before the first question.",
        ),
        (
            [q("Why?"), a("Yes."), q("And?", 9)],
            "fr, exchange 2: the question “And?” has no answer (the text ends there).",
        ),
        (
            [StructureParagraph("chorus", "La la.", 2)],
            "fr: “La la.” has an unknown role, “chorus”.",
        ),
    ],
)
def test_a_structure_that_is_no_interview_is_refused(paragraphs, message):
    with pytest.raises(ImportProblem) as refused:
        exchanges_of(paragraphs, place="fr")

    assert str(refused.value) == message


def test_review_without_corrections_aligns_as_parsed():
    articles = {lang: parse(SEED / f"{lang}.txt", lang) for lang in ("fr", "en")}

    result = review(articles, original="fr")

    assert result.problem is None
    assert [len(e.answer["en"]) for e in result.aligned.exchanges] == [2, 5, 3, 3]
    assert result.structure["en"] == structure_of(articles["en"])


def test_review_applies_the_corrections_of_one_side():
    articles = {"fr": parse(SEED / "fr.txt", "fr")}
    paragraphs = structure_of(articles["fr"])
    paragraphs[5] = a(paragraphs[5].text, paragraphs[5].line, join=True)

    result = review(articles, original="fr", corrections={"fr": paragraphs})

    assert [len(e.answer["fr"]) for e in result.aligned.exchanges] == [2, 4, 3, 3]
    assert len(result.structure["fr"]) == len(paragraphs) - 1


def test_review_lays_the_translation_on_a_corrected_original_and_flags_the_change():
    articles = {lang: parse(SEED / f"{lang}.txt", lang) for lang in ("fr", "en")}
    paragraphs = structure_of(articles["fr"])
    paragraphs[5] = q(paragraphs[5].text, paragraphs[5].line)

    result = review(articles, original="fr", corrections={"fr": paragraphs})

    assert [len(e.answer["en"]) for e in result.aligned.exchanges] == [2, 1, 3, 3, 3]
    assert [e.doubtful for e in result.aligned.exchanges] == [False, False, True, False, False]
    assert result.aligned.exchanges[2].question["en"].startswith("We must also distinguish")


def test_review_reports_a_correction_that_breaks_the_alignment_in_one_line():
    articles = {lang: parse(SEED / f"{lang}.txt", lang) for lang in ("fr", "en")}
    paragraphs = structure_of(articles["fr"])
    paragraphs[5] = q(paragraphs[5].text, paragraphs[5].line)
    # The question's translation deleted: nothing on the English side can stand for it.
    translation = structure_of(articles["en"])
    translation[5] = a("", translation[5].line)

    result = review(articles, original="fr", corrections={"fr": paragraphs, "en": translation})

    assert result.aligned is None
    assert result.problem.startswith("Exchanges found: 4 in en (en.txt), 5 in fr (fr.txt);")
    assert "\n" not in result.problem
    assert result.structure["fr"][5].role == QUESTION
