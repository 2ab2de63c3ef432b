"""Counts per interview for the commonest words of a generation.

A word in a few percent of the passages matches tens of thousands of rows; PostgreSQL's
GIN index gives the matching rows but nothing about them, so a search that counts every
facet and ranks every match read each row (``benchmarks/RESULTS.md``). A rebuild keeps,
for each word that common (the *common words* of the generation, ``search_common_word``),
one row per interview holding it (``search_common``): in how many of the interview's
documents it is, and their best rank, as ``ts_rank`` gives it for that word alone; and
each interview's outlet, people, topics and date once (``search_interview``). A search
for one common word (``querying``) then counts its total and every facet from those rows,
a few thousand rather than tens of thousands, and ranks only the documents of the
interviews that can hold its page.

The common words are chosen by each rebuild's writers from the first batch each writes
(``Tally.choose``): those in at least ``SHARE`` of its documents. Writers of one rebuild
keep the words they all chose (``writing.keep_common``). A write (an edit) makes its
interviews' rows again from their documents (``refresh``), in the edit's transaction,
with the server's ``ts_rank``; a rebuild makes them in Python (``rank``), which gives
what ``ts_rank`` gives (tested).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import chain
from typing import Any

import numpy as np
from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES
from .vectors import Placed

BOTH = "both"  # the kind of the counts of documents holding a word in both languages
KINDS = (*LANGUAGES, BOTH)
SHARE = 0.03  # a word in this share of a writer's first batch of documents is common
LEAST = 2  # ... and in at least this many of them
# ts_rank's default weights of the classes a vector's places have: A (a passage's own
# words) and B (its interview's title and names).
WEIGHTS = {"A": np.float32(1.0), "B": np.float32(0.4)}


@cache
def rank(a: int, b: int) -> float:
    """``ts_rank(vector, lexeme)`` of a vector holding the lexeme at ``a`` places of weight A
    followed by ``b`` places of weight B: ``calc_rank_or`` of PostgreSQL's ``tsrank.c``,
    worked out in single precision step by step as it is."""
    f = np.float32
    resj, wjm, jm = f(0.0), f(-1.0), 0
    for j, weight in enumerate([WEIGHTS["A"]] * a + [WEIGHTS["B"]] * b):
        resj = f(resj + f(weight / f((j + 1) * (j + 1))))
        if weight > wjm:
            wjm, jm = weight, j
    numerator = f(f(wjm + resj) - f(wjm / f((jm + 1) * (jm + 1))))
    return float(f(np.float64(numerator) / 1.64493406685))


ONCE = rank(1, 0)  # the rank of a lexeme at one place weighing A
_ONE = (1, 0)  # the places of such a lexeme: one weighing A, none weighing B
_ONCE_TEXT = repr(ONCE)


@cache
def rank_sum(*places: tuple[int, int]) -> float:
    """The rank of a document holding a word in each language at ``places`` (weighing
    A, weighing B: as ``rank`` takes them), as a search for it in every language ranks
    it: the sum of its ranks, in single precision (as ``real`` adds)."""
    return float(sum((np.float32(rank(*each)) for each in places), np.float32(0.0)))


class Tally:
    """One writer's counts per interview of the common words it chose, per language, as
    lines of ``COPY`` text for ``search_common``. Documents come interview by interview;
    an interview that comes again (in another batch) is counted again, in rows of its
    own, which searches add up."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.words: dict[str, frozenset[str]] | None = None  # chosen on the first batch
        self._interview: str | None = None
        # Of the interview so far, per kind: the common words each document holds; and
        # those ranked one by one, with their best rank and in how many documents.
        self._found: dict[str, list[AbstractSet[str]]] = {kind: [] for kind in KINDS}
        self._best: dict[str, dict[str, float]] = {kind: {} for kind in KINDS}
        self._ranked: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
        self._lines: list[str] = []
        self._field = cache(copied)  # each word as a field of COPY text, written once

    def choose(self, batch: Sequence[Mapping[str, Placed]]) -> None:
        """The common words: those in at least ``SHARE`` of ``batch``'s documents (each
        given as its lexemes per language), and in ``LEAST``; per language, and ``BOTH``:
        those common in each (a word of both languages, as "services", or a name)."""
        least = max(LEAST, math.ceil(SHARE * len(batch)))
        self.words = {}
        for lang in LANGUAGES:
            held: Counter[str] = Counter()
            for placed in batch:
                held.update(placed[lang].lexemes)
            self.words[lang] = frozenset(word for word, n in held.items() if n >= least)
        self.words[BOTH] = frozenset.intersection(*(self.words[lang] for lang in LANGUAGES))

    def add(self, interview: str, placed: Mapping[str, Placed]) -> None:
        """One document of ``interview``, its lexemes per language. Most of its common
        words are at one place weighing A, which ranks them alike (``ONCE``): they are
        counted by set operations when the interview ends, the others ranked one by
        one."""
        assert self.words is not None, "choose the common words first"
        if interview != self._interview:
            self._end_interview()
            self._interview = interview
        for lang in LANGUAGES:
            text = placed[lang]
            found = self.words[lang].intersection(text.lexemes)
            if found:
                self._found[lang].append(found)
                if text.held:  # a title or names: a word may weigh B
                    ranked = [(w, rank(*at)) for w in found if (at := text.places(w)) != _ONE]
                else:
                    counts = text.counts
                    ranked = [(w, rank(n, 0)) for w in found if (n := counts[w]) > 1]
                self._rank(lang, ranked)
        both: AbstractSet[str] = self.words[BOTH]
        for lang in LANGUAGES:  # each language's lexemes looked up for the few of ``both``
            both = placed[lang].lexemes & both
        if both:
            self._found[BOTH].append(both)
            self._rank(
                BOTH,
                [
                    (word, rank_sum(*(placed[lang].places(word) for lang in LANGUAGES)))
                    for word in both
                ],
            )

    def _rank(self, kind: str, scores: list[tuple[str, float]]) -> None:
        """Words of one document of kind ``kind``, ranked one by one (``scores``: each
        word and its rank)."""
        best, ranked = self._best[kind], self._ranked[kind]
        for word, score in scores:
            if score > best.get(word, -1.0):
                best[word] = score
            ranked[word] = ranked.get(word, 0) + 1

    def lines(self) -> str:
        """The counts so far as ``COPY`` text; forgets them."""
        self._end_interview()
        self._interview = None
        lines, self._lines = self._lines, []
        # In word order: the rows of a word, read together by its searches, are then
        # in a few pages of the table rather than one page each.
        lines.sort()
        return "".join(lines)

    def _end_interview(self) -> None:
        interview = self._interview
        if interview is None:
            return
        field = self._field
        middle = f"\t{copied(interview)}\t"
        for kind in KINDS:
            found, best, ranked = self._found[kind], self._best[kind], self._ranked[kind]
            start = f"{self.generation}\t{kind}\t"
            for word, n in Counter(chain.from_iterable(found)).items():
                score = best.get(word)
                # Never ranked, or at one place in a document it was not ranked in.
                if score is None or (score < ONCE and n > ranked[word]):
                    self._lines.append(f"{start}{field(word)}{middle}{n}\t{_ONCE_TEXT}\n")
                else:
                    self._lines.append(f"{start}{field(word)}{middle}{n}\t{score!r}\n")
            found.clear()
            best.clear()
            ranked.clear()


