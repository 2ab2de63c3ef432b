"""The web pages and the API, timed in process (server time and SQL queries), then each
under 10 clients through gunicorn."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote, urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from interviews.models import Interview

from . import api, web
from .queries import BenchQuery
from .runner import say
from .timing import percentiles

READING_SAMPLES = 20
# Each query of the mix is asked this many times when the search page's server time is taken.
SEARCH_PAGE_ROUNDS = 3


def page_timings(paths: list[str]) -> dict[str, Any]:
    """Median server time (in-process client, warm) and the query counts seen."""
    client = Client()
    for path in paths[:3]:
        assert client.get(path).status_code == 200, path
    times, counts = [], set()
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, path
        counts.add(len(queries))
    return {
        "ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": percentiles(times)["p95_ms"],
        "queries": max(counts),
        "query_counts_seen": sorted(counts),
    }


@contextmanager
def answers_computed() -> Iterator[None]:
    """The process's backend computing every answer meanwhile: for Whoosh, none kept (it
    drops those it kept), as for a search never asked before; and the pages and API
    answers made of them made afresh too."""
    from search import engine
    from search.backends.whoosh import WhooshBackend
    from search.kept_pages import nothing_kept

    backend = engine.backend()
    whoosh = backend if isinstance(backend, WhooshBackend) else None
    if whoosh:
        kept, whoosh.answers_kept = whoosh.answers_kept, 0
        whoosh.close()
    try:
        with nothing_kept():
            yield
    finally:
        if whoosh:
            whoosh.answers_kept = kept


def pages_and_web(args: argparse.Namespace, mix: tuple[BenchQuery, ...]) -> dict[str, Any]:
    """Server time and queries of the reading view, the list page and their API
    counterparts, then each under 10 clients through gunicorn."""
    slugs = list(Interview.objects.published().order_by("pk").values_list("slug", flat=True))
    slugs = slugs[:: max(1, len(slugs) // 200)]
    reading = page_timings([f"/fr/interviews/{slug}/" for slug in slugs[:READING_SAMPLES]])
    say("reading view", reading)
    listing = page_timings([f"/fr/interviews/?page={page}" for page in (1, 2, 10, 50, 1)])
    say("list page", listing)
    api_paths = api.paths(slugs, Interview.objects.published().count(), mix)
    api_pages = {
        "detail": page_timings(api_paths["detail"][:READING_SAMPLES]),
        "list": page_timings(api_paths["list"]),
        "search": page_timings(api_paths["search"]),
    }
    for name, figures in api_pages.items():
        say(f"API {name}", figures)

    search_paths = [f"/fr/search/?{urlencode(bench.params())}" for bench in mix]
    # The search page and the API's search, each search computed, then answered again
    # (kept answers): the pages' own cost is the difference.
    searches: dict[str, Any] = {}
    for name, paths in (("page", search_paths), ("api", api_paths["search"])):
        with answers_computed():
            searches[f"{name}_computed"] = page_timings(paths * SEARCH_PAGE_ROUNDS)
        searches[f"{name}_kept"] = page_timings(paths * SEARCH_PAGE_ROUNDS)
    for name, figures in searches.items():
        say(f"search {name.replace('_', ', ')}", figures)
    reading_paths = [f"/fr/interviews/{quote(slug)}/" for slug in slugs]
    with web.gunicorn(workers=4) as base:
        reading_web = web.wrk(base, reading_paths, seconds=args.web_seconds)
        search_web = web.wrk(base, search_paths, seconds=args.web_seconds)
        api_web = api.wrk_figures(web.wrk, base, api_paths, args.web_seconds)
        workers_mb = web.workers_memory_mb()
    say("gunicorn workers' memory (RSS, MB)", workers_mb)
    web_figures = {
        "reading_rps": round(reading_web["rps"], 1),
        "reading_p95_ms": reading_web["p95_ms"],
        "search_rps": round(search_web["rps"], 1),
        "search_p95_ms": search_web["p95_ms"],
        "errors": reading_web["errors"] + search_web["errors"],
        **api_web,
    }
    say(f"web ({web.CLIENTS} clients, wrk, gunicorn)", web_figures)
    return {
        "reading_view": reading,
        "list_page": listing,
        "api": {
            name: {"ms": float(f["ms"]), "queries": f["queries"]} for name, f in api_pages.items()
        },
        "search_server_time": searches,
        "web": web_figures,
        "workers_mb": workers_mb,
    }
