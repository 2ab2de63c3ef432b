"""Did you mean: each word of a query that no document holds, replaced by the known word
nearest to it (trigram similarity finds candidates in ``search_word``, the fewest edits
wins), as the Whoosh backend does over its terms."""

from __future__ import annotations

from typing import Any, cast

from django.db.backends.utils import CursorWrapper

from ...analysis import ANALYZERS, LANGUAGES, bare, bare_words, single_term
from ...edits import edit_distance
from ...syntax import OPERATOR_WORDS
from ..base import corrected
from .vectors import Lexemes

_CANDIDATES = 20


def suggest(cursor: CursorWrapper, generation: int, text: str) -> str | None:
    """``text`` with its unknown words corrected, or None when none can be."""
    spans = [(token.startchar, token.endchar) for token in ANALYZERS["fr"](text, chars=True)]
    words = [
        (start, end, text[start:end])
        for start, end in spans
        if text[start:end] not in OPERATOR_WORDS
    ]
    if not words:
        return None
    known = _known(cursor, generation, [word for _, _, word in words])
    corrections = []
    for (start, end, word), is_known in zip(words, known, strict=True):
        if not is_known and (correction := _correction(cursor, generation, word)):
            corrections.append((start, end, correction))
    return corrected(text, corrections)


def _known(cursor: CursorWrapper, generation: int, words: list[str]) -> list[bool]:
    """Whether any document of either language holds each word."""
    either = " OR ".join(f"vector_{lang} @@ %s::tsquery" for lang in LANGUAGES)
    test = f"EXISTS (SELECT 1 FROM search_document WHERE generation = %s AND ({either}))"
    params: list[Any] = []
    lexemes = Lexemes()
    for word in words:
        params += [
            generation,
            *(lexemes.phrase(lang, bare_words(word, lang)) for lang in LANGUAGES),
        ]
    cursor.execute("SELECT " + ", ".join([test] * len(words)), params)
    return [bool(value) for value in cursor.fetchone()]


def _correction(cursor: CursorWrapper, generation: int, word: str) -> str | None:
    if not any(single_term(lang, word) for lang in LANGUAGES):
        return None
    folded = bare(word, "fr")[0]
    if len(folded) < 3:
        return None
    reach = 1 if len(folded) <= 4 else 2 if len(folded) <= 6 else 3
    cursor.execute(
        "SELECT folded, word, similarity(folded, %s) FROM search_word "
        "WHERE folded %% %s ORDER BY 3 DESC, folded LIMIT %s",
        [folded, folded, _CANDIDATES],
    )
    ranked = sorted(
        (distance, abs(len(candidate) - len(folded)), -similarity, candidate, shown)
        for candidate, shown, similarity in cursor.fetchall()
        # Numbers are known for prefixes ("200*"), not offered, as Whoosh's vocabulary.
        if not candidate.isdigit()
        and 0 < (distance := edit_distance(folded, candidate, reach)) <= reach
    )
    for *_, shown in ranked:
        if _known(cursor, generation, [shown])[0]:
            return cast(str, shown)
    return None
