"""How the full rebuild's rate scales with the writer processes it is given.

Whoosh's writer is pure Python: one process analyses and writes at a rate bounded by the
interpreter, so the rebuild's only lever is more processes (each writes a segment of its
own). This measures the rate with 1 process and with each count up to the number the
archive itself would use (``SEARCH_BACKEND_OPTIONS``'s ``rebuild_processes``, else the
processors this process may run on), on the same sample of documents read once from the
database beforehand, so that only analysis and writing are timed.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

from interviews.models import Exchange, Interview
from search import engine
from search.backends.whoosh import WhooshBackend
from search.indexing import all_documents, indexable_interviews

SAMPLE = 200  # interviews (about 1,600 exchanges, 8,000 documents)


def processes_given() -> int:
    """The writer processes the archive's rebuild uses on this machine."""
    return int(getattr(engine.backend(), "rebuild_processes", 1))


def scaling(sample: int = SAMPLE) -> dict[str, Any]:
    """Exchanges per second with 1, 2, … up to ``processes_given()`` writer processes (at
    most 4 counts: 1, the given count, and powers of 2 between)."""
    interviews = list(indexable_interviews()[:sample])
    exchanges = Exchange.objects.filter(interview__in=interviews).count()
    documents = list(all_documents(interviews))
    given = processes_given()
    counts = sorted({1, given, *(2**k for k in range(1, 3) if 2**k < given)})
    rates: dict[int, float] = {}
    per_cpu_second: dict[int, float] = {}
    parent_share: dict[int, float] = {}
    scratch = Path(settings.SEARCH_INDEX_DIR).parent
    for processes in counts:
        with tempfile.TemporaryDirectory(prefix="bench-scaling-", dir=scratch) as path:
            backend = WhooshBackend(path, rebuild_processes=processes)
            before, start = os.times(), time.perf_counter()
            backend.rebuild(documents)
            rates[processes] = exchanges / (time.perf_counter() - start)
            # CPU time, this process's and its writer processes' (reaped by then): what the
            # rebuild costs whatever else the machine runs.
            after = os.times()
            own = after.user - before.user + after.system - before.system
            writers = (
                after.children_user
                - before.children_user
                + after.children_system
                - before.children_system
            )
            per_cpu_second[processes] = exchanges / max(own + writers, 1e-9)
            parent_share[processes] = own / max(own + writers, 1e-9)
    return {
        "sample": {"interviews": len(interviews), "exchanges": exchanges},
        "processes_given": given,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "exchanges_per_s": {n: round(rate, 1) for n, rate in rates.items()},
        "per_process": {n: round(rate / n, 1) for n, rate in rates.items()},
        "speed_up": {n: round(rate / rates[1], 2) for n, rate in rates.items()},
        # Load-independent: exchanges per CPU second, and the share of that CPU spent in
        # this process (reading and handing out documents: the part that does not scale).
        "exchanges_per_cpu_s": {n: round(rate, 1) for n, rate in per_cpu_second.items()},
        "parent_cpu_share": {n: round(share, 2) for n, share in parent_share.items()},
    }


def incremental(share: float = 0.01) -> dict[str, Any]:
    """``rebuild_index --incremental`` after ``share`` of the published interviews changed
    without the index being told (an answer edited by a bulk update, as a script or a
    restored database does), against the full rebuild's time; the edits are then undone
    and the index brought back the same way."""
    published = Interview.objects.published().order_by("pk").values_list("pk", flat=True)
    interviews = list(published)[:: round(1 / share)]
    exchanges = Exchange.objects.filter(interview__in=interviews, position=1)
    originals = dict(exchanges.values_list("pk", "answer_fr"))
    for pk, answer in originals.items():
        Exchange.objects.filter(pk=pk).update(answer_fr=f"{answer} sondagezq")
    out = io.StringIO()
    start = time.perf_counter()
    call_command("rebuild_index", "--incremental", verbosity=0, stdout=out)
    seconds = time.perf_counter() - start
    for pk, answer in originals.items():
        Exchange.objects.filter(pk=pk).update(answer_fr=answer)
    call_command("rebuild_index", "--incremental", verbosity=0, stdout=io.StringIO())
    return {
        "changed_interviews": len(interviews),
        "seconds": round(seconds, 1),
        "output": out.getvalue().strip(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
