"""Both search backends on the same corpus in the same run: a full rebuild, the query mix
(every facet is counted by both, always), and saves until searchable.

Needs PostgreSQL (``DATABASE_URL``): the PostgreSQL backend's index is in the database.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management import call_command

from interviews.models import Exchange, Interview

from . import saving
from .queries import QUERY_MIX

BACKENDS = ("whoosh", "postgres")


def figures(repeat: int, say: Callable[[str, Any], None]) -> dict[str, Any]:
    from .runner import archive_search, latencies, timed

    published = Exchange.objects.filter(interview__status=Interview.Status.PUBLISHED).count()
    usual = Interview.objects.published().order_by("pk").first()
    assert usual is not None, "the corpus has no published interview"
    results = {}
    for name in BACKENDS:
        settings.SEARCH_BACKEND = name
        seconds = timed(lambda: call_command("rebuild_index", verbosity=0, stdout=io.StringIO()))
        search = latencies(archive_search, repeat)
        totals = {bench.name: archive_search(bench).total for bench in QUERY_MIX}
        facets = {
            bench.name: {f: len(v) for f, v in archive_search(bench).facets.items()}
            for bench in QUERY_MIX
        }
        saves = [
            saving.to_searchable(exchange, f"sondagezq{name[0]}{'abcdefghij'[n]}")
            for n, exchange in enumerate(usual.exchanges.order_by("position")[: saving.SAMPLES])
        ]
        results[name] = {
            "rebuild_s": round(seconds, 1),
            "rebuild_exchanges_per_s": round(published / seconds, 1),
            "search": search,
            "hits_per_query": totals,
            "facet_values_per_query": facets,
            "save_to_searchable_worst_s": round(max(saves), 4),
        }
        for key, value in results[name].items():
            say(f"{name}: {key}", value)
    return results
