"""Whoosh collectors the backend ranks with: a deadline, and a filter given as masks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from whoosh import collectors
from whoosh.searching import Searcher


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


class Allowed(collectors.WrappingCollector):
    """Collects only the documents allowed by a mask per segment (filters, computed once
    for the whole search), keyed by the segment's first global document number."""

    def __init__(self, child: collectors.Collector, allowed: dict[int, Any]) -> None:
        self.child = child
        self.allowed = allowed

    def collect_matches(self) -> None:
        child = self.child
        allowed = self.allowed.get(child.offset)
        if allowed is None:
            return
        for docnum in child.matches():
            if allowed[docnum]:
                child.collect(docnum)
