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
from collections.abc import Set as AbstractSet
from itertools import chain
from typing import NamedTuple

from ...analysis import LANGUAGES, stem

MAX_POSITION = 16383  # MAXENTRYPOS - 1
MAX_POSITIONS = 255  # to_tsvector's MAXNUMPOS - 1
MAX_LEXEME_BYTES = 2046  # longer words are not indexed (to_tsvector's "word is too long")


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
    """A text's vector as ``tsvector`` text; its lexemes; and those at more than one place
    or weighing B (``odd``), each with how many places of weight A and of weight B the
    vector keeps (each of the others is at one place, weighing A)."""

    vector: str
    lexemes: AbstractSet[str]
    odd: dict[str, tuple[int, int]]


class Lexemes:
    """The lexemes of the words met so far, per language."""

    def __init__(self) -> None:
        self._lexemes = {lang: _Lexemes(lang) for lang in LANGUAGES}

    def vector(self, lang: str, words: list[str], meta: list[str]) -> str:
        """``words`` (weight A) then ``meta`` (weight B) as ``tsvector`` text; words as
        ``search.analysis.bare`` gives them."""
        return self.places(lang, words, meta).vector

    def places(self, lang: str, words: list[str], meta: list[str]) -> Placed:
        """The vector of ``words`` (weight A) then ``meta`` (weight B), and its lexemes.

        Written one place at a time ("'de':1A 'la':2A 'de':3A"), each lexeme as often as
        it comes: ``tsvector`` input puts a lexeme's places together, as ``text`` writes
        them. A text long enough to reach the limits of a ``tsvector`` (``MAX_POSITION``,
        ``MAX_POSITIONS``) is placed word by word (``by_word``), which keeps what
        ``to_tsvector`` keeps."""
        lexeme = self._lexemes[lang].__getitem__
        made = list(map(lexeme, words))
        counts = Counter(made)
        end = len(words) + 1 + len(meta)
        most = max(counts.values(), default=0) if len(counts) < len(made) else 1
        if end >= MAX_POSITION or most + len(meta) >= MAX_POSITIONS:
            return self.by_word(lang, words, meta)
        counts.pop("", None)  # words not indexed
        odd = {word: (n, 0) for word, n in counts.items() if n > 1} if most > 1 else {}
        vector = _one_by_one(made, _PLACES_A)
        if not meta:
            return Placed(vector, counts.keys(), odd)
        made_meta = list(map(lexeme, meta))
        held = Counter(made_meta)
        held.pop("", None)
        odd.update((word, (counts.get(word, 0), n)) for word, n in held.items())
        meta_vector = _one_by_one(made_meta, _PLACES_B[len(words) + 1 : end])
        return Placed(
            f"{vector} {meta_vector}" if vector and meta_vector else vector or meta_vector,
            counts.keys() | held.keys(),
            odd,
        )

    def by_word(self, lang: str, words: list[str], meta: list[str]) -> Placed:
        """``places`` word by word, as ``tsvector`` keeps them: places past
        ``MAX_POSITION`` are that one, kept once, and a lexeme keeps at most
        ``MAX_POSITIONS``."""
        lexeme = self._lexemes[lang].__getitem__
        found: dict[str, list[str]] = {}
        for place, word in chain(enumerate(words, 1), enumerate(meta, len(words) + 2)):
            if made := lexeme(word):
                kept = found.setdefault(made, [])
                weight = "A" if place <= len(words) else "B"
                if len(kept) < MAX_POSITIONS and not (kept and _at_end(kept[-1])):
                    kept.append(f"{min(place, MAX_POSITION)}{weight}")
        odd = {
            word: (sum(place[-1] == "A" for place in at), sum(place[-1] == "B" for place in at))
            for word, at in found.items()
            if len(at) > 1 or at[0][-1] == "B"
        }
        return Placed(text(found), found.keys(), odd)

    def phrase(self, lang: str, words: list[str]) -> str:
        """``words`` one after the other as ``tsquery`` text ("'a' <-> 'b'"); "" for no
        word indexed (an empty ``tsquery``, which matches nothing)."""
        lexemes = [text for word in words if (text := self._lexemes[lang][word])]
        return " <-> ".join(lexemes)


def text(places: dict[str, list[str]]) -> str:
    """Lexemes and their places ("3A", "41B"), in order, as ``tsvector`` text."""
    return " ".join(f"{lexeme}:{','.join(at)}" for lexeme, at in places.items())


def quoted(lexeme: str) -> str:
    """``lexeme`` as ``tsvector`` and ``tsquery`` text quote it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# Each place as a lexeme's place is written after it, from place 1 (index 0).
_PLACES_A = [f":{place}A" for place in range(1, MAX_POSITION)]
_PLACES_B = [f":{place}B" for place in range(1, MAX_POSITION)]


def _one_by_one(lexemes: list[str], places: list[str]) -> str:
    """Each of ``lexemes`` at its place of ``places`` (one for one), but words not
    indexed ("")."""
    if "" in lexemes:
        placed = zip(lexemes, places, strict=False)
        return " ".join([made + place for made, place in placed if made])
    return " ".join(map(str.__add__, lexemes, places))


def _at_end(place: str) -> bool:
    return int(place[:-1]) == MAX_POSITION
