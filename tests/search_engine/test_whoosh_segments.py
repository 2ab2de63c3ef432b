"""What the Whoosh backend reads from its segments, and keeps: never anything stale."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import numpy as np
import pytest

from search.backends.whoosh import WhooshBackend, facets
from search.backends.whoosh.internals import Postings
from search.backends.whoosh.segments import POSITIONS_COST, RecentPostings, SegmentCache
from search.documents import SearchQuery
from tests.search_engine.corpus import make_document
from tests.search_engine.helpers import delete, index


def postings(count: int) -> Postings:
    return Postings(np.arange(count), np.ones(count))


def test_recent_postings_are_read_once():
    recent, reads = RecentPostings(budget=10), []
    for _ in range(3):
        recent.get(
            ("segment", "text_fr", b"portail", False), lambda: reads.append(1) or postings(4)
        )
    assert len(reads) == 1


def test_recent_postings_drop_the_least_recently_used_past_their_budget():
    recent = RecentPostings(budget=10)
    recent.get(("s", "f", b"a", False), lambda: postings(6))
    recent.get(("s", "f", b"b", False), lambda: postings(3))
    recent.get(("s", "f", b"a", False), lambda: postings(6))  # used again: "b" is now the oldest
    recent.get(("s", "f", b"c", False), lambda: postings(4))
    assert recent.size == 10
    reads = []
    recent.get(("s", "f", b"b", False), lambda: reads.append(1) or postings(3))
    assert reads == [1]


def test_recent_postings_are_read_only():
    found = RecentPostings().get(("s", "f", b"a", False), lambda: postings(3))
    assert not found.ids.flags.writeable and not found.weights.flags.writeable


def test_postings_of_a_segment_that_is_gone_are_dropped(tmp_path):
    backend = WhooshBackend(tmp_path)
    index(backend, [make_document("portail unique", interview="a")])
    cache = SegmentCache()
    with _searcher(backend) as searcher:
        for segment, _, _ in cache.segments(searcher):
            segment.postings("text_fr", "portail")
    assert cache.recent.size
    backend.rebuild([make_document("guichet", interview="b")])
    assert backend.search(SearchQuery("portail")).total == 0
    with _searcher(backend) as searcher:
        cache.segments(searcher)
    assert cache.recent.size == 0


def _searcher(backend):
    """Whoosh's own searcher of the backend's live index."""
    return backend.generations.open(backend.generations.current()).searcher()


def test_a_deletion_after_a_search_is_seen_by_the_next_search(tmp_path):
    backend = WhooshBackend(tmp_path)
    index(
        backend, [make_document("portail", interview="a"), make_document("portail", interview="b")]
    )
    assert backend.search(SearchQuery("portail")).total == 2
    delete(backend, "a")
    results = backend.search(SearchQuery("portail"))
    assert results.total == 1
    assert [hit.interview for hit in results.hits] == ["b"]


def test_postings_with_positions_count_for_more_of_the_budget():
    recent = RecentPostings(budget=100)
    recent.get(("s", "f", b"a", True), lambda: Postings(np.arange(4), np.ones(4), [b""] * 4))
    assert recent.size == 4 * POSITIONS_COST


@pytest.mark.parametrize("matched", [1, 5, 60, 200])
def test_facets_of_few_matches_are_counted_as_those_of_many(tmp_path, monkeypatch, matched):
    """A few matches' facet values are looked up one by one, many are read off the whole
    segment: both ways count the same, people and topics (several per document) included."""
    people, topics = ["ana", "ben", "chloé", "dov"], ["eau", "fer", "gaz"]
    backend = WhooshBackend(tmp_path)
    index(
        backend,
        [
            make_document(
                "mot",
                outlet=f"outlet-{i % 3}",
                persons=tuple(
                    name for bit, name in enumerate(people) if i >> bit & 1 or bit == i % 4
                ),
                topics=tuple(
                    name for j, name in enumerate(topics) if j == i % 3 or not i % (j + 2)
                ),
                published_on=date(2020 + i % 4, 1, 1),
            )
            for i in range(200)
        ],
    )
    with _searcher(backend) as searcher:
        [(segment, _, _)] = SegmentCache().segments(searcher)
        mask = np.zeros(segment.size, dtype=bool)
        mask[np.random.default_rng(matched).choice(segment.size, matched, replace=False)] = True
        counted = {}
        for way, factor in {"one by one": 0, "whole segment": segment.size + 1}.items():
            monkeypatch.setattr(facets, "SPARSE", factor)
            counted[way] = defaultdict(Counter)
            facets.count_facets(segment, mask, counted[way])
    assert counted["one by one"] == counted["whole segment"]
    assert counted["one by one"]["person"] and counted["one by one"]["topic"]
    assert counted["one by one"]["outlet"].total() == matched
