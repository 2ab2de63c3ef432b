"""The small interface every search engine implements; the archive uses nothing else."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from ..analysis import LANGUAGES
from ..documents import QueryError, SearchDocument, SearchQuery, SearchResults


class IndexUnavailable(Exception):
    """The index cannot be used as it is: every method may raise it. ``reason`` is one of
    the constants below, for the archive to explain in its own words; ``detail`` says
    what the engine found (a file, an operating-system error), for operators."""

    MISSING = "missing"  # nothing at ``location``: never built, or deleted
    UNREADABLE = "unreadable"  # there, but the archive may not read it
    UNWRITABLE = "unwritable"  # cannot be written, or created
    DAMAGED = "damaged"  # there, but not a whole index (a truncated or lost file)
    BUSY = "busy"  # a rebuild, or a write that outlived the lock's timeout, holds it

    def __init__(self, reason: str, location: str, detail: str = "") -> None:
        super().__init__(f"{location}: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.location = location
        self.detail = detail


class SearchBackend(ABC):
    """An index of ``SearchDocument``s, safe to share between threads and processes.

    Writes are durable when the call returns and visible to every reader's next search.
    A backend is made with the index's ``path`` and ``create``: whether to make an empty
    index where there is none. Without ``create``, a missing index raises
    ``IndexUnavailable(MISSING)`` until ``rebuild`` makes it, from what it is given.
    """

    # Whether the index lives in the archive's own database. Then each change is indexed
    # at once, inside the transaction that makes it: it commits with it (and is at once
    # searchable from every server) or rolls back with it, and needs no record for replay.
    # Otherwise (an index elsewhere, as Whoosh's files) changes are indexed after their
    # commit, from a record written with them (``search.sync``, ``search.pending``).
    indexes_in_transaction: bool = False

    def replace_interviews(
        self,
        slugs: Iterable[str],
        documents: Iterable[SearchDocument],
        *,
        exchanges: Iterable[str] = (),
    ) -> None:
        """Remove every document of the interviews with these slugs and of the exchanges
        with these uids (``exchange_uid``; an exchange's keys begin ``<uid>:``), then index
        ``documents`` (replacing any indexed under the same key; the last given for a key
        wins), in one write: no search sees the gap."""
        deleted, uids = sorted(set(slugs)), sorted(set(exchanges))
        latest = list({document.key: document for document in documents}.values())
        if deleted or uids or latest:
            self._write(deleted, uids, latest)

    @abstractmethod
    def _write(
        self, slugs: list[str], exchanges: list[str], documents: list[SearchDocument]
    ) -> None:
        """``replace_interviews``, its arguments made plain: the slugs and uids sorted,
        each once, and one document per key; never all three empty."""

    @abstractmethod
    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Replace the whole index with ``documents``, built aside and swapped in at once:
        searches keep answering from the old index meanwhile, and writes made during the
        rebuild are kept. ``progress`` gets the running count of documents indexed.
        Returns how many documents were indexed."""

    def search(self, query: SearchQuery) -> SearchResults:
        """Never raises for a bad query: the results carry an ``error`` instead."""
        try:
            query.validate(LANGUAGES)
            return self._search(query)
        except QueryError as error:
            return SearchResults(
                hits=[], total=0, page=query.page, per_page=query.per_page, error=error.problem
            )

    @abstractmethod
    def _search(self, query: SearchQuery) -> SearchResults:
        """``search`` for a valid query; raises ``QueryError`` for one it cannot run."""

    @abstractmethod
    def keys(self) -> dict[str, str]:
        """Every indexed key with the fingerprint of the document indexed under it."""

    def generation(self) -> str | None:
        """A name for the state of the index searches read now, which changes with every
        write and rebuild: what a page derives from the indexed values alone (the names
        of its facets' outlets, people and topics, whose renaming re-indexes their
        interviews) may be kept under it. None where the engine cannot say cheaply: then
        nothing is kept."""
        return None

    def warm(self) -> None:
        """Load what searches need from the index, so that a new process's first search
        costs what the others do. Engines with nothing to load do nothing."""
        return None

    @abstractmethod
    def close(self) -> None:
        """Release open files; the backend reopens them if used again."""


def corrected(text: str, corrections: list[tuple[int, int, str]]) -> str | None:
    """``text`` with each (start, end, word) of ``corrections`` put in place of what it
    spans, or None when there is nothing to correct: a did-you-mean suggestion."""
    if not corrections:
        return None
    for start, end, correction in reversed(corrections):
        text = text[:start] + correction + text[end:]
    return text


def usable_processors() -> int:
    """The processors this process may run on (its CPU affinity, where the system has
    one), not every processor of the machine."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
