"""Documents as rows of ``search_document``, and the words a prefix may stand for and
did-you-mean may offer.

Made in Python, since the archive's own analysis decides what a word is (elisions and
possessives dropped, accents and typography folded: ``search.analysis``), and what its
lexeme is (``vectors``). Each text is split into words once; every distinct word is
analysed once per ``Rows``, and the words seen are the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from ...analysis import LANGUAGES, WORD, bare
from ...documents import SearchDocument, canonical_fingerprint, canonical_json
from ...syntax import MIN_PREFIX
from .vectors import Lexemes

# What a row gives, in this order: the columns of ``search_document`` it fills, before
# its two ``tsvector``s (``vector_fr``, ``vector_en``: ``vectors``).
COLUMNS = (
    "generation",
    "key",
    "interview",
    "exchange_uid",
    "exchange",
    "paragraph",
    "original_language",
    "outlet",
    "persons",
    "topics",
    "published_on",
    "fingerprint",
)
VECTORS = tuple(f"vector_{lang}" for lang in LANGUAGES)
# A document's stored JSON is in ``search_body``, out of the rows a search reads.
BODY = ("generation", "key", "document")
_INTERVIEW = COLUMNS.index("interview")
_PERSONS, _TOPICS = COLUMNS.index("persons"), COLUMNS.index("topics")
assert _TOPICS == _PERSONS + 1
_WORDS = re.compile(WORD)
# Per language, words first seen: each as written, folded, shown, and its lexeme
# (``Rows.seen``).
Seen = dict[str, list[tuple[str, str, str, str]]]


class _Words(dict[str, str]):
    """Each word of one language as written -> its lexeme as ``tsvector`` text ("" for a
    word not indexed: ``vectors``), worked out on first sight: one dict lookup per word.
    Each word's folded form (as ``search.analysis.bare`` leaves it) and the form
    did-you-mean would show are kept beside it."""

    def __init__(self, lang: str, lexemes: Lexemes) -> None:
        super().__init__()
        self.lang, self.lexemes = lang, lexemes
        self.folded: dict[str, str] = {}
        self.shown: dict[str, str] = {}
        self.fresh: list[str] = []  # the words first seen since ``Rows.seen``

    def __missing__(self, word: str) -> str:
        folded = self.folded.get(word)
        if folded is None:  # not handed over (``Rows.saw``) either
            folded, lead, trail = bare(word, self.lang)
            self.folded[word] = folded
            self.shown[word] = word[lead : len(word) - trail].lower()
            self.fresh.append(word)
        made = self[word] = self.lexemes.lexeme(self.lang, folded)
        return made


class Row(NamedTuple):
    """A document as the index stores it: its columns, its body, and per language the
    lexemes of its text and those of its title and names (``vectors.place`` makes its
    ``tsvector`` of them: a passage's words weigh more than an interview's title and
    names)."""

    columns: tuple[Any, ...]
    body: tuple[Any, ...]
    lexemes: dict[str, tuple[list[str], list[str]]]

    @property
    def interview(self) -> str:
        interview: str = self.columns[_INTERVIEW]
        return interview

    def with_arrays(self, array: Callable[[tuple[str, ...]], Any]) -> tuple[Any, ...]:
        """The row's columns with its people and topics (tuples) given as ``array`` makes
        them: lists for an ``INSERT``, ``text[]`` literals for a ``COPY``."""
        columns = self.columns
        people, topics = array(columns[_PERSONS]), array(columns[_TOPICS])
        return (*columns[:_PERSONS], people, topics, *columns[_TOPICS + 1 :])


class Rows:
    """Turns documents into rows of generation ``generation``, remembering their words
    and their lexemes."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        lexemes = Lexemes()
        self._words = {lang: _Words(lang, lexemes) for lang in LANGUAGES}

    def row(self, document: SearchDocument) -> Row:
        canonical = canonical_json(document.to_dict())
        lexemes = {}
        for lang in LANGUAGES:
            lexeme = self._words[lang].__getitem__
            text, meta = document.text.get(lang, ""), document.meta_text(lang)
            lexemes[lang] = (
                list(map(lexeme, _WORDS.findall(text))),
                list(map(lexeme, _WORDS.findall(meta))) if meta else [],  # most have none
            )
        columns = (
            self.generation,
            document.key,
            document.interview,
            document.exchange_uid,
            document.exchange,
            document.paragraph,
            document.original_language,
            document.outlet,
            tuple(document.persons),  # as tuples: ``writing`` writes each once per batch
            tuple(document.topics),
            document.published_on,
            canonical_fingerprint(canonical),
        )
        return Row(columns, (self.generation, document.key, canonical.decode()), lexemes)

    def seen(self) -> Seen:
        """Per language, the words first seen since the last call: each as written,
        folded, as did-you-mean would show it, and its lexeme."""
        fresh = {
            lang: [
                (word, words.folded[word], words.shown[word], words[word]) for word in words.fresh
            ]
            for lang, words in self._words.items()
        }
        for words in self._words.values():
            words.fresh = []
        return fresh

    def saw(self, words: Seen) -> None:
        """Remember ``words`` (as ``seen`` gives them: another ``Rows``'s) as if seen,
        without working them out again."""
        for lang, seen in words.items():
            known = self._words[lang]
            for word, folded, shown, lexeme in seen:
                known.folded[word] = folded
                known.shown[word] = shown
                known[word] = lexeme

    def folded(self) -> dict[str, set[str]]:
        """Per language, every word seen, folded."""
        return {lang: set(words.folded.values()) for lang, words in self._words.items()}

    def vocabulary(
        self, known: Mapping[str, AbstractSet[str]] | None = None
    ) -> tuple[list[str], list[str], list[str], list[str]]:
        """The words of the rows made so far that a prefix may stand for (numbers too:
        "200*" finds 2007) and did-you-mean may offer (not numbers: ``suggesting``), but
        those ``known`` (per language, folded), as four columns: language, word folded,
        word as written (lowercase), lexeme (as ``tsquery`` text; "" for a word not
        indexed); sorted, so that two writers inserting the same words lock them in the
        same order. Of the ways a word is written, an accented one is shown ("numérique"
        rather than "numerique")."""
        forms: dict[tuple[str, str], tuple[str, str]] = {}
        for lang, words in self._words.items():
            skipped = (known or {}).get(lang, frozenset())
            for word, folded in words.folded.items():
                if len(folded) < MIN_PREFIX or folded in skipped:  # no prefix is shorter
                    continue
                shown = words.shown[word]
                kept = forms.get((lang, folded))
                if kept is None or (shown == folded, shown) < (kept[0] == folded, kept[0]):
                    forms[lang, folded] = shown, words[word]
        entries = sorted(forms.items())
        return (
            [lang for (lang, _), _ in entries],
            [folded for (_, folded), _ in entries],
            [shown for _, (shown, _) in entries],
            [lexeme for _, (_, lexeme) in entries],
        )
