"""A query's every match and its score, as numpy arrays over each index segment.

A search shows ten hits but counts all of them: the total, each facet value and each
filter; and it ranks all of them. Walking every match through Whoosh's matchers costs a
Python step per match and per query term (a second for a frequent word at 10k
interviews). Here a term's postings are read block by block straight into arrays
(``segments``), scored with Whoosh's own BM25F formula and index statistics, and
the query's structure becomes array operations: the same matches and the same scores as
Whoosh's matchers, in a few milliseconds. Phrases are checked on the positions of the
documents that hold every word, their stop words through common grams.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.collectors import TimeLimit
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from ...analysis import STOP_TERMS, common_gram
from ...documents import QueryError, SearchQuery
from ...syntax import MAX_PREFIX_WORDS
from .facets import count_facets, filter_mask
from .index import GRAMS
from .internals import Postings, decode_positions
from .query import ParsedQuery, PrefixPhrase
from .segments import Segment

WEIGHTING = BM25F()  # what Whoosh's searchers score with by default


@dataclass
class Matches:
    """The documents of a segment a query matches, and the score it gives each (0 elsewhere)."""

    mask: np.ndarray
    scores: np.ndarray

    @classmethod
    def none(cls, size: int) -> Matches:
        return cls(np.zeros(size, dtype=bool), np.zeros(size))

    def keep(self, mask: np.ndarray) -> Matches:
        kept = self.mask & mask
        return Matches(kept, np.where(kept, self.scores, 0.0))


class Statistics:
    """The whole index's statistics that every segment's scores share, each read once per
    search: Whoosh's searcher adds them up over every segment at each call."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._idf: dict[tuple[str, bytes], float] = {}
        self._average: dict[str, float] = {}

    def idf(self, fieldname: str, text: bytes) -> float:
        if (fieldname, text) not in self._idf:
            self._idf[fieldname, text] = self.searcher.idf(fieldname, text)
        return self._idf[fieldname, text]

    def average_length(self, fieldname: str) -> float:
        if fieldname not in self._average:
            self._average[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        return self._average[fieldname]


class Scorer:
    """Evaluates queries on one segment; ``searcher`` is the whole index's, whose
    statistics (document frequencies, average lengths) every segment's scores share."""

    def __init__(
        self,
        segment: Segment,
        subsearcher: Searcher,
        searcher: Searcher,
        deadline: float | None = None,
        statistics: Statistics | None = None,
    ) -> None:
        self.segment = segment
        self.subsearcher = subsearcher
        self.searcher = searcher
        self.deadline = deadline
        self.statistics = statistics or Statistics(searcher)

    def check_deadline(self) -> None:
        """Raises ``TimeLimit`` once ``time.monotonic()`` has passed the deadline."""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise TimeLimit

    def matches(self, q: query.Query) -> Matches:
        """Deleted documents included: the caller removes them once."""
        if isinstance(q, query.Term):
            return self._term(q.fieldname, q.text, q.boost)
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        if isinstance(q, query.And):
            positive = [self.matches(c) for c in q.subqueries if not isinstance(c, query.Not)]
            result = _all(positive, self.segment.size)
            for child in q.subqueries:
                if isinstance(child, query.Not):
                    result = result.keep(~self.matches(child.query).mask)
                    # Whoosh intersects with an InverseMatcher, which scores 1 everywhere.
                    result.scores[result.mask] += 1.0
            return result
        if isinstance(q, query.Or):
            return _any([self.matches(c) for c in q.subqueries], self.segment.size)
        if isinstance(q, query.Prefix):
            return self._prefix(q)
        if isinstance(q, PrefixPhrase):
            words = [term.decode() for term in self._expanded(q.prefix)]
            return _any([self.matches(phrase) for phrase in q.phrases(words)], self.segment.size)
        if q is query.NullQuery:
            return Matches.none(self.segment.size)
        return self._with_matcher(q)

    def _term(
        self,
        fieldname: str,
        text: str | bytes,
        boost: float = 1.0,
        postings: Postings | None = None,
    ) -> Matches:
        result = Matches.none(self.segment.size)
        if fieldname not in self.searcher.schema:
            return result
        term: bytes = (
            self.searcher.schema[fieldname].to_bytes(text) if isinstance(text, str) else text
        )
        postings = postings or self.segment.postings(fieldname, term)
        result.mask[postings.ids] = True
        result.scores[postings.ids] = self._bm25(fieldname, term, postings) * boost
        return result

    def _prefix(self, q: query.Prefix) -> Matches:
        """The Or of every term of the index that begins with the prefix (Whoosh's own
        matcher scores a prefix one way or another depending on how many terms a segment
        has for it: here, the same in every segment)."""
        if q.fieldname not in self.searcher.schema:
            return Matches.none(self.segment.size)
        matches = []
        for term in self._expanded(q):
            self.check_deadline()
            matches.append(self._term(q.fieldname, term, q.boost))
        return _any(matches, self.segment.size)

    def _expanded(self, q: query.Prefix) -> list[bytes]:
        """The terms of the index that begin with the prefix; refused past
        ``MAX_PREFIX_WORDS``."""
        terms = list(
            itertools.islice(
                self.searcher.reader().expand_prefix(q.fieldname, q.text), MAX_PREFIX_WORDS + 1
            )
        )
        if len(terms) > MAX_PREFIX_WORDS:
            raise QueryError("prefix_too_common", word=f"{q.text}*")
        return terms

    def _bm25(self, fieldname: str, text: bytes, postings: Postings) -> np.ndarray:
        """Whoosh's ``BM25FScorer`` (or its plain weight, for a field it cannot score)."""
        if not self.searcher.schema[fieldname].scorable:
            return postings.weights
        idf = self.statistics.idf(fieldname, text)
        average = self.statistics.average_length(fieldname)
        b, k1 = WEIGHTING.B, WEIGHTING.K1
        tf = postings.weights
        length = self.segment.lengths(fieldname)[postings.ids]
        scores: np.ndarray = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / average)))
        return scores

    def _phrase(self, q: query.Phrase) -> Matches:
        """Whoosh's phrase: the words one after the other.

        On a text field, a stop word is checked through the common grams it is part of
        (see ``analysis.CommonGrams``), and the score is the sum of the other words'
        scores (the sum of every word's, when all are stop words): the lists of stop
        words, which hold nearly every document, are never read.
        """
        schema = self.searcher.schema
        if q.fieldname not in schema or not q.words:
            return Matches.none(self.segment.size)
        words = [schema[q.fieldname].to_bytes(word).decode() for word in q.words]
        stops = STOP_TERMS[q.fieldname[-2:]] if q.fieldname in GRAMS else frozenset()
        # (field, term, offset in the phrase) whose positions must line up.
        units = [(q.fieldname, word, i) for i, word in enumerate(words) if word not in stops]
        if len(words) > 1 and stops:
            units += [
                (GRAMS[q.fieldname], common_gram(first, second), i)
                for i, (first, second) in enumerate(itertools.pairwise(words))
                if first in stops or second in stops
            ]
        if not units:  # a lone stop word
            units = [(q.fieldname, words[0], 0)]
        read = {(f, text): self.segment.postings(f, text, values=True) for f, text, _ in units}
        postings = [read[f, text] for f, text, _ in units]
        candidates = np.ones(self.segment.size, dtype=bool)
        for found in postings:
            holds = np.zeros(self.segment.size, dtype=bool)
            holds[found.ids] = True
            candidates &= holds
        if len(units) > 1:
            candidates &= self._aligned(candidates, units, postings)
        scored = [word for word in words if word not in stops] or words
        scores = sum(
            self._term(q.fieldname, word, postings=read.get((q.fieldname, word))).scores
            for word in scored
        )
        return Matches(candidates, np.where(candidates, scores * q.boost, 0.0))

    def _aligned(
        self, candidates: np.ndarray, units: list[tuple[str, str, int]], postings: list[Postings]
    ) -> np.ndarray:
        """Which candidates hold every unit at the same start (its position minus its
        offset in the phrase)."""
        docnums = np.flatnonzero(candidates)
        rows = [np.searchsorted(found.ids, docnums) for found in postings]
        aligned = np.zeros(self.segment.size, dtype=bool)
        for i, docnum in enumerate(docnums):
            if not i % 256:
                self.check_deadline()
            starts = None
            for (_, _, offset), found, row in zip(units, postings, rows, strict=True):
                assert found.values is not None  # asked for with values=True
                here = {p - offset for p in decode_positions(found.values[row[i]])}
                starts = here if starts is None else starts & here
                if not starts:
                    break
            aligned[docnum] = bool(starts)
        return aligned

    def _with_matcher(self, q: query.Query) -> Matches:
        """Any other query: Whoosh's own matcher, one step per match."""
        result = Matches.none(self.segment.size)
        matcher = q.matcher(self.subsearcher, self.subsearcher.context())
        while matcher.is_active():
            self.check_deadline()
            result.mask[matcher.id()] = True
            result.scores[matcher.id()] = matcher.score()
            matcher.next()
        return result


