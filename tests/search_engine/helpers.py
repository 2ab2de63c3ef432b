"""Short ways to ask a backend and read its answer, shared by the contract tests."""

from __future__ import annotations

import re

from search.documents import SearchQuery, SearchResults


def search(backend, text: str, **options) -> SearchResults:
    return backend.search(SearchQuery(text, **options))


def keys(results: SearchResults) -> list[str]:
    return [hit.key for hit in results.hits]


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)
