"""What a segment's documents are filtered and counted by: outlet, people, topics, dates.

Each field's values are read once per segment (``Segment.codes``, ``Segment.pairs``,
``Segment.numbers``) and kept as arrays: a filter is a mask over the segment's documents,
a facet a count of the codes under the mask of the matches.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ...documents import SearchQuery
from .index import yyyymmdd
from .segments import Segment


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


# Fewer matches than a segment's documents divided by this: their facet values are looked
# up one by one (a binary search each in a many-valued field's pairs) instead of read off a
# pass over every document and pair of the segment, whose cost grows with the corpus, not
# with the matches (a word in 8 passages took 33 ms at 50,000 interviews, 7.6 at 10,000).
SPARSE = 32


def count_facets(segment: Segment, mask: np.ndarray, counts: dict[str, Counter[str]]) -> None:
    """Add the facet values of ``mask``'s documents to ``counts``."""
    docnums = np.flatnonzero(mask)
    sparse = len(docnums) * SPARSE < segment.size
    for name, fieldname in SINGLE_FACETS.items():
        values, codes = segment.codes(fieldname)
        picked = codes[docnums] if sparse else codes[mask]
        _add(counts[name], values, np.bincount(picked[picked >= 0], minlength=len(values)))
    for name, fieldname in MULTIPLE_FACETS.items():
        values, docs, codes = segment.pairs(fieldname)
        picked = codes[_rows_of(docs, docnums)] if sparse else codes[mask[docs]]
        _add(counts[name], values, np.bincount(picked, minlength=len(values)))


def _rows_of(docs: np.ndarray, docnums: np.ndarray) -> np.ndarray:
    """The rows of ``docs`` (sorted) that hold one of ``docnums`` (sorted)."""
    starts = np.searchsorted(docs, docnums, side="left")
    lengths = np.searchsorted(docs, docnums, side="right") - starts
    # Each run of rows [start, start + length), laid end to end.
    shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    rows: np.ndarray = np.arange(int(lengths.sum())) + shift
    return rows


def warm(segment: Segment) -> None:
    """Read what every search of ``segment`` needs (facet codes, dates, field lengths)."""
    for fieldname in SINGLE_FACETS.values():
        segment.codes(fieldname)
    for fieldname in MULTIPLE_FACETS.values():
        segment.pairs(fieldname)
    segment.numbers("published_on")
    for fieldname, field_type in segment.reader.schema.items():
        if field_type.scorable:
            segment.lengths(fieldname)


def _add(counter: Counter[str], values: list[bytes], tally: np.ndarray) -> None:
    for code in np.flatnonzero(tally):
        counter[values[code].decode()] += int(tally[code])
