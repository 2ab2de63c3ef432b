from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from interviews.importing import (
    ImportProblem,
    ParsedArticle,
    ParsedExchange,
    align_interview,
    align_paragraphs,
    parse_article,
)

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
FR_ANSWER = "Nous avons commencé par écouter les habitants, quartier par quartier, pendant un an."
EN_ANSWER = "We started by listening to residents, neighbourhood by neighbourhood, for a year."


def parse(name: str, lang: str) -> ParsedArticle:
    return parse_article((LAYOUTS / name).read_text(encoding="utf-8"), lang=lang, filename=name)


def article(lang: str, *exchanges: tuple[str, list[str]], **metadata) -> ParsedArticle:
    fields = {
        "title": f"{lang} title",
        "standfirst": "",
        "outlet": None,
        "published_on": None,
        "interviewees": [],
        "interviewer": None,
        "source_url": None,
        **metadata,
    }
    return ParsedArticle(
        lang=lang,
        exchanges=[
            ParsedExchange(question=question, answer=answer, line=10 * number)
            for number, (question, answer) in enumerate(exchanges, start=1)
        ],
        **fields,
    )


def sized(*lengths: int) -> list[str]:
    return ["x" * length for length in lengths]


def test_align_paragraphs_pairs_equal_lists_one_to_one():
    assert align_paragraphs(sized(300, 500, 200), sized(280, 470, 190)) == [
        ([0], [0]),
        ([1], [1]),
        ([2], [2]),
    ]


def test_align_paragraphs_finds_two_source_paragraphs_merged_into_one():
    assert align_paragraphs(sized(300, 250, 400), sized(520, 380)) == [([0, 1], [0]), ([2], [1])]


def test_align_paragraphs_finds_one_source_paragraph_split_into_two():
    assert align_paragraphs(sized(400, 600, 300), sized(380, 250, 320, 290)) == [
        ([0], [0]),
        ([1], [1, 2]),
        ([2], [3]),
    ]


def test_align_paragraphs_reports_a_paragraph_without_counterpart():
    assert align_paragraphs(sized(500), sized(250, 250, 240)) == [([0], [0, 1]), ([], [2])]


def test_align_paragraphs_of_nothing_is_nothing():
    assert align_paragraphs([], []) == []


def test_align_interview_pairs_exchanges_in_order():
    aligned = align_interview(
        article("fr", ("Pourquoi ?", [FR_ANSWER]), ("Comment ?", [FR_ANSWER])),
        article("en", ("Why?", [EN_ANSWER]), ("How?", [EN_ANSWER])),
        original="fr",
    )

    assert [exchange.question for exchange in aligned.exchanges] == [
        {"fr": "Pourquoi ?", "en": "Why?"},
        {"fr": "Comment ?", "en": "How?"},
    ]


def test_align_interview_joins_original_paragraphs_the_translator_merged():
    aligned = align_interview(
        parse("06_merged_paragraphs_fr.txt", "fr"),
        parse("06_merged_paragraphs_en.txt", "en"),
        original="fr",
    )
    first = aligned.exchanges[0].answer

    assert (len(first["fr"]), len(first["en"]), first["fr"][0]) == (
        2,
        2,
        "Que la demande existait bien avant l’offre. Les familles qui ont testé nos vélos cargos "
        "ne les ont pas rendus par plaisir, elles les ont rendus parce que l’expérimentation "
        "s’arrêtait. Nous avons suivi trois cents ménages pendant six mois. Un sur deux a déclaré "
        "utiliser moins sa voiture, et un sur cinq envisage de s’en séparer.",
    )


def test_align_interview_warns_when_it_joins_paragraphs():
    aligned = align_interview(
        parse("06_merged_paragraphs_fr.txt", "fr"),
        parse("06_merged_paragraphs_en.txt", "en"),
        original="fr",
    )

    assert (
        "Exchange 1 (fr “Qu’avez-vous appris de cette expérimentation ?”): the translation "
        "merges or splits paragraphs (fr “Que la demande existait bien avant l’offre. Les "
        "familles qui…”, en “That demand existed long before supply. The families who…”); they "
        "were joined."
    ) in aligned.warnings


def test_align_interview_joins_translated_paragraphs_the_translator_split():
    aligned = align_interview(
        parse("07_split_paragraph_fr.txt", "fr"),
        parse("07_split_paragraph_en.txt", "en"),
        original="en",
    )

    assert [
        [len(exchange.answer["fr"]), len(exchange.answer["en"])] for exchange in aligned.exchanges
    ] == [[1, 1], [1, 1], [2, 2]]


