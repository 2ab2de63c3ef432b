"""Short ways to ask a backend and read its answer, shared by the contract tests."""

from __future__ import annotations

import re

from search.documents import SearchQuery, SearchResults


def index(backend, documents) -> None:
    """Add documents, replacing those indexed under the same keys."""
    backend.replace_interviews((), documents)


def delete(backend, interview: str) -> None:
    """Remove every document of the interview with this slug."""
    backend.replace_interviews([interview], ())


def search(backend, text: str, **options) -> SearchResults:
    return backend.search(SearchQuery(text, **options))


def keys(results: SearchResults) -> list[str]:
    return [hit.key for hit in results.hits]


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def record_reads(monkeypatch) -> list[tuple[str, str]]:
    """What the Whoosh backend reads from its segments from now on, as (what, field):
    postings, numeric columns, field lengths."""
    from search.backends.whoosh import segments

    reads: list[tuple[str, str]] = []

    def spy(name, read):
        def recorded(reader, fieldname, *args, **kwargs):
            reads.append((name, fieldname))
            return read(reader, fieldname, *args, **kwargs)

        return recorded

    for name in ("read_postings", "numbers", "field_lengths"):
        monkeypatch.setattr(segments, name, spy(name, getattr(segments, name)))
    return reads