def copied(value: str) -> str:
    """``value`` as a field of ``COPY`` text."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


COMMON = ("generation", "lang", "lexeme", "interview", "n", "best")
INTERVIEW = ("generation", "interview", "outlet", "persons", "topics", "published_on")


# An interview's rows made again from its documents, as a rebuild makes them: each common
# word's documents with the server's ts_rank of the word alone (its lexeme quoted as
# ``vectors.quoted``), per language, and those holding it in both with the sum of both.
_QUOTED = r"'''' || replace(replace(w.lexeme, '\', '\\'), '''', '''''') || ''''"
_REFRESH_COMMON = f"""
    WITH words AS MATERIALIZED (
        -- Every word of the documents first, then the common ones (the other way round,
        -- the planner unnests each document's vector once per common word).
        SELECT d.key, d.interview, v.lang, v.vector, {_QUOTED} AS lexeme
        FROM search_document d,
            LATERAL (VALUES {", ".join(f"('{lang}', d.vector_{lang})" for lang in LANGUAGES)})
                v (lang, vector),
            unnest(v.vector) w
        WHERE d.generation = %(generation)s AND d.interview = ANY(%(interviews)s)
    ), held AS (
        SELECT u.key, u.interview, u.lang, u.lexeme,
            ts_rank(u.vector, u.lexeme::tsquery) AS rank
        FROM words u JOIN search_common_word c
            ON c.generation = %(generation)s AND c.lang = u.lang AND c.lexeme = u.lexeme
    )
    INSERT INTO search_common ({", ".join(COMMON)})
    SELECT %(generation)s, h.lang, h.lexeme, h.interview, count(*), max(h.rank)
    FROM held h GROUP BY h.lang, h.lexeme, h.interview
    UNION ALL
    SELECT %(generation)s, '{BOTH}', b.lexeme, b.interview, count(*), max(b.rank)
    FROM (
        SELECT h.key, h.interview, h.lexeme, sum(h.rank) AS rank
        FROM held h JOIN search_common_word c
            ON c.generation = %(generation)s AND c.lang = '{BOTH}' AND c.lexeme = h.lexeme
        GROUP BY h.key, h.interview, h.lexeme HAVING count(*) = {len(LANGUAGES)}
    ) b
    GROUP BY b.lexeme, b.interview
"""
_REFRESH_INTERVIEWS = f"""
    INSERT INTO search_interview ({", ".join(INTERVIEW)})
    SELECT DISTINCT ON (interview) {", ".join(INTERVIEW)} FROM search_document
    WHERE generation = %(generation)s AND interview = ANY(%(interviews)s)
        AND EXISTS (SELECT FROM search_common_word WHERE generation = %(generation)s)
    ORDER BY interview
"""


def refresh(cursor: CursorWrapper, generation: int, interviews: Sequence[str]) -> None:
    """The rows of ``interviews`` made again from their documents in generation
    ``generation`` (none for a generation without common words)."""
    if interviews:
        params: dict[str, Any] = {"generation": generation, "interviews": sorted(set(interviews))}
        for table, made in (("interview", _REFRESH_INTERVIEWS), ("common", _REFRESH_COMMON)):
            cursor.execute(
                f"DELETE FROM search_{table} WHERE generation = %(generation)s "
                "AND interview = ANY(%(interviews)s)",
                params,
            )
            cursor.execute(made, params)


def common_language(
    cursor: CursorWrapper, generation: int, single: Mapping[str, str]
) -> str | None:
    """How a query whose languages ``single`` are each one lexeme (language -> the lexeme
    as ``tsquery`` text) is counted: ``BOTH`` when it is one word common in both
    languages, else the first language whose lexeme is a common word of
    ``generation`` (its other languages' matches read one by one), or None."""
    if not single:
        return None
    kinds = dict(single)
    if len(set(single.values())) == 1 and set(single) == set(LANGUAGES):
        kinds[BOTH] = next(iter(single.values()))
    cursor.execute(
        "SELECT lang FROM search_common_word WHERE generation = %s "
        "AND (lang, lexeme) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
        [generation, list(kinds), list(kinds.values())],
    )
    found = {kind for (kind,) in cursor.fetchall()}
    return next((kind for kind in (BOTH, *single) if kind in found), None)