def _all(parts: list[Matches], size: int) -> Matches:
    if not parts:
        return Matches.none(size)
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask &= part.mask
    scores = sum((part.scores for part in parts[1:]), parts[0].scores)
    return Matches(mask, np.where(mask, scores, 0.0))


def _any(parts: list[Matches], size: int) -> Matches:
    if not parts:
        return Matches.none(size)
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask |= part.mask
    return Matches(mask, sum((part.scores for part in parts[1:]), parts[0].scores))


def by_score(found: list[Found], limit: int) -> list[int]:
    """The ``limit`` best-scored matches, as global document numbers; on a tie, the first
    indexed first (as Whoosh ranks them)."""
    candidates: list[tuple[float, int]] = []
    for part in found:
        docnums = np.flatnonzero(part.mask)
        scores = part.combined[docnums]
        if len(docnums) > limit:
            # Everything that scores at least the limit-th best, ties included.
            kept = scores >= np.partition(scores, len(scores) - limit)[len(scores) - limit]
            docnums, scores = docnums[kept], scores[kept]
        best = np.lexsort((docnums, -scores))[:limit]
        candidates += zip(
            (-scores[best]).tolist(), (docnums[best] + part.offset).tolist(), strict=True
        )
    return [docnum for _, docnum in sorted(candidates)[:limit]]


