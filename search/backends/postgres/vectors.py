"""A document's ``tsvector`` and a query's ``tsquery`` per language, made in Python from
the archive's own terms.

A word's lexeme is its term as ``search.analysis`` makes it for the Whoosh backend
(elision or possessive dropped, lowercased, folded, stemmed: ``analysis.stem`` of the
word ``rows`` gives), so that both backends index, and so find, the same words: no text
search configuration of the server's parses or stems anything. PostgreSQL's own parser
and Snowball stemmers disagreed with the archive's analysis on about one word in seven of
a realistic corpus (it splits "o'connor" and "don't" at the apostrophe; it stems folded
French words, so "publiée" and "publiant" part: ``benchmarks/RESULTS.md``).

Positions are the words' places, from 1: a text's words weigh A; its interview's title
and names (``meta``) weigh B and come one place after the text's last word, so that no
phrase runs from one into the other (they are two fields for Whoosh). A lexeme keeps at
most ``MAX_POSITIONS`` positions, and positions past ``MAX_POSITION`` are that one,
kept once: what ``tsvector`` can hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import chain
from typing import NamedTuple

from ...analysis import LANGUAGES, stem

MAX_POSITION = 16383  # MAXENTRYPOS - 1
MAX_POSITIONS = 255  # to_tsvector's MAXNUMPOS - 1
MAX_LEXEME_BYTES = 2046  # longer words are not indexed (to_tsvector's "word is too long")
TEMPLATED_WORDS = 512  # a text of up to this many words is written from a template
_NONE: Mapping[str, int] = {}  # no lexeme at any place of a weight


class _Lexemes(dict[str, str]):
    """Each folded word of one language -> its lexeme as ``tsvector`` and ``tsquery``
    text write it ("'stem'"), or "" for a word not indexed; worked out on first sight."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, word: str) -> str:
        lexeme = stem(word, self.lang)
        made = self[word] = (
            quoted(lexeme) if lexeme and len(lexeme.encode()) <= MAX_LEXEME_BYTES else ""
        )
        return made


class Placed(NamedTuple):
    """A text's vector as ``tsvector`` text; its lexemes; and how many places of weight A
    (``counts``) and of weight B (``held``: its title and names) the vector keeps of each
    lexeme, a lexeme at no place of a weight being left out of that weight's."""

    vector: str
    lexemes: AbstractSet[str]
    counts: Mapping[str, int]
    held: Mapping[str, int]

    def places(self, lexeme: str) -> tuple[int, int]:
        """How many places of weight A and of weight B ``lexeme`` has."""
        return self.counts.get(lexeme, 0), self.held.get(lexeme, 0)


class Lexemes:
    """The lexemes of the words met so far, per language."""

    def __init__(self) -> None:
        self._lexemes = {lang: _Lexemes(lang) for lang in LANGUAGES}

    def lexeme(self, lang: str, word: str) -> str:
        """The lexeme of ``word`` (folded: as ``search.analysis.bare`` gives it) as
        ``tsvector`` text, or "" for a word not indexed."""
        return self._lexemes[lang][word]

    def phrase(self, lang: str, words: list[str]) -> str:
        """``words`` one after the other as ``tsquery`` text ("'a' <-> 'b'"); "" for no
        word indexed (an empty ``tsquery``, which matches nothing)."""
        lexemes = [text for word in words if (text := self._lexemes[lang][word])]
        return " <-> ".join(lexemes)