def test_align_interview_without_translation_leaves_the_other_side_empty():
    aligned = align_interview(parse("08_signed_answers_fr_only.txt", "fr"), None, original="fr")

    assert (
        aligned.title["en"],
        aligned.exchanges[0].question["en"],
        aligned.exchanges[0].answer["en"],
    ) == (
        "",
        "",
        [],
    )


def test_align_interview_without_translation_keeps_the_original():
    aligned = align_interview(parse("08_signed_answers_fr_only.txt", "fr"), None, original="fr")

    assert [len(exchange.answer["fr"]) for exchange in aligned.exchanges] == [2, 1, 1]


def test_align_interview_rejects_a_missing_exchange_quoting_where_the_sides_part():
    with pytest.raises(ImportProblem) as problem:
        align_interview(
            parse("93_question_count_mismatch_fr.txt", "fr"),
            parse("93_question_count_mismatch_en.txt", "en"),
            original="fr",
        )

    assert str(problem.value) == (
        "Exchanges found: 3 in en (93_question_count_mismatch_en.txt), 4 in "
        "fr (93_question_count_mismatch_fr.txt); no confident alignment of their paragraphs "
        "exists: the sides part at fr “Les jeunes sont-ils intéressés ?” and en “What are you "
        "asking of the State?”."
    )


def test_align_interview_rejects_answers_of_implausible_lengths():
    with pytest.raises(ImportProblem) as problem:
        align_interview(
            article("fr", ("Pourquoi ?", [FR_ANSWER * 4])),
            article("en", ("Why?", ["Yes."])),
            original="fr",
        )

    assert str(problem.value) == (
        "Exchange 1 (fr “Pourquoi ?”): the answers cannot be translations of each other (336 "
        "and 4 characters); are the exchanges in step? The en question there is “Why?”."
    )


def test_align_interview_warns_about_questions_of_implausible_lengths():
    aligned = align_interview(
        article("fr", ("Pourquoi ? " * 10, [FR_ANSWER])),
        article("en", ("Why?", [EN_ANSWER])),
        original="fr",
    )

    assert aligned.warnings[0].startswith(
        "Exchange 1 (fr “Pourquoi ? Pourquoi ? Pourquoi ? Pourquoi ? Pourquoi ?…”): the "
        "questions differ"
    )


def test_align_interview_rejects_a_paragraph_without_counterpart():
    with pytest.raises(ImportProblem) as problem:
        align_interview(
            article("fr", ("Pourquoi ?", [FR_ANSWER * 2])),
            article("en", ("Why?", [EN_ANSWER, EN_ANSWER, "See above."])),
            original="fr",
        )

    assert str(problem.value) == (
        "Exchange 1 (fr “Pourquoi ?”): the fr text has nothing facing the en paragraph "
        "“See above.”."
    )


def test_align_interview_warns_about_a_paragraph_pair_of_implausible_lengths():
    aligned = align_interview(
        article("fr", ("Pourquoi ?", [FR_ANSWER, "Oui."])),
        article("en", ("Why?", ["Yes.", EN_ANSWER])),
        original="fr",
    )

    assert aligned.warnings[0] == (
        "Exchange 1 (fr “Pourquoi ?”): the paragraph “Nous avons commencé par écouter les "
        "habitants, quartier par…” and its translation differ much in length (84 and 4 "
        "characters)."
    )


def test_align_interview_requires_the_original():
    with pytest.raises(ImportProblem) as problem:
        align_interview(None, article("en", ("Why?", [EN_ANSWER])), original="fr")

    assert str(problem.value) == "fr: the original text is missing."


def test_align_interview_rejects_an_article_given_as_the_other_language():
    with pytest.raises(ImportProblem) as problem:
        align_interview(article("en", ("Why?", [EN_ANSWER])), None, original="fr")

    assert str(problem.value) == "en: given as the fr text."


def test_align_interview_takes_metadata_the_original_lacks_from_the_translation():
    aligned = align_interview(
        article("fr", ("Pourquoi ?", [FR_ANSWER])),
        article("en", ("Why?", [EN_ANSWER]), outlet="The Times", published_on=date(2024, 1, 2)),
        original="fr",
    )

    assert (aligned.outlet, aligned.published_on) == ("The Times", date(2024, 1, 2))


def test_align_interview_warns_about_missing_metadata():
    aligned = align_interview(article("fr", ("Pourquoi ?", [FR_ANSWER])), None, original="fr")

    assert aligned.warnings == [
        "fr: no publication date found.",
        "fr: no outlet found.",
        "fr: no interviewee found.",
    ]


def test_align_interview_problems_are_one_line():
    with pytest.raises(ImportProblem) as problem:
        align_interview(
            parse("93_question_count_mismatch_fr.txt", "fr"),
            parse("93_question_count_mismatch_en.txt", "en"),
            original="fr",
        )

    assert "\n" not in str(problem.value)
