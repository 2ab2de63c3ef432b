"""What every search backend must do, run against each one on a real index in a tmp dir:
finding, highlighting, refusing bad queries and suggesting (the query language:
``test_backend_operators``; filters, facets, sorting, pages: ``test_backend_filters``)."""

from __future__ import annotations

import pytest

from search.documents import SearchResults
from tests.search_engine.corpus import EXCHANGE_UIDS, make_document
from tests.search_engine.helpers import index, keys, marked, search

EXCHANGE_4 = EXCHANGE_UIDS[4]

# The seed: French quotes


def test_quoted_sentence_finds_its_paragraph_beside_its_translation(seeded):
    hit = search(seeded, '"data centers accessibles à tous"').hits[0]
    assert (hit.exchange, hit.part, hit.paragraph, hit.lang) == (1, "answer", 1, "fr")
    assert "data centers accessible to all" in hit.translation
    assert hit.translation_lang == "en"


def test_unaccented_word_finds_the_accented_one(seeded):
    hits = search(seeded, "numerique").hits
    assert hits
    assert all("numérique" in hit.text.lower() for hit in hits)


def test_capitals_make_no_difference(seeded):
    assert keys(search(seeded, "NUMERIQUE")) == keys(search(seeded, "numérique"))


def test_plural_finds_the_other_inflections(seeded):
    french = " ".join(hit.text for hit in search(seeded, "exportations", lang="fr").hits)
    assert "l'exportation" in french
    assert "s'exporter" in french


def test_french_phrase_finds_exchange_4(seeded):
    hits = search(seeded, '"portail unique"').hits
    assert {(hit.exchange, hit.lang) for hit in hits} == {(4, "fr")}


def test_english_words_find_the_english_paragraph_beside_the_french(seeded):
    hit = search(seeded, "single portal").hits[0]
    assert (hit.exchange, hit.paragraph, hit.lang) == (4, 2, "en")
    assert "single portal" in hit.text
    assert "portail unique" in hit.translation
    assert hit.translation_lang == "fr"


def test_curly_and_straight_apostrophes_give_the_same_hits(seeded):
    curly = search(seeded, "l’outsourcing")
    assert curly.hits
    assert keys(curly) == keys(search(seeded, "l'outsourcing"))


def test_quoted_phrase_with_an_elision_finds_the_question(seeded):
    hits = search(seeded, '"d’importantes initiatives"').hits
    assert [(hit.key, hit.part) for hit in hits] == [(f"{EXCHANGE_UIDS[1]}:q", "question")]


@pytest.mark.parametrize(
    "quoted", ["«portail unique»", "« portail unique »", "“portail unique”", "„portail unique“"]
)
def test_guillemets_and_curly_quotes_quote_a_phrase(seeded, quoted):
    assert keys(search(seeded, quoted)) == keys(search(seeded, '"portail unique"'))


def test_phrase_words_must_be_adjacent_and_in_order(seeded):
    assert search(seeded, '"unique portail"').total == 0


def test_stop_words_are_optional_outside_quotes(backend):
    index(backend, [make_document("un portail unique")])
    assert search(backend, "portail du unique").total == 1
    assert search(backend, '"portail du unique"').total == 0


def test_a_query_of_stop_words_only_still_searches(seeded):
    assert search(seeded, '"à tous"').total > 0


def test_interviewee_names_find_the_interview(seeded):
    hit = search(seeded, "El Haloui").hits[0]
    assert hit.part == "meta"
    assert marked(hit.highlighted) == ["El", "Haloui"]


# Highlighting


def test_highlight_wraps_the_accented_word_for_an_unaccented_query(seeded):
    hit = search(seeded, "numerique", lang="fr").hits[0]
    assert "<mark>numérique</mark>" in hit.highlighted


def test_phrase_highlight_covers_the_phrase(seeded):
    hit = search(seeded, '"data centers accessibles à tous"').hits[0]
    assert marked(hit.highlighted) == ["data centers accessibles à tous"]


