"""A query's every match and its score, as numpy arrays over one index segment.

A search shows ten hits but counts all of them: the total, each facet value and each
filter; and it ranks all of them. Walking every match through Whoosh's matchers costs a
Python step per match and per query term (a second for a frequent word at 10k
interviews). Here a term's postings are read block by block straight into arrays, scored
with Whoosh's own BM25F formula and statistics, and the query's structure becomes array
operations: the same matches and the same scores as Whoosh's matchers, for a few
milliseconds. Phrases are checked on the positions of the documents that hold every word.

Segments never change once written (only their deletions do), so what is read from one
(facet codes, dates, field lengths) is kept for as long as the segment lives, by
``SegmentCache``.

This reads whoosh-reloaded 2.7.5's postings format (``W3LeafMatcher`` blocks) directly:
the version is pinned, and the tests compare every result with Whoosh's own matchers.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from pickle import loads
from typing import Any

import numpy as np
from whoosh import query
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.collectors import TimeLimit
from whoosh.matching import ListMatcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from ..analysis import STOP_TERMS, common_gram
from ..documents import SearchQuery
from .whoosh_index import GRAMS, yyyymmdd

WEIGHTING = BM25F()  # what Whoosh's searchers score with by default
_LENGTHS = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float64)


@dataclass
class Postings:
    """One term's postings in one segment: document numbers, weights (term frequencies)
    and, when asked for, the encoded positions."""

    ids: np.ndarray
    weights: np.ndarray
    values: list[bytes] | None = None


def read_postings(reader: Any, fieldname: str, text: bytes, *, values: bool = False) -> Postings:
    """A term's postings in one segment, deleted documents included.

    One numpy operation per block of up to 128 postings (a block's ids are stored
    delta-encoded), where a matcher takes a Python step per posting.
    """
    terms = reader._terms
    if (fieldname, text) not in terms:
        return Postings(np.empty(0, dtype=np.int64), np.empty(0), [] if values else None)
    matcher = terms.matcher(fieldname, text, reader.schema[fieldname].format)
    if isinstance(matcher, ListMatcher):  # few postings, stored inline with the term
        ids = np.asarray(matcher._ids, dtype=np.int64)
        weights = matcher._weights
        return Postings(
            ids,
            np.ones(len(ids)) if not weights else np.asarray(weights, dtype=np.float64),
            list(matcher._values) if values else None,
        )
    id_blocks, weight_blocks, value_list = [], [], [] if values else None
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, weights, block_values = matcher._data
        ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
        id_blocks.append(ids)
        if weights is None or isinstance(weights, float):
            weight_blocks.append(np.full(len(ids), 1.0 if weights is None else weights))
        else:
            weight_blocks.append(np.asarray(weights, dtype=np.float64))
        if values:
            value_list.extend(block_values)
        matcher._next_block()
    return Postings(np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list)


def decode_positions(value: bytes) -> list[int]:
    """``whoosh.formats.Positions.decode_positions``, without its per-call checks."""
    position, positions = 0, []
    for delta in loads(value[4:] if value.endswith(b".") else value[4:] + b"."):
        position += delta
        positions.append(position)
    return positions


@dataclass
class Segment:
    """What searches need from one segment, each array read on first use and kept."""

    reader: Any
    size: int
    _cache: dict[Any, Any] = field(default_factory=dict)

    def postings(self, fieldname: str, text: str | bytes, *, values: bool = False) -> Postings:
        if isinstance(text, str):
            text = self.reader.schema[fieldname].to_bytes(text)
        return read_postings(self.reader, fieldname, text, values=values)

    def mask(self, fieldname: str, text: str | bytes) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[self.postings(fieldname, text).ids] = True
        return mask

    def codes(self, fieldname: str) -> tuple[list[bytes], np.ndarray]:
        """A single-valued field's values (in index order) and, per document, the index of
        its value (-1 for none)."""
        key = ("codes", fieldname)
        if key not in self._cache:
            values, codes = [], np.full(self.size, -1, dtype=np.int32)
            for code, (text, _) in enumerate(self.reader.iter_field(fieldname)):
                values.append(text)
                codes[self.postings(fieldname, text).ids] = code
            self._cache[key] = values, codes
        return self._cache[key]

    def pairs(self, fieldname: str) -> tuple[list[bytes], np.ndarray, np.ndarray]:
        """A many-valued field's values and its (document, value index) pairs."""
        key = ("pairs", fieldname)
        if key not in self._cache:
            values, docs, codes = [], [np.empty(0, dtype=np.int64)], [np.empty(0, np.int32)]
            for code, (text, _) in enumerate(self.reader.iter_field(fieldname)):
                ids = self.postings(fieldname, text).ids
                values.append(text)
                docs.append(ids)
                codes.append(np.full(len(ids), code, dtype=np.int32))
            self._cache[key] = values, np.concatenate(docs), np.concatenate(codes)
        return self._cache[key]

    def numbers(self, fieldname: str) -> np.ndarray:
        """A numeric column's values, per document (0 where unset)."""
        key = ("numbers", fieldname)
        if key not in self._cache:
            column = None
            if self.reader.has_column(fieldname):
                column = self.reader.column_reader(fieldname, translate=False)
            self._cache[key] = _column_array(column, ">u4", self.size).astype(np.int64)
        return self._cache[key]

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in a text field, as Whoosh's scorers see it."""
        key = ("lengths", fieldname)
        if key not in self._cache:
            column = self.reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._cache[key] = _LENGTHS[_column_array(column, "u1", self.size)]
        return self._cache[key]

    def deleted(self) -> np.ndarray | None:
        deleted = self.reader.deleted_docs_set
        if not deleted:
            return None
        mask = np.zeros(self.size, dtype=bool)
        mask[list(deleted)] = True
        return mask


