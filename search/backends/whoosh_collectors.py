"""Whoosh collectors and facets the backend searches with: a deadline, filters read from
each match's columns, and the language facet."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from whoosh import collectors, query, sorting
from whoosh.searching import Searcher

from ..documents import SearchQuery


def yyyymmdd(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


class Deadline(collectors.WrappingCollector):
    """Stops collecting once ``time.monotonic()`` passes ``deadline``.

    Whoosh's TimeLimitCollector needs a timer thread per search and SIGALRM (main thread
    only); this checks the clock between documents, so a deadline already past stops
    before the first one, every time.
    """

    def __init__(self, child: collectors.Collector, deadline: float) -> None:
        self.child = child
        self.deadline = deadline

    # Wrappers above read these from their child; the scoring collector below replaces
    # its matcher while it runs, so they must not be copies.
    matcher = property(lambda self: self.child.matcher)
    offset = property(lambda self: self.child.offset)
    subsearcher = property(lambda self: self.child.subsearcher)

    def set_subsearcher(self, subsearcher: Searcher, offset: int) -> None:
        self.child.set_subsearcher(subsearcher, offset)

    def matches(self) -> Iterator[int]:
        for docnum in self.child.matches():
            if time.monotonic() >= self.deadline:
                raise collectors.TimeLimit
            yield docnum


class MatchFacet(sorting.FacetType):
    """Groups documents by which of several queries they match (which language).

    Documents arrive in increasing order within a segment, so each query's matcher only
    moves forward: the cost follows the documents collected, not the whole index.
    """

    def __init__(self, queries: dict[str, query.Query]) -> None:
        self.queries = queries

    def categorizer(self, global_searcher: Searcher) -> sorting.Categorizer:
        return _MatchCategorizer(self.queries)


class _MatchCategorizer(sorting.Categorizer):
    """Every document it is asked about matched one of the queries at least (the search is
    their Or): when none of the others matches it, the last one is not run again. The
    last is the one expected to match most, so most single-language matches cost only
    the cheap checks of the others."""

    allow_overlap = True

    def __init__(self, queries: dict[str, query.Query]) -> None:
        self.queries = queries

    def set_searcher(self, segment_searcher: Searcher, docoffset: int) -> None:
        context = segment_searcher.boolean_context()
        reader = segment_searcher.reader()
        names = sorted(self.queries, key=lambda name: self.queries[name].estimate_size(reader))
        self.matchers = [
            (name, self.queries[name].matcher(segment_searcher, context)) for name in names
        ]

    def keys_for(self, matcher: Any, docid: int) -> Iterator[str]:
        *others, (last, last_matcher) = self.matchers
        found = False
        for name, candidate in others:
            if _matches(candidate, docid):
                found = True
                yield name
        if not found or _matches(last_matcher, docid):
            yield last


def _matches(matcher: Any, docid: int) -> bool:
    """Whether ``matcher`` matches ``docid``; it moves forward only."""
    if matcher.is_active() and matcher.id() < docid:
        matcher.skip_to(docid)
    return matcher.is_active() and matcher.id() == docid


# Which documents a request's filters keep, tested on each match's column values: a
# column, and the test its value must pass (bytes, a list of bytes for persons and
# topics, the yyyymmdd int for published_on).
_Test = tuple[str, Callable[[Any], bool]]


def request_filters(request: SearchQuery) -> list[_Test]:
    tests: list[_Test] = []
    for field, value in (("interview", request.interview), ("outlet", request.outlet)):
        if value:
            tests.append((field, value.encode().__eq__))
    for field, value in (("persons", request.person), ("topics", request.topic)):
        if value:
            tests.append((field, _has(value)))
    if request.date_from or request.date_to:
        # Undated documents are stored as 0: a date filter leaves them out.
        low = yyyymmdd(request.date_from) if request.date_from else 1
        high = yyyymmdd(request.date_to) if request.date_to else None
        tests.append(("published_on", lambda day: low <= day and (high is None or day <= high)))
    return tests


def _has(slug: str) -> Callable[[list[bytes]], bool]:
    wanted = slug.encode()
    return lambda slugs: wanted in slugs


class Filter(collectors.WrappingCollector):
    """Keeps the matches whose column values pass ``tests``, read for each match only.

    Whoosh's ``FilterCollector(allow=query)`` first lists every document the filter
    allows, walking all the postings of its terms (every day of a date range) on every
    search; this costs what the matches cost, whatever the size of the index.
    """

    def __init__(self, child: collectors.Collector, tests: list[_Test]) -> None:
        self.child = child
        self.tests = tests

    def set_subsearcher(self, subsearcher: Searcher, offset: int) -> None:
        super().set_subsearcher(subsearcher, offset)
        reader = subsearcher.reader()
        self._readers = [
            (reader.column_reader(field, translate=field == "published_on"), test)
            for field, test in self.tests
        ]

    def collect_matches(self) -> None:
        child = self.child
        readers = self._readers
        for docnum in child.matches():
            if all(test(column[docnum]) for column, test in readers):
                child.collect(docnum)


def named_counts(groups: dict[Any, int]) -> dict[str, int]:
    """Facet counts keyed by text; documents without a value are not a group."""
    return {
        name.decode() if isinstance(name, bytes) else str(name): count
        for name, count in groups.items()
        if name not in (None, "", b"")
    }