def test_highlight_shows_the_quote_as_typed_in_the_text(seeded):
    hit = search(seeded, "single portal").hits[0]
    assert set(marked(hit.highlighted)) == {"single", "portal"}


def test_every_hit_is_highlighted(seeded):
    for text in ("portail", "exportations", "numerique", "innovation", '"à tous"'):
        assert all(marked(hit.highlighted) for hit in search(seeded, text).hits), text


def test_highlight_escapes_the_text(backend):
    index(backend, [make_document("<script>alert(1)</script> portail")])
    hit = search(backend, "portail").hits[0]
    assert hit.highlighted == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>portail</mark>"


# Queries that cannot run

BAD_QUERIES = [
    '"unclosed',
    "AND OR (",
    "*",
    "?",
    "title:(",
    "title:portail",
    ")(",
    "((((",
    "NOT",
    "NOT portail",
    "portail AND",
    "OR OR OR",
    '"',
    '""',
    "«",
    "»«",
    "\\",
    "\x00",
    "[a TO b]",
    "*:*",
    "portail~2",
    "numérique^",
    "-portail",
    "'",
    "l'",
    "<script>",
    "\u202f",
    "( ( ( portail",
    "x" * 10_000,
    "(" * 999,
    "portail " * 120,
]


@pytest.mark.parametrize("text", BAD_QUERIES, ids=lambda text: repr(text[:20]))
def test_odd_queries_give_results_or_an_error_never_an_exception(seeded, text):
    results = search(seeded, text)
    assert isinstance(results, SearchResults)
    if results.error:
        assert (results.hits, results.total) == ([], 0)


def test_empty_query_is_an_error(seeded):
    assert "Type a word" in str(search(seeded, "   ").error)


def test_very_long_query_is_an_error(seeded):
    assert "too long" in str(search(seeded, "numérique " * 1000).error)


@pytest.mark.parametrize("text", ["*", "( )", "AND OR", "»«"])
def test_a_query_with_nothing_to_find_is_an_error(seeded, text):
    assert "Nothing to search for" in str(search(seeded, text).error)


def test_operators_combine_words(seeded):
    assert search(seeded, "portail NOT unique").total == 0
    both = search(seeded, "portail OR outsourcing")
    assert both.total == search(seeded, "portail").total + search(seeded, "outsourcing").total


def test_french_operators_work_too(seeded):
    assert search(seeded, "portail SAUF unique").total == 0
    assert (
        search(seeded, "portail OU outsourcing").total
        == search(seeded, "portail OR outsourcing").total
    )


@pytest.mark.parametrize(("typed", "expected"), [("numerik", "numérique"), ("portial", "portail")])
def test_a_misspelt_word_gets_a_suggestion(seeded, typed, expected):
    assert search(seeded, typed).suggestion == expected


def test_suggestion_corrects_words_in_place(seeded):
    suggestion = search(seeded, '"portial unique" AND numerik').suggestion
    assert suggestion == '"portail unique" AND numérique'


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("portail OR numerik", "portail OR numérique"), ("portail -numerik", "portail -numérique")],
)
def test_a_misspelt_word_beside_one_found_gets_a_suggestion(seeded, typed, expected):
    results = search(seeded, typed)
    assert results.total > 0
    assert results.suggestion == expected


@pytest.mark.parametrize("text", ["numerique", "NUMÉRIQUE", "exportations", "single portal"])
def test_known_words_get_no_suggestion(seeded, text):
    assert search(seeded, text).suggestion is None


def test_a_number_no_passage_holds_gets_no_suggestion(backend):
    """Numbers are not offered: 1234568 is not a misspelt 1234567."""
    index(backend, [make_document("Le dossier 1234567.", "File 1234567.")])
    results = search(backend, "1234568")
    assert (results.total, results.suggestion) == (0, None)