def by_date(found: list[Found], limit: int) -> list[int]:
    """The ``limit`` newest matches, then by interview, exchange and paragraph, as global
    document numbers."""
    keyed = []
    for part in found:
        segment, docnums = part.segment, np.flatnonzero(part.mask)
        day, exchange, paragraph = (
            segment.numbers(name)[docnums] for name in ("published_on", "exchange", "paragraph")
        )
        slugs, codes = segment.codes("interview")
        interview = codes[docnums]
        order = np.lexsort((paragraph, exchange, interview, -day))[:limit]
        keyed += [
            (-day[i], slugs[interview[i]], exchange[i], paragraph[i], docnums[i] + part.offset)
            for i in order
        ]
    return [int(key[-1]) for key in sorted(keyed)[:limit]]


@dataclass
class Found:
    """One segment's matches after the filters: which documents, and each language's
    scores (the hit is shown in the language that scored best)."""

    segment: Segment
    offset: int
    mask: np.ndarray
    scores: dict[str, np.ndarray]

    @property
    def combined(self) -> np.ndarray:
        """The score of the whole query (the Or of the languages' queries)."""
        first, *others = self.scores.values()
        return sum(others, first)

    def language_scores(self, docnum: int) -> dict[str, float] | None:
        """Each language's score for global document ``docnum``; None if not in here."""
        local = docnum - self.offset
        if not 0 <= local < self.segment.size:
            return None
        return {lang: float(scores[local]) for lang, scores in self.scores.items()}


def find(
    segment: Segment, scorer: Scorer, request: SearchQuery, parsed: ParsedQuery, offset: int
) -> tuple[Found, dict[str, Counter[str]]]:
    """The documents of one segment that match and pass the filters, and their facet
    counts (with, searching both languages, which language matched)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    keep = filter_mask(request, segment)
    alive = segment.alive()
    union = np.zeros(segment.size, dtype=bool)
    scores = {}
    for lang, q in parsed.by_lang.items():
        matches = scorer.matches(q)
        if keep is not None:
            matches = matches.keep(keep)
        if alive is not None:
            matches = matches.keep(alive)
        if len(parsed.by_lang) > 1 and (found := int(matches.mask.sum())):
            counts["lang"][lang] += found
        union |= matches.mask
        scores[lang] = matches.scores
    count_facets(segment, union, counts)
    return Found(segment, offset, union, scores), counts
