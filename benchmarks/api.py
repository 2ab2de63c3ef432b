"""The read API's latency beside the web pages': the same interviews and queries, asked
of ``/api/v1/`` (in process for server time and queries, then under wrk)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from .queries import BenchQuery


def paths(slugs: list[str], published: int, mix: tuple[BenchQuery, ...]) -> dict[str, list[str]]:
    """The API's counterparts of the reading view, the list page (the pages the web list
    is timed on, 20 interviews each, as far as there are) and the search page."""
    last = max(1, -(-published // 20))
    return {
        "detail": [f"/api/v1/interviews/{quote(slug)}/" for slug in slugs],
        "list": [f"/api/v1/interviews/?page={min(p, last)}" for p in (1, 2, 10, 50, 1)],
        "search": [f"/api/v1/search/?{urlencode(bench.params())}" for bench in mix],
    }


def wrk_figures(wrk: Any, base: str, api_paths: dict[str, list[str]], seconds: float) -> dict:
    figures: dict[str, Any] = {}
    errors = 0
    for name in ("detail", "search"):
        run = wrk(base, api_paths[name], seconds=seconds)
        figures[f"api_{name}_rps"] = round(run["rps"], 1)
        figures[f"api_{name}_p95_ms"] = run["p95_ms"]
        errors += run["errors"]
    figures["api_errors"] = errors
    return figures
