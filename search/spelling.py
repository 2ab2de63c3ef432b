"""The terms of an index, and those nearest to a term it does not have: what the
did-you-mean suggestions of both search engines are chosen among."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .edits import edit_distances, term_codes


class Nearby(NamedTuple):
    """A known term near another; sorts best first."""

    distance: int
    length_change: int
    rarity: int  # minus the number of documents with the term
    term: str


class Vocabulary:
    """The terms of an index, to find those nearest to a term it does not have.

    Terms are compared as analyzed (folded and stemmed), so "numerik" is near "numer", the
    stem of "numérique"; turning a term back into a word is the index's business.
    """

    def __init__(self, terms: Iterable[tuple[str, int]] = ()) -> None:
        """``terms``: (term, how many documents have it)."""
        self._buckets: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)
        # Each bucket's terms as code points, made when a misspelling first needs them and
        # dropped when the bucket changes.
        self._codes: dict[tuple[str, int], tuple[list[str], npt.NDArray[np.uint32]]] = {}
        self.add(terms)

    def add(self, terms: Iterable[tuple[str, int]]) -> None:
        """More documents' terms (those of a new index segment): frequencies add up."""
        self._count(terms, 1)

    def remove(self, terms: Iterable[tuple[str, int]]) -> None:
        """Terms added before, taken back (those of a segment no longer in the index)."""
        self._count(terms, -1)

    def _count(self, terms: Iterable[tuple[str, int]], sign: int) -> None:
        buckets, codes = self._buckets, self._codes
        for term, frequency in terms:
            if term and not term.isdigit():
                key = term[0], len(term)
                bucket = buckets[key]
                left = bucket.get(term, 0) + sign * frequency
                if left > 0:
                    bucket[term] = left
                else:
                    bucket.pop(term, None)
                codes.pop(key, None)

    def nearest(self, term: str) -> list[Nearby]:
        """Terms within reach of ``term``, best first, each with its distance: fewest edits,
        then same length (a swap rather than a lost letter), then most documents. The first
        letter is trusted: misspellings rarely start there."""
        if len(term) < 3:
            return []
        limit = 1 if len(term) <= 4 else 2 if len(term) <= 6 else 3
        lengths = range(max(1, len(term) - limit), len(term) + limit + 1)
        buckets = [self._bucket_codes((term[0], length)) for length in lengths]
        candidates = [candidate for terms, _ in buckets for candidate in terms]
        codes = np.zeros((len(candidates), lengths[-1]), dtype=np.uint32)
        start = 0
        for terms, bucket in buckets:
            codes[start : start + len(terms), : bucket.shape[1]] = bucket
            start += len(terms)
        sizes = np.fromiter((len(candidate) for candidate in candidates), np.intp, len(candidates))
        distances = edit_distances(term, codes, sizes, limit)
        ranked = []
        for index in np.flatnonzero((distances > 0) & (distances <= limit)).tolist():
            candidate = candidates[index]
            frequency = self._buckets[term[0], len(candidate)][candidate]
            distance = int(distances[index])
            ranked.append(Nearby(distance, abs(len(candidate) - len(term)), -frequency, candidate))
        return sorted(ranked)

    def _bucket_codes(self, key: tuple[str, int]) -> tuple[list[str], npt.NDArray[np.uint32]]:
        if key not in self._codes:
            terms = list(self._buckets.get(key, ()))
            self._codes[key] = terms, term_codes(terms, key[1])
        return self._codes[key]
