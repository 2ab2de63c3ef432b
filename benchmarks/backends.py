"""Both search backends on the same corpus in the same run: a full rebuild, the run's query
mix (the same queries for both; every facet is counted by both, always), and saves until
searchable.

Needs PostgreSQL (``DATABASE_URL``): the PostgreSQL backend's index is in the database.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.management import call_command

from interviews.models import Exchange, Interview

from . import saving
from .queries import BenchQuery
from .timing import latencies, timed

BACKENDS = ("whoosh", "postgres")


def figures(
    repeat: int,
    mix: tuple[BenchQuery, ...],
    say: Callable[[str, Any], None],
    names: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Each backend's figures under its name (of ``names``, in their order; default both),
    and "side_by_side": for each figure, the backends' values."""
    from .runner import archive_search

    published = Exchange.objects.filter(interview__status=Interview.Status.PUBLISHED).count()
    usual = Interview.objects.published().order_by("pk").first()
    assert usual is not None, "the corpus has no published interview"
    chosen = list(dict.fromkeys(names)) if names else list(BACKENDS)
    results = {}
    for name in chosen:
        settings.SEARCH_BACKEND = name
        seconds = timed(lambda: call_command("rebuild_index", verbosity=0, stdout=io.StringIO()))
        search = latencies(archive_search, repeat, mix)
        answers = {bench.name: archive_search(bench) for bench in mix}
        totals = {query: found.total for query, found in answers.items()}
        facets = {
            query: {facet: len(values) for facet, values in found.facets.items()}
            for query, found in answers.items()
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
    side_by_side = {
        key: {name: results[name][key] for name in chosen} for key in results[chosen[0]]
    }
    for key, values in side_by_side.items():
        say(f"side by side: {key}", values)
    return results | {"side_by_side": side_by_side}
