"""Timing the benchmarks' calls: one call, a query mix's latencies, their percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from .queries import BenchQuery

WARMUP = 3


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50, p95 and p99 of ``samples`` (seconds), in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else []
    pick = (lambda p: cuts[p - 1]) if cuts else (lambda p: samples[0])
    return {f"p{p}_ms": round(pick(p) * 1000, 2) for p in (50, 95, 99)}


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def latencies(
    search: Callable[[BenchQuery], Any], repeat: int, mix: tuple[BenchQuery, ...]
) -> dict[str, Any]:
    """Every query of the mix, warm: a few untimed runs each, then ``repeat`` timed.
    Percentiles over all the samples, and each query's median under "per_query_ms"."""
    for bench in mix:
        for _ in range(WARMUP):
            search(bench)
    samples: dict[str, list[float]] = {bench.name: [] for bench in mix}
    for _ in range(repeat):
        for bench in mix:
            samples[bench.name].append(timed(lambda b=bench: search(b)))
    medians = {name: round(statistics.median(times) * 1000, 1) for name, times in samples.items()}
    return percentiles([t for times in samples.values() for t in times]) | {"per_query_ms": medians}


def percentiles_only(
    figures: dict[str, Any], keys: tuple[str, ...] = ("p50_ms", "p95_ms", "p99_ms")
) -> dict[str, Any]:
    """Of ``latencies``' figures, the percentiles ``keys``."""
    return {key: figures[key] for key in keys}
