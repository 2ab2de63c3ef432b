"""The query language, read without any engine or database."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from search.documents import MAX_QUERY_LENGTH, QueryError
from search.syntax import (
    MAX_DEPTH,
    MIN_PREFIX,
    All,
    Any,
    Not,
    Phrase,
    Word,
    every_word_required,
    parse,
)


def problem(text: str) -> str:
    with pytest.raises(QueryError) as raised:
        parse(text)
    return raised.value.problem.code


def notes(text: str) -> list[str]:
    return [note.code for note in parse(text).notes]


def test_words_side_by_side_must_all_be_there():
    assert parse("portail unique").node == All((Word("portail"), Word("unique")))


@pytest.mark.parametrize("operator", ["AND", "ET"])
def test_and_in_either_language_is_the_same_as_nothing(operator):
    assert parse(f"portail {operator} unique").node == parse("portail unique").node


@pytest.mark.parametrize("operator", ["OR", "OU"])
def test_or_in_either_language_gives_alternatives(operator):
    assert parse(f"portail {operator} site").node == Any((Word("portail"), Word("site")))


def test_operators_in_lower_case_are_words():
    assert parse("portail or site").node == All((Word("portail"), Word("or"), Word("site")))


def test_and_binds_tighter_than_or():
    assert parse("a b OR c").node == Any((All((Word("a"), Word("b"))), Word("c")))


def test_groups_change_the_reading():
    assert parse("a (b OR c)").node == All((Word("a"), Any((Word("b"), Word("c")))))


@pytest.mark.parametrize("quoted", ['"data centers"', "« data centers »", "“data centers”"])
def test_straight_curly_and_french_quotes_make_a_phrase(quoted):
    assert parse(quoted).node == Phrase(("data", "centers"))


def test_a_phrase_keeps_its_words_as_typed_without_the_punctuation_around_them():
    assert parse('"Accessibles, à tous !"').node == Phrase(("Accessibles", "à", "tous"))


@pytest.mark.parametrize("typed", ["portail -unique", "portail NOT unique", "portail SAUF unique"])
def test_minus_not_and_sauf_leave_a_word_out(typed):
    assert parse(typed).node == All((Word("portail"), Not(Word("unique"))))


def test_minus_leaves_out_a_phrase():
    assert parse('portail -"site unique"').node == All(
        (Word("portail"), Not(Phrase(("site", "unique"))))
    )


def test_a_hyphen_inside_a_word_is_part_of_the_word():
    assert parse("peut-être").node == Word("peut-être")


def test_a_star_at_the_end_searches_the_words_beginning_with_the_word():
    assert parse("portai*").node == Word("portai", prefix=True)


def test_an_elided_word_stays_whole():
    assert parse("l’été").node == Word("l’été")


@pytest.mark.parametrize("text", ["-portail", "NOT portail", "-portail -unique", "SAUF (a b)"])
def test_leaving_out_only_is_refused(text):
    assert problem(text) == "only_excluded"


def test_leaving_out_as_an_alternative_is_refused():
    assert problem("portail OR -unique") == "excluded_alternative"


def test_the_refusal_names_what_is_left_out():
    with pytest.raises(QueryError) as raised:
        parse("-portail")
    assert raised.value.problem.params == {"excluded": "-portail"}


@pytest.mark.parametrize("text", ["p*", "po*", "é*"])
def test_a_prefix_shorter_than_the_minimum_is_refused(text):
    assert len(text) - 1 < MIN_PREFIX
    assert problem(text) == "prefix_too_short"


@pytest.mark.parametrize("text", ["po*tail", "*tail", "a*b*"])
def test_a_star_elsewhere_than_at_the_end_is_refused(text):
    assert problem(text) == "misplaced_wildcard"


@pytest.mark.parametrize("text", ["*", "( )", "AND OR", '""', "»«", "- , ;", "OR OR OR"])
def test_nothing_but_operators_and_punctuation_is_nothing_to_search(text):
    assert problem(text) == "nothing_to_search"


def test_a_blank_query_is_empty():
    assert problem(" \u202f ") == "empty"


def test_a_query_too_long_is_refused():
    assert problem("a " * MAX_QUERY_LENGTH) == "too_long"


def test_groups_deeper_than_the_limit_are_refused():
    assert problem("(" * (MAX_DEPTH + 1) + "a") == "too_nested"


def test_an_unclosed_quote_runs_to_the_end_and_says_so():
    parsed = parse('"portail AND (OR')
    assert parsed.node == Phrase(("portail", "AND", "OR"))
    assert [note.code for note in parsed.notes] == ["unclosed_quote"]


def test_an_unclosed_group_closes_at_the_end_and_says_so():
    parsed = parse("portail (site OR page")
    assert parsed.understood == "portail (site OR page)"
    assert notes("portail (site OR page") == ["unclosed_group"]


def test_a_stray_closing_parenthesis_is_left_out_and_said():
    assert parse("portail) unique").understood == "portail unique"
    assert notes("portail) unique") == ["unopened_group"]


@pytest.mark.parametrize(
    ("text", "operator"), [("portail AND", "AND"), ("OR portail", "OR"), ("portail -", None)]
)
def test_an_operator_with_nothing_on_one_side_is_left_out(text, operator):
    parsed = parse(text)
    assert parsed.node == Word("portail")
    assert [note.params.get("operator") for note in parsed.notes] == (
        [operator] if operator else []
    )


def test_a_query_read_as_typed_has_no_notes():
    assert parse('a (b OR "c d") -e fou*').notes == ()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("a AND b", "a b"),
        ("a b OR c", "(a b) OR c"),
        ("a OU (b ET c)", "a OR (b c)"),
        ("« data centers » SAUF portail", '"data centers" -portail'),
        ("a -(b OR c)", "a -(b OR c)"),
        ("portai*,", "portai*"),
        ("((a))", "a"),
    ],
)
def test_the_understood_query_is_the_canonical_spelling(typed, shown):
    assert parse(typed).understood == shown


# Any text at all: QueryError or a query whose reading reads the same again.

ALPHABET = [
    "a", "é", "portail", "AND", "OR", "NOT", "ET", "OU", "SAUF", "-", "*", "(", ")",
    '"', "«", "»", "“", "”", " ", " ", "\u00a0", "'", "’", ",", ":", "^", "~", "\\",
    "\x00", "_", "l’", "peut-être", "porta", "por*", "\t", "\n",
]  # fmt: skip


def random_queries(count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(ALPHABET, k=rng.randint(1, 24))) for _ in range(count)]


def test_any_text_is_read_or_refused_with_a_query_error():
    """Anything else raised fails the test; both outcomes are seen."""
    outcomes = Counter()
    for text in random_queries(4000):
        try:
            parse(text)
        except QueryError as error:
            outcomes[error.problem.code] += 1
        else:
            outcomes["read"] += 1
    assert outcomes["read"] > 1000
    assert {"nothing_to_search", "only_excluded", "misplaced_wildcard"} <= set(outcomes)


def test_reading_the_understood_query_again_gives_the_same_tree_and_no_notes():
    for text in random_queries(4000):
        try:
            parsed = parse(text)
        except QueryError:
            continue
        again = parse(parsed.understood)
        assert (again.node, again.understood, again.notes) == (parsed.node, parsed.understood, ())


def test_a_not_is_always_beside_something_to_find():
    def check(node, parent=None):
        if isinstance(node, Not):
            assert isinstance(parent, All)
            assert any(not isinstance(child, Not) for child in parent.children)
        for child in getattr(node, "children", ()) or (
            (node.child,) if isinstance(node, Not) else ()
        ):
            check(child, node)

    for text in random_queries(4000, seed=17):
        try:
            check(parse(text).node)
        except QueryError:
            continue


@pytest.mark.parametrize(
    ("text", "required"),
    [
        ("portail", True),
        ("portail unique", True),
        ('"portail unique" AND numérique', True),
        ("données*", True),
        ("(portail numérique) ET unique", True),
        ("portail OR unique", False),
        ("portail OU unique", False),
        ("portail -unique", False),
        ("portail NOT unique", False),
        ("numérique (portail OR guichet)", False),
    ],
)
def test_every_word_required_tells_whether_a_match_holds_every_word(text, required):
    assert every_word_required(parse(text).node) is required