def place(made: list[str], made_meta: list[str]) -> Placed:
    """The vector of a text's lexemes ``made`` (weight A) then those of its title and
    names ``made_meta`` (weight B), each as ``tsvector`` text or "" (a word not indexed).

    Written one place at a time ("'de':1A 'la':2A 'de':3A"), each lexeme as often as it
    comes: ``tsvector`` input puts a lexeme's places together, as ``text`` writes them. A
    text long enough to reach the limits of a ``tsvector`` (``MAX_POSITION``,
    ``MAX_POSITIONS``) is placed word by word (``place_by_word``), which keeps what
    ``to_tsvector`` keeps."""
    counts = Counter(made)
    end = len(made) + 1 + len(made_meta)
    # A lexeme can reach MAX_POSITIONS places only in a text of as many words.
    if end >= MAX_POSITION or (
        end > MAX_POSITIONS and max(counts.values()) + len(made_meta) >= MAX_POSITIONS
    ):
        return place_by_word(made, made_meta)
    counts.pop("", None)  # words not indexed
    vector = _weighing_a(made)
    if not made_meta:
        return Placed(vector, counts.keys(), counts, _NONE)
    held = Counter(made_meta)
    held.pop("", None)
    meta_vector = _one_by_one(made_meta, _PLACES_B[len(made) + 1 : end])
    return Placed(
        f"{vector} {meta_vector}" if vector and meta_vector else vector or meta_vector,
        counts.keys() | held.keys(),
        counts,
        held,
    )


def place_by_word(made: list[str], made_meta: list[str]) -> Placed:
    """``place`` word by word, as ``tsvector`` keeps them: places past ``MAX_POSITION``
    are that one, kept once, and a lexeme keeps at most ``MAX_POSITIONS``."""
    found: dict[str, list[str]] = {}
    for at, lexeme in chain(enumerate(made, 1), enumerate(made_meta, len(made) + 2)):
        if lexeme:
            kept = found.setdefault(lexeme, [])
            weight = "A" if at <= len(made) else "B"
            if len(kept) < MAX_POSITIONS and not (kept and _at_end(kept[-1])):
                kept.append(f"{min(at, MAX_POSITION)}{weight}")
    return Placed(text(found), found.keys(), _weighing(found, "A"), _weighing(found, "B"))


def _weighing(found: dict[str, list[str]], weight: str) -> dict[str, int]:
    """Each lexeme of ``found`` (its places: "3A", "41B") at places weighing ``weight``,
    with how many."""
    return {
        lexeme: n for lexeme, places in found.items() if (n := sum(p[-1] == weight for p in places))
    }


def text(places: dict[str, list[str]]) -> str:
    """Lexemes and their places ("3A", "41B"), in order, as ``tsvector`` text."""
    return " ".join(f"{lexeme}:{','.join(at)}" for lexeme, at in places.items())


def quoted(lexeme: str) -> str:
    """``lexeme`` as ``tsvector`` and ``tsquery`` text quote it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# Each place as a lexeme's place is written after it, from place 1 (index 0).
_PLACES_A = [f":{place}A" for place in range(1, MAX_POSITION)]
_PLACES_B = [f":{place}B" for place in range(1, MAX_POSITION)]


def _weighing_a(lexemes: list[str]) -> str:
    """``lexemes`` at places 1, 2… weighing A, but words not indexed (""). A text of
    ``TEMPLATED_WORDS`` words or fewer, all indexed, is one ``%`` of the template of its
    length: half the time of joining each lexeme to its place (``_one_by_one``)."""
    if len(lexemes) <= TEMPLATED_WORDS and "" not in lexemes:
        return _template(len(lexemes)) % tuple(lexemes)
    return _one_by_one(lexemes, _PLACES_A)


@cache
def _template(count: int) -> str:
    """``count`` lexemes at places 1 to ``count`` weighing A, as a ``%`` template."""
    return " ".join(f"%s{place}" for place in _PLACES_A[:count])


def _one_by_one(lexemes: list[str], places: list[str]) -> str:
    """Each of ``lexemes`` at its place of ``places`` (one for one), but words not
    indexed ("")."""
    if "" in lexemes:
        placed = zip(lexemes, places, strict=False)
        return " ".join([made + place for made, place in placed if made])
    return " ".join(map(str.__add__, lexemes, places))


def _at_end(place: str) -> bool:
    return int(place[:-1]) == MAX_POSITION
