"""Documents as rows of ``search_document``, and the words did-you-mean may offer.

Made in Python, since the archive's own analysis decides what a word is (elisions and
possessives dropped, accents and typography folded: ``search.analysis``); PostgreSQL's
text search configurations then stem what they are given (migration 0002). Each text is
split into words once; every distinct word is analysed once per ``Rows``, and the words
seen are the vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...analysis import LANGUAGES, WORD, bare
from ...documents import SearchDocument, canonical_fingerprint, canonical_json
from ..whoosh.index import meta_text

# What a row gives, in this order: the columns of ``search_document`` it fills.
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
    "document",
    # Per language, the words of the text and those of the title and names, from which
    # PostgreSQL makes the language's ``tsvector``.
    *(f"{kind}_{lang}" for lang in LANGUAGES for kind in ("words", "meta")),
)
_WORDS = re.compile(WORD)


class _Bare(dict[str, str]):
    """Each word as written -> the word as ``search.analysis.bare`` leaves it, worked
    out on first sight: a dict lookup per word instead of a call."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, word: str) -> str:
        folded = self[word] = bare(word, self.lang)[0]
        return folded


class Rows:
    """Turns documents into rows of generation ``generation``, remembering their words."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self._bare = {lang: _Bare(lang) for lang in LANGUAGES}

    def row(self, document: SearchDocument) -> tuple[Any, ...]:
        canonical = canonical_json(document.to_dict())
        texts = []
        for lang in LANGUAGES:
            folded = self._bare[lang].__getitem__
            for text in (document.text.get(lang, ""), meta_text(document, lang)):
                texts.append(" ".join(map(folded, _WORDS.findall(text))))
        return (
            self.generation,
            document.key,
            document.interview,
            document.exchange_uid,
            document.exchange,
            document.paragraph,
            document.original_language,
            document.outlet,
            list(document.persons),
            list(document.topics),
            document.published_on,
            canonical_fingerprint(canonical),
            canonical,
            *texts,
        )

    def rows(self, documents: Iterable[SearchDocument]) -> list[tuple[Any, ...]]:
        return [self.row(document) for document in documents]

    def vocabulary(self) -> tuple[list[str], list[str], list[str]]:
        """The words of the rows made so far that did-you-mean may offer, as three
        columns: language, word folded, word as written (lowercase); sorted, so that two
        writers inserting the same words lock them in the same order. Of the ways a word
        is written, an accented one is shown ("numérique" rather than "numerique")."""
        forms: dict[tuple[str, str], str] = {}
        for lang, words in self._bare.items():
            for word, folded in words.items():
                if len(folded) < 3 or folded.isdigit():
                    continue
                _, lead, trail = bare(word, lang)
                shown = word[lead : len(word) - trail].lower()
                known = forms.get((lang, folded))
                if known is None or (shown == folded, shown) < (known == folded, known):
                    forms[lang, folded] = shown
        entries = sorted(forms.items())
        return (
            [lang for (lang, _), _ in entries],
            [folded for (_, folded), _ in entries],
            [shown for _, shown in entries],
        )
