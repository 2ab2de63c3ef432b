"""What every search backend must do with the query language (``search/syntax.py``):
leaving words out, prefixes, OR, AND, groups and quotes, on a real index in a tmp dir."""

from __future__ import annotations

from itertools import product
from string import ascii_lowercase

import pytest

from search.documents import SearchResults
from search.syntax import MAX_PREFIX_WORDS
from tests.search_engine.corpus import make_document
from tests.search_engine.helpers import index, marked, search

# The query language (search/syntax.py): every backend runs all of it


@pytest.fixture
def portals(backend):
    """Four French paragraphs: portail, portail unique, portée, portails."""
    index(
        backend,
        [
            make_document("Le portail des services.", "The services portal.", paragraph=1),
            make_document("Un portail unique.", "A single portal.", paragraph=2),
            make_document("Une portée limitée.", "A limited reach.", paragraph=3),
            make_document("Les portails régionaux.", "Regional portals.", paragraph=4),
        ],
    )
    return backend


def paragraphs(results: SearchResults) -> set[int]:
    assert results.error is None, results.error
    return {hit.paragraph for hit in results.hits}


@pytest.mark.parametrize("text", ["-portail", "NOT portail", "SAUF portail", "-portail -unique"])
def test_leaving_words_out_only_is_refused_not_searched(portals, text):
    results = search(portals, text)
    assert results.error is not None and results.error.code == "only_excluded"
    assert (results.hits, results.total) == ([], 0)


@pytest.mark.parametrize("text", ["portail -unique", "portail NOT unique", "portail SAUF unique"])
def test_minus_word_leaves_out_the_passages_that_hold_it(portals, text):
    assert paragraphs(search(portals, text, lang="fr")) == {1, 4}


def test_minus_phrase_leaves_out_the_passages_that_hold_it(portals):
    assert paragraphs(search(portals, 'portail -"portail unique"', lang="fr")) == {1, 4}


def test_leaving_out_follows_the_language_analysis(portals):
    """ "-uniques" leaves out "unique": the excluded word is stemmed like any other."""
    assert paragraphs(search(portals, "portail -uniques", lang="fr")) == {1, 4}


def test_prefix_finds_the_words_beginning_with_it(portals):
    assert paragraphs(search(portals, "portai*", lang="fr")) == {1, 2, 4}


def test_prefix_ignores_accents_and_capitals(portals):
    assert paragraphs(search(portals, "PORTÉ*", lang="fr")) == {3}
    assert paragraphs(search(portals, "regio*", lang="fr")) == {4}


def test_prefix_is_not_a_stem(portals):
    """ "portai" is not stemmed to "port", which "portée" is indexed under."""
    results = search(portals, "portai*", lang="fr")
    assert 3 not in paragraphs(results)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("portai*", {1, 2, 4, 5}),
        ("portai* OR ouverte", {1, 2, 4, 5, 6}),
        ("portai* -veste", {1, 2, 4}),
        ("veste OR porte*", {3, 5, 6}),
    ],
)
def test_a_prefix_finds_the_words_beginning_with_it_not_those_sharing_their_stem(
    portals, text, found
):
    """ "portait" begins with "portai" and its stem is "port", that of "porte", which
    does not: "portai*" finds the one and not the other, alone or with other words."""
    index(
        portals,
        [
            make_document("Il portait une veste.", paragraph=5),
            make_document("La porte est ouverte.", paragraph=6),
        ],
    )
    results = search(portals, text, lang="fr")
    assert paragraphs(results) == found
    assert results.total == len(found)


def test_prefix_highlights_only_the_words_beginning_with_it(portals):
    index(portals, [make_document("La portée du portail et des portails.", paragraph=5)])
    hit = next(hit for hit in search(portals, "portai*", lang="fr").hits if hit.paragraph == 5)
    assert marked(hit.highlighted) == ["portail", "portails"]


def test_a_prefix_of_digits_finds_the_numbers_beginning_with_it(backend):
    texts = [("Élu en 2007.", "Elected in 2007."), ("En 2012.", "In 2012."), ("2000s", "2000s")]
    index(backend, [make_document(*text, paragraph=n) for n, text in enumerate(texts, 1)])
    assert paragraphs(search(backend, "200*")) == {1, 3}