def _column_array(column: Any, dtype: str, size: int) -> np.ndarray:
    """A fixed-width column's values at once, from its bytes (0 past the last one set)."""
    values = np.zeros(size, dtype=np.dtype(dtype).newbyteorder("="))
    count = getattr(column, "_count", 0)
    if count:
        raw = column._dbfile.get(column._basepos, count * column._fixedlen)
        values[:count] = np.frombuffer(raw, dtype=dtype)
    return values


class SegmentCache:
    """``Segment``s of the open searcher, kept while their segment is part of it."""

    def __init__(self) -> None:
        self._segments: dict[str, Segment] = {}

    def segments(self, searcher: Searcher) -> list[tuple[Segment, Searcher, int]]:
        """(segment, its searcher, its first global document number), in order."""
        found, kept = [], {}
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            if not reader.doc_count_all():
                continue
            key = f"{reader.storage()!r}/{reader.segment().segment_id()}"
            segment = self._segments.get(key) or Segment(reader, reader.doc_count_all())
            # The newest searcher's reader knows the segment's newest deletions.
            segment.reader = reader
            kept[key] = segment
            found.append((segment, subsearcher, offset))
        self._segments = kept
        return found


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


class Scorer:
    """Evaluates queries on one segment; ``searcher`` is the whole index's, whose
    statistics (document frequencies, average lengths) every segment's scores share."""

    def __init__(
        self,
        segment: Segment,
        subsearcher: Searcher,
        searcher: Searcher,
        deadline: float | None = None,
    ) -> None:
        self.segment = segment
        self.subsearcher = subsearcher
        self.searcher = searcher
        self.deadline = deadline

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
        if isinstance(q, query.AndNot):
            return self.matches(q.a).keep(~self.matches(q.b).mask)
        if isinstance(q, query.AndMaybe):
            a, b = self.matches(q.a), self.matches(q.b)
            return Matches(a.mask, a.scores + np.where(a.mask, b.scores, 0.0))
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
        if isinstance(text, str):
            text = self.searcher.schema[fieldname].to_bytes(text)
        postings = postings or self.segment.postings(fieldname, text)
        result.mask[postings.ids] = True
        result.scores[postings.ids] = self._bm25(fieldname, text, postings) * boost
        return result

    def _bm25(self, fieldname: str, text: bytes, postings: Postings) -> np.ndarray:
        """Whoosh's ``BM25FScorer`` (or its plain weight, for a field it cannot score)."""
        if not self.searcher.schema[fieldname].scorable:
            return postings.weights
        idf = self.searcher.idf(fieldname, text)
        average = self.searcher.avg_field_length(fieldname) or 1
        b, k1 = WEIGHTING.B, WEIGHTING.K1
        tf = postings.weights
        length = self.segment.lengths(fieldname)[postings.ids]
        return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / average)))

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
        masks = [Matches.none(self.segment.size).mask for _ in units]
        for mask, found in zip(masks, postings, strict=True):
            mask[found.ids] = True
        candidates = np.logical_and.reduce(masks)
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
    scores = sum(part.scores for part in parts)
    return Matches(mask, np.where(mask, scores, 0.0))


def _any(parts: list[Matches], size: int) -> Matches:
    if not parts:
        return Matches.none(size)
    mask = parts[0].mask.copy()
    for part in parts[1:]:
        mask |= part.mask
    return Matches(mask, sum(part.scores for part in parts))


def filter_mask(request: SearchQuery, segment: Segment) -> np.ndarray | None:
    """The documents of ``segment`` that the request's filters keep; None: no filter."""
    masks = [
        segment.mask(fieldname, value)
        for fieldname, value in (
            ("interview", request.interview),
            ("outlet", request.outlet),
            ("persons", request.person),
            ("topics", request.topic),
        )
        if value
    ]
    if request.date_from or request.date_to:
        # Undated documents are stored as 0: a date filter leaves them out.
        day = segment.numbers("published_on")
        in_range = day >= (yyyymmdd(request.date_from) if request.date_from else 1)
        if request.date_to:
            in_range &= day <= yyyymmdd(request.date_to)
        masks.append(in_range)
    if not masks:
        return None
    mask = masks[0]
    for other in masks[1:]:
        mask &= other
    return mask


# Facet name -> the field it counts, single-valued (one code per document) or many-valued.
SINGLE_FACETS = {"outlet": "outlet", "year": "year"}
MULTIPLE_FACETS = {"person": "persons", "topic": "topics"}


def count_facets(segment: Segment, mask: np.ndarray, counts: dict[str, Counter[str]]) -> None:
    """Add the facet values of ``mask``'s documents to ``counts``."""
    for name, fieldname in SINGLE_FACETS.items():
        values, codes = segment.codes(fieldname)
        picked = codes[mask]
        _add(counts[name], values, np.bincount(picked[picked >= 0], minlength=len(values)))
    for name, fieldname in MULTIPLE_FACETS.items():
        values, docs, codes = segment.pairs(fieldname)
        _add(counts[name], values, np.bincount(codes[mask[docs]], minlength=len(values)))


def _add(counter: Counter[str], values: list[bytes], tally: np.ndarray) -> None:
    for code in np.flatnonzero(tally):
        counter[values[code].decode()] += int(tally[code])
