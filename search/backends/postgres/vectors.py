"""A document's ``tsvector`` per language, made in Python as PostgreSQL makes it, for a
rebuild to ``COPY`` ready: the server then parses no text and stems no word.

What each word becomes is still PostgreSQL's to say: the lexemes of every distinct word,
and how many positions it takes, are asked of the server once per ``Lexemes`` (its text
search configuration: parser, ``unaccent``, Snowball), in one statement per batch of new
words. A word is one of the space-separated words ``rows`` writes, and the parser never
joins two of those: a text's vector is its words' lexemes, one after the other. The
rest is what ``to_tsvector``, ``setweight`` and ``||`` do with positions
(``tsvector_parser.c``, ``to_tsany.c``, ``tsvector_op.c``): capped at ``MAX_POSITION``,
at most ``_WORD_POSITIONS`` per lexeme in one text and ``_POSITIONS`` in the
concatenation, the second text's positions after the first's last. The writes of one
document (``writing.apply``) let the server compute the same vectors itself; the tests
compare the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import chain

from django.db.backends.utils import CursorWrapper

from .tsquery import config

MAX_POSITION = 16383  # MAXENTRYPOS - 1: later positions are all this one
_WORD_POSITIONS = 255  # MAXNUMPOS - 1: what to_tsvector keeps of a lexeme's positions
_POSITIONS = 256  # MAXNUMPOS: what || keeps
# Each word's lexemes with their positions from 1, and the positions it takes (the
# position of a token written after it, less one).
_LOOKUP = """
    SELECT w,
        (SELECT coalesce(array_agg(u.lexeme), '{{}}') FROM unnest(to_tsvector({cfg}, w)) u),
        (SELECT coalesce(array_agg(array_to_string(u.positions, ',')), '{{}}')
            FROM unnest(to_tsvector({cfg}, w)) u),
        (SELECT coalesce(max(p), 1) - 1
            FROM unnest(to_tsvector({cfg}, w || ' 0')) u, unnest(u.positions) p)
    FROM unnest(%s::text[]) w
"""

# Each position with its weight, as ``tsvector`` text writes it ("12A"), made once.
# From position 1: ``_PLACES_A[0]`` is "1A".
_PLACES_A = tuple(f"{position}A" for position in range(1, _WORD_POSITIONS + 1))
_PLACES_B = tuple(f"{position}B" for position in range(1, _WORD_POSITIONS + 1))
Word = tuple[tuple[tuple[int, str], ...], int]  # (position, lexeme) pairs, positions taken


class Lexemes:
    """What the server's configuration makes of each word, asked once per word."""

    def __init__(self) -> None:
        self._words: dict[str, dict[str, Word]] = defaultdict(dict)
        # The words that are one lexeme taking one position (nearly all), to that lexeme
        # as ``tsvector`` text starts it ("'lexeme':").
        self._plain: dict[str, dict[str, str]] = defaultdict(dict)

    def learn(self, cursor: CursorWrapper, lang: str, words: Iterable[str]) -> None:
        known = self._words[lang]
        new = sorted(set(words) - known.keys())
        if not new:
            return
        cursor.execute(_LOOKUP.format(cfg=f"'{config(lang)}'::regconfig"), [new])
        for word, lexemes, positions, taken in cursor.fetchall():
            pairs = sorted(
                (int(position), lexeme)
                for lexeme, listed in zip(lexemes, positions, strict=True)
                for position in listed.split(",")
            )
            known[word] = (tuple(pairs), taken)
            if taken == 1 and len(pairs) == 1 and pairs[0][0] == 1:
                self._plain[lang][word] = f"'{_quoted(pairs[0][1])}':"

    def vector(self, lang: str, words: list[str], meta: list[str]) -> str:
        """``setweight(to_tsvector(words), 'A') || setweight(to_tsvector(meta), 'B')``
        as ``tsvector`` text; every word must have been learnt."""
        if len(words) + len(meta) < _WORD_POSITIONS:
            try:
                return _plain_vector(self._plain[lang], words, meta)
            except KeyError:
                pass  # a word of several lexemes or positions
        first = self._positions(lang, words)
        last = max((p for positions in first.values() for p in positions), default=0)
        merged = {lexeme: [f"{p}A" for p in positions] for lexeme, positions in first.items()}
        for lexeme, positions in self._positions(lang, meta).items():
            kept = merged.setdefault(lexeme, [])
            # || appends the second vector's positions after the first's last one.
            for position in positions:
                if len(kept) >= _POSITIONS or (kept and _at_end(kept[-1])):
                    break
                kept.append(f"{min(position + last, MAX_POSITION)}B")
        return " ".join(
            f"'{_quoted(lexeme)}':{','.join(positions)}" for lexeme, positions in merged.items()
        )

    def _positions(self, lang: str, words: list[str]) -> dict[str, list[int]]:
        """Each lexeme of ``to_tsvector(words joined by spaces)`` and its positions."""
        known = self._words[lang]
        found: dict[str, list[int]] = {}
        offset = 0
        for word in words:
            pairs, taken = known[word]
            for position, lexeme in pairs:
                position = min(offset + position, MAX_POSITION)
                kept = found.setdefault(lexeme, [])
                if not kept or (
                    len(kept) < _WORD_POSITIONS
                    and kept[-1] != MAX_POSITION
                    and kept[-1] != position
                ):
                    kept.append(position)
            offset += taken
        return found


def _plain_vector(plain: dict[str, str], words: list[str], meta: list[str]) -> str:
    """The vector of words that are each one lexeme taking one position (``plain``: each
    such word's lexeme as ``tsvector`` text starts it, "'lexeme':"), fewer than a lexeme
    may keep positions: ``words`` weigh A, ``meta`` B. Raises ``KeyError`` for a word
    ``plain`` does not hold."""
    found: dict[str, str] = {}
    placed = chain(zip(words, _PLACES_A), zip(meta, _PLACES_B[len(words) :]))  # noqa: B905
    for word, place in placed:
        lexeme = plain[word]
        found[lexeme] = found[lexeme] + "," + place if lexeme in found else lexeme + place
    return " ".join(found.values())


def _at_end(position: str) -> bool:
    return int(position[:-1]) == MAX_POSITION


def _quoted(lexeme: str) -> str:
    return lexeme.replace("\\", "\\\\").replace("'", "''")