@pytest.mark.parametrize(
    ("text", "found"),
    [("porte-paro*", {1, 2, 4}), ("porte-parole*", {1, 2}), ("porte paro*", {1, 2, 3, 4})],
)
def test_a_prefix_typed_after_a_word_in_one_compound_ends_its_phrase(backend, text, found):
    """ "porte-paro*" is "porte" followed by a word beginning with "paro", as "porte-parole"
    is a phrase; typed apart, the two words are searched apart."""
    texts = [
        "Le porte-parole du gouvernement.",
        "Les porte-paroles et la porte.",
        "Une porte, une parole.",
        "La porte parolière.",
        "Un porte-avions.",
    ]
    index(
        backend, [make_document(text, "Nothing.", paragraph=n) for n, text in enumerate(texts, 1)]
    )
    assert paragraphs(search(backend, text, lang="fr")) == found


@pytest.mark.parametrize(
    ("text", "found"), [("happi*", {2, 3}), ("happ*", {1, 2, 3}), ("happ* -happi*", {1})]
)
def test_a_prefix_leaves_out_the_words_that_share_a_stem_without_beginning_with_it(
    backend, text, found
):
    """ "happiness" is indexed under "happi", as "happy" is: "happi*" finds the first
    and not the second, which does not begin with it, nor leaves it out."""
    texts = ["I am happy.", "Happiness matters.", "Happily so.", "A hippo."]
    index(backend, [make_document("Rien.", text, paragraph=n) for n, text in enumerate(texts, 1)])
    assert paragraphs(search(backend, text, lang="en")) == found


def test_prefix_leaves_out_the_elision(portals):
    index(portals, [make_document("Il parle de l’exportation.", paragraph=5)])
    assert paragraphs(search(portals, "l’exporta*", lang="fr")) == {5}


@pytest.mark.parametrize(("more", "found"), [(0, True), (1, False)])
def test_a_prefix_may_stand_for_so_many_words_in_every_backend(backend, more, found):
    """``MAX_PREFIX_WORDS`` words beginning with "zyx" are found; one more is refused."""
    words = ["zyx" + "".join(letters) for letters in product(ascii_lowercase, repeat=3)]
    index(backend, [make_document(" ".join(words[: MAX_PREFIX_WORDS + more]), "Nothing.")])
    results = search(backend, "zyx*", lang="fr")
    if found:
        assert (results.error, results.total) == (None, 1)
    else:
        assert results.error.code == "prefix_too_common"


@pytest.mark.parametrize(
    ("text", "code"), [("p*", "prefix_too_short"), ("po*tail", "misplaced_wildcard")]
)
def test_a_prefix_that_cannot_be_searched_is_an_error(portals, text, code):
    assert search(portals, text).error.code == code


@pytest.mark.parametrize("operator", ["OR", "OU"])
def test_or_finds_either_word(portals, operator):
    assert paragraphs(search(portals, f"unique {operator} portée", lang="fr")) == {2, 3}


def test_words_side_by_side_must_all_be_there(portals):
    assert paragraphs(search(portals, "portail services", lang="fr")) == {1}


def test_and_binds_tighter_than_or(portals):
    assert paragraphs(search(portals, "portail services OR portée", lang="fr")) == {1, 3}


def test_groups_decide_what_goes_together(portals):
    assert paragraphs(search(portals, "portail (services OR unique)", lang="fr")) == {1, 2}


def test_a_group_can_be_left_out(portals):
    assert paragraphs(search(portals, "portai* -(services OR unique)", lang="fr")) == {4}


def test_an_unclosed_quote_runs_to_the_end(portals):
    assert paragraphs(search(portals, '"portail unique', lang="fr")) == {2}


def test_a_dangling_operator_is_left_out(portals):
    assert paragraphs(search(portals, "unique AND", lang="fr")) == {2}
    assert paragraphs(search(portals, "(OR unique", lang="fr")) == {2}


def test_operators_in_lower_case_are_words(backend):
    index(backend, [make_document("", "salt or pepper", original_language="en")])
    assert search(backend, '"salt or pepper"', lang="en").total == 1
