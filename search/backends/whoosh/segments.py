"""What searches read from one Whoosh index segment, as numpy arrays, read once and kept.

Segments never change once written (only their deletions do), so what is read from one
(a term's postings, facet codes, dates, field lengths) stays true for as long as the
segment lives; ``SegmentCache`` keeps each ``Segment`` while the open searcher has it.

This reads whoosh-reloaded 2.7.5's postings format (``W3LeafMatcher`` blocks) and column
files directly: the version is pinned, and the tests compare every result with Whoosh's
own matchers.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pickle import loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import ListMatcher
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

# Postings kept decoded by ``RecentPostings``: about 64 MB of ids and weights.
POSTINGS_BUDGET = 4_000_000
_LENGTHS = np.array([byte_to_length(byte) for byte in range(256)], dtype=np.float64)


@dataclass
class Postings:
    """One term's postings in one segment: document numbers, weights (term frequencies)
    and, when asked for, the encoded positions."""

    ids: np.ndarray
    weights: np.ndarray
    values: Sequence[bytes] | None = None


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


class RecentPostings:
    """The postings of the terms searches read last, up to ``budget`` postings in all (a
    posting with its positions counts as ``POSITIONS_COST``), the least recently used
    dropped first.

    A segment never changes, so what was read from it stays true while it lives: a word
    many searches ask for is decoded once, not once per search.
    """

    def __init__(self, budget: int = POSTINGS_BUDGET) -> None:
        self.budget = budget
        self.size = 0
        self._entries: OrderedDict[Key, Postings] = OrderedDict()

    def get(self, key: Key, read: Callable[[], Postings]) -> Postings:
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key]
        postings = read()
        postings.ids.flags.writeable = postings.weights.flags.writeable = False
        if postings.values is not None:
            postings.values = tuple(postings.values)
        if _cost(postings) <= self.budget:
            self._entries[key] = postings
            self.size += _cost(postings)
            while self.size > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self.size -= _cost(dropped)
        return postings

    def keep_only(self, segments: Collection[str]) -> None:
        """Drop what was read from segments other than these."""
        for key in [key for key in self._entries if key[0] not in segments]:
            self.size -= _cost(self._entries.pop(key))


# (segment id, field, term, with positions)
Key = tuple[str, str, bytes, bool]
# A posting's positions, as the bytes Whoosh stores, take about four times the memory of
# its id and weight.
POSITIONS_COST = 5


def _cost(postings: Postings) -> int:
    return len(postings.ids) * (1 if postings.values is None else POSITIONS_COST)


@dataclass
class Segment:
    """What searches need from one segment, each array read on first use and kept."""

    reader: Any
    size: int
    id: str = ""
    recent: RecentPostings | None = None
    _cache: dict[Any, Any] = field(default_factory=dict)

    def postings(self, fieldname: str, text: str | bytes, *, values: bool = False) -> Postings:
        if isinstance(text, str):
            text = self.reader.schema[fieldname].to_bytes(text)
        if self.recent is None:
            return read_postings(self.reader, fieldname, text, values=values)
        return self.recent.get(
            (self.id, fieldname, text, values),
            lambda: read_postings(self.reader, fieldname, text, values=values),
        )

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
        self.recent = RecentPostings()

    def segments(self, searcher: Searcher) -> list[tuple[Segment, Searcher, int]]:
        """(segment, its searcher, its first global document number), in order."""
        found, kept = [], {}
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            if not reader.doc_count_all():
                continue
            # Unique to the segment (its id is random), whichever searcher opened it.
            key = reader.segment().segment_id()
            segment = self._segments.get(key) or Segment(
                reader, reader.doc_count_all(), key, self.recent
            )
            # The newest searcher's reader knows the segment's newest deletions.
            segment.reader = reader
            kept[key] = segment
            found.append((segment, subsearcher, offset))
        if kept.keys() != self._segments.keys():
            self.recent.keep_only(kept.keys())
        self._segments = kept
        return found
