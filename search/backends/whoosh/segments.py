"""What searches read from one Whoosh index segment, as numpy arrays, read once and kept.

Segments never change once written (only their deletions do), so what is read from one
(a term's postings, facet codes, dates, field lengths) stays true for as long as the
segment lives; ``SegmentCache`` keeps each ``Segment`` while the open searcher has it.

Postings, lengths and columns are read whole, through ``internals`` (Whoosh's public API
gives them one value at a time).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from whoosh.searching import Searcher

from .internals import (
    Postings,
    deleted_docs,
    field_lengths,
    leaf_searchers,
    numbers,
    read_postings,
    segment_id,
)

Cached = TypeVar("Cached")

# Postings kept decoded by ``RecentPostings``: about 64 MB of ids and weights.
POSTINGS_BUDGET = 4_000_000


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
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict)

    def postings(self, fieldname: str, text: str | bytes, *, values: bool = False) -> Postings:
        term: bytes = (
            self.reader.schema[fieldname].to_bytes(text) if isinstance(text, str) else text
        )
        if self.recent is None:
            return read_postings(self.reader, fieldname, term, values=values)
        return self.recent.get(
            (self.id, fieldname, term, values),
            lambda: read_postings(self.reader, fieldname, term, values=values),
        )

    def mask(self, fieldname: str, text: str | bytes) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[self.postings(fieldname, text).ids] = True
        return mask

    def codes(self, fieldname: str) -> tuple[list[bytes], np.ndarray]:
        """A single-valued field's values (in index order) and, per document, the index of
        its value (-1 for none)."""
        return self._cached(("codes", fieldname), lambda: self._codes(fieldname))

    def pairs(self, fieldname: str) -> tuple[list[bytes], np.ndarray, np.ndarray]:
        """A many-valued field's values and its (document, value index) pairs, in the
        order of their documents."""
        return self._cached(("pairs", fieldname), lambda: self._pairs(fieldname))

    def numbers(self, fieldname: str) -> np.ndarray:
        """A numeric column's values, per document (0 where unset)."""
        return self._cached(
            ("numbers", fieldname), lambda: numbers(self.reader, fieldname, self.size)
        )

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in a text field, as Whoosh's scorers see it."""
        return self._cached(
            ("lengths", fieldname), lambda: field_lengths(self.reader, fieldname, self.size)
        )

    def _cached(self, key: tuple[str, str], compute: Callable[[], Cached]) -> Cached:
        if key not in self._cache:
            self._cache[key] = compute()
        found: Cached = self._cache[key]
        return found

    def _codes(self, fieldname: str) -> tuple[list[bytes], np.ndarray]:
        values: list[bytes] = []
        codes = np.full(self.size, -1, dtype=np.int32)
        for code, (text, _) in enumerate(self.reader.iter_field(fieldname)):
            values.append(text)
            codes[self.postings(fieldname, text).ids] = code
        return values, codes

    def _pairs(self, fieldname: str) -> tuple[list[bytes], np.ndarray, np.ndarray]:
        values: list[bytes] = []
        docs, codes = [np.empty(0, dtype=np.int64)], [np.empty(0, np.int32)]
        for code, (text, _) in enumerate(self.reader.iter_field(fieldname)):
            ids = self.postings(fieldname, text).ids
            values.append(text)
            docs.append(ids)
            codes.append(np.full(len(ids), code, dtype=np.int32))
        by_doc = np.concatenate(docs)
        order = np.argsort(by_doc, kind="stable")
        return values, by_doc[order], np.concatenate(codes)[order]

    def alive(self) -> np.ndarray | None:
        """The documents not deleted; None: none is. A segment's deletions only ever grow
        (a write that drops some writes a new segment), so their count tells whether the
        mask kept is still true."""
        deleted = deleted_docs(self.reader)
        if not deleted:
            return None
        kept = self._cache.get(("alive", ""))
        if kept is None or kept[0] != len(deleted):
            mask = np.ones(self.size, dtype=bool)
            mask[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = False
            kept = self._cache["alive", ""] = (len(deleted), mask)
        alive: np.ndarray = kept[1]
        return alive


class SegmentCache:
    """``Segment``s of the open searcher, kept while their segment is part of it."""

    def __init__(self) -> None:
        self._segments: dict[str, Segment] = {}
        self.recent = RecentPostings()

    def segments(self, searcher: Searcher) -> list[tuple[Segment, Searcher, int]]:
        """(segment, its searcher, its first global document number), in order."""
        found, kept = [], {}
        for subsearcher, offset in leaf_searchers(searcher):
            reader = subsearcher.reader()
            if not reader.doc_count_all():
                continue
            key = segment_id(reader)
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
