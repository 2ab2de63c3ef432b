"""The small interface every search engine implements; the archive uses nothing else."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from ..documents import SearchDocument, SearchQuery, SearchResults


class SearchBackend(ABC):
    """An index of ``SearchDocument``s, safe to share between threads and processes.

    Writes are durable when the call returns and visible to every reader's next search.
    """

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add documents, replacing any already indexed under the same key."""

    @abstractmethod
    def delete(self, *, interview: str) -> None:
        """Remove every document of the interview with this slug."""

    def replace_interviews(self, slugs: Iterable[str], documents: Iterable[SearchDocument]) -> None:
        """Remove every document of these interviews, then index ``documents``. Engines
        that can should do both in one write, so that no search sees the gap."""
        for slug in set(slugs):
            self.delete(interview=slug)
        if documents := list(documents):
            self.index(documents)

    @abstractmethod
    def delete_keys(self, keys: Iterable[str]) -> None:
        """Remove the documents with these keys; unknown keys are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Never raises for a bad query: the results carry an ``error`` instead."""

    @abstractmethod
    def suggest(self, text: str) -> str | None:
        """``text`` with its misspelt words corrected, or None when nothing needs it."""

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

    @abstractmethod
    def keys(self) -> dict[str, str]:
        """Every indexed key with the fingerprint of the document indexed under it."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document."""

    def warm(self) -> None:
        """Load what searches need from the index, so that a new process's first search
        costs what the others do. Engines with nothing to load do nothing."""
        return None

    @abstractmethod
    def close(self) -> None:
        """Release open files; the backend reopens them if used again."""
