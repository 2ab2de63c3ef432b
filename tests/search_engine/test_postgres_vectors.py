"""The PostgreSQL backend's vectors (``search.backends.postgres.vectors``), as the server
reads them (collected on PostgreSQL only: see the conftest)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest
from django.db import connection

from search.analysis import LANGUAGES, WORD, bare
from search.backends.postgres import common
from search.backends.postgres.vectors import (
    MAX_POSITION,
    MAX_POSITIONS,
    TEMPLATED_WORDS,
    Lexemes,
    Placed,
    place,
    place_by_word,
)
from tests.search_engine.corpus import seed_documents


def _server(vectors: list[str]) -> list[str]:
    """Each of ``vectors`` as the server reads and writes it back."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v::tsvector::text FROM unnest(%s::text[]) WITH ORDINALITY AS u(v, n) "
            "ORDER BY n",
            [vectors],
        )
        return [vector for (vector,) in cursor.fetchall()]


def _texts() -> list[tuple[str, list[str], list[str]]]:
    """Texts of the seed, alone and drawn again with their own title and names (one of
    whose words is in the text too), with words repeated, a word too long to be indexed,
    texts as long as a template is made for and one word longer, and nothing at all:
    (language, words, meta) as a row gives them."""
    words = re.compile(WORD)
    drawn, made = random.Random(5), []
    for document in seed_documents():
        for lang in LANGUAGES:
            text = [bare(word, lang)[0] for word in words.findall(document.text.get(lang, ""))]
            meta = drawn.sample(text, min(3, len(text)))
            repeated = text + drawn.sample(text, len(text) // 2) + ["x" * 3000] + text[:1]
            made += [(lang, text, []), (lang, text, meta), (lang, repeated, meta)]
    seed = [word for _, text, _ in made[:3] for word in text if len(word) < 100]
    long = [drawn.choice(seed) for _ in range(TEMPLATED_WORDS + 1)]
    made += [("fr", long[:-1], []), ("fr", long, []), ("fr", long[:-1], long[:2])]
    return [*made, ("fr", [], []), ("fr", [], ["haloui"]), ("en", ["x" * 3000], ["x" * 3000])]


def _placed(
    how: Callable[[list[str], list[str]], Placed], lang: str, words: list[str], meta: list[str]
) -> Placed:
    """``how`` (``place`` or ``place_by_word``) of the lexemes of ``words`` and ``meta``
    (folded words), as a ``rows.Rows`` gives them."""
    lexemes = Lexemes()
    return how(
        [lexemes.lexeme(lang, word) for word in words],
        [lexemes.lexeme(lang, word) for word in meta],
    )


def test_a_vector_written_place_by_place_is_the_one_written_word_by_word(db):
    """``place`` writes each lexeme as often as it comes; ``place_by_word`` puts its
    places together, as ``tsvector`` keeps them: the server reads the same vector, and both
    give the same lexemes and the same places of each, weighing A and weighing B."""
    texts = _texts()
    fast = [_placed(place, *text) for text in texts]
    exact = [_placed(place_by_word, *text) for text in texts]
    assert any(max(placed.counts.values(), default=0) > 1 for placed in fast)
    assert any(placed.held for placed in fast)
    assert _server([placed.vector for placed in fast]) == _server(
        [placed.vector for placed in exact]
    )
    assert [_places(p) for p in fast] == [_places(p) for p in exact]


def _places(placed: Placed) -> dict[str, tuple[int, int]]:
    return {lexeme: placed.places(lexeme) for lexeme in placed.lexemes}


_FILLER = [f"w{n}" for n in range(MAX_POSITION)]  # as many other words as places


@pytest.mark.parametrize(
    ("words", "meta"),
    [
        (["portail", "numero", "portail"], ["numero"]),
        (["portail"] * 300, ["portail"]),  # more places than a lexeme keeps
        (_FILLER + ["portail"] * 3, ["portail"]),  # places past the last one
        (_FILLER[:-3] + ["portail"] * 3, ["portail"]),  # up to it
        (["portail"] * 200, ["portail"] * 60),
        (["portail"] * 200, ["portail"] * 54),  # one place short of the limit
    ],
)
def test_a_text_at_the_limits_of_a_vector_keeps_what_the_server_keeps(db, words, meta):
    """A lexeme keeps its places as ``to_tsvector`` keeps them: a place past
    ``MAX_POSITION`` is that one, kept once, and no more than ``MAX_POSITIONS`` places;
    and it is ranked as the server ranks it."""
    placed = _placed(place, "fr", words, meta)
    for word in set(words[-3:] + meta):
        given = [(n, "A") for n, each in enumerate(words, 1) if each == word] + [
            (n, "B") for n, each in enumerate(meta, len(words) + 2) if each == word
        ]
        kept: list[tuple[int, str]] = []
        for at, weight in given:
            if len(kept) < MAX_POSITIONS and not (kept and kept[-1][0] == MAX_POSITION):
                kept.append((min(at, MAX_POSITION), weight))
        lexeme = f"'{word}'"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT positions, weights, ts_rank(%s::tsvector, %s::tsquery) "
                "FROM unnest(%s::tsvector) WHERE lexeme = %s",
                [placed.vector, lexeme, placed.vector, word],
            )
            positions, weights, server_rank = cursor.fetchone()
        assert list(zip(positions, weights, strict=True)) == kept
        assert server_rank == pytest.approx(common.rank(*placed.places(lexeme)), rel=1e-6)
