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
    """A text's lexemes, each with its places ("3A", "41B") in order; and those at more
    than one place or weighing B (``odd``): each of the others is at one place, weighing
    A."""

    lexemes: dict[str, list[str]]
    odd: set[str]


class Lexemes:
    """The lexemes of the words met so far, per language."""

    def __init__(self) -> None:
        self._lexemes = {lang: _Lexemes(lang) for lang in LANGUAGES}

    def vector(self, lang: str, words: list[str], meta: list[str]) -> str:
        """``words`` (weight A) then ``meta`` (weight B) as ``tsvector`` text; words as
        ``search.analysis.bare`` gives them."""
        return text(self.places(lang, words, meta).lexemes)

    def places(self, lang: str, words: list[str], meta: list[str]) -> Placed:
        """The lexemes of ``words`` (weight A) then ``meta`` (weight B), each with its
        places ("3A"), in order: what ``text`` writes as a ``tsvector``."""
        lexeme = self._lexemes[lang].__getitem__
        found: dict[str, list[str]] = {}
        odd: set[str] = set()
        for place, word in enumerate(words, 1):
            if not (made := lexeme(word)):
                continue
            kept = found.get(made)
            if kept is None:
                found[made] = [f"{min(place, MAX_POSITION)}A"]
                continue
            odd.add(made)
            if len(kept) < MAX_POSITIONS and not _at_end(kept[-1]):
                kept.append(f"{min(place, MAX_POSITION)}A")
        for place, word in enumerate(meta, len(words) + 2):
            if not (made := lexeme(word)):
                continue
            odd.add(made)
            kept = found.setdefault(made, [])
            if len(kept) < MAX_POSITIONS and not (kept and _at_end(kept[-1])):
                kept.append(f"{min(place, MAX_POSITION)}B")
        return Placed(found, odd)

    def phrase(self, lang: str, words: list[str]) -> str:
        """``words`` one after the other as ``tsquery`` text ("'a' <-> 'b'"); "" for no
        word indexed (an empty ``tsquery``, which matches nothing)."""
        lexemes = [text for word in words if (text := self._lexemes[lang][word])]
        return " <-> ".join(lexemes)


def text(places: dict[str, list[str]]) -> str:
    """Lexemes and their places (``Lexemes.places``) as ``tsvector`` text."""
    return " ".join(f"{lexeme}:{','.join(at)}" for lexeme, at in places.items())


def quoted(lexeme: str) -> str:
    """``lexeme`` as ``tsvector`` and ``tsquery`` text quote it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _at_end(place: str) -> bool:
    return int(place[:-1]) == MAX_POSITION
