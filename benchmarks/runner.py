"""Each measurement, in the order ``python -m benchmarks`` runs them."""

from __future__ import annotations

import argparse
import functools
import io
import json
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from interviews.models import Exchange, Interview

from . import batches, ceiling, corpus, exporting, peers, query_mix, rebuilding, saving
from .queries import BenchQuery
from .timing import latencies, percentiles_only, timed

SAVE_SAMPLES = 5


def ensure_corpus(size: int, seed: int, profile: str = "recombined") -> bool:
    """Build the corpus unless this database already holds exactly it; True if built."""
    prefix = corpus.profile(profile).prefix(seed)
    interviews = Interview.objects.count()
    if interviews == size and Interview.objects.filter(slug__startswith=prefix).count() == size:
        return False
    if Interview.objects.exclude(slug__startswith=corpus.SLUG_PREFIX).exists():
        sys.exit(
            f"{settings.DATABASES['default']['NAME']} holds interviews that are not the "
            "benchmarks': point DATABASE_URL at a database of their own."
        )
    if interviews:
        call_command("flush", interactive=False, verbosity=0)
    corpus.load(size, seed, profile_name=profile)
    if connection.vendor == "postgresql":
        # As autovacuum would, soon after any bulk load: without statistics the planner
        # takes 10,000 interviews for 7 and sorts them all to show a list page (44 ms, not 1);
        # and vacuumed, or the first rebuild measured shares the processors with autovacuum
        # going through the new tables (realistic 10k: 57.7 s, then 41.7 s minutes later).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return True


def archive_search(bench: BenchQuery, *, answers_kept: bool = False):
    """The archive's engine at work: by default without the answers it keeps of searches
    asked before (every engine compared here computes each answer; the web figures show
    what kept answers give)."""
    from search import engine
    from search.documents import SearchQuery

    backend = engine.backend() if answers_kept else _computing_backend()
    return backend.search(
        SearchQuery(
            text=bench.text,
            outlet=bench.outlet,
            date_from=bench.date_from,
            date_to=bench.date_to,
            per_page=10,
            time_limit=settings.SEARCH_TIME_LIMIT,
        )
    )


def _computing_backend():
    """The process's backend, or for Whoosh another on the same index that keeps no
    answers."""
    from search import engine
    from search.backends.whoosh import WhooshBackend

    backend = engine.backend()
    if not isinstance(backend, WhooshBackend):
        return backend
    if str(backend.path) not in _COMPUTING:
        _COMPUTING[str(backend.path)] = WhooshBackend(backend.path, create=False, answers_kept=0)
    return _COMPUTING[str(backend.path)]


_COMPUTING: dict[str, Any] = {}


def save_to_searchable() -> float:
    """The worst delay, over a few saves, from a save's commit until a search finds it."""
    from search import engine
    from search.documents import SearchQuery

    delays = []
    # Spread over the corpus (as few as there are exchanges in a tiny one).
    pks = list(Exchange.objects.order_by("pk").values_list("pk", flat=True))
    chosen = pks[:: max(1, len(pks) // SAVE_SAMPLES)][:SAVE_SAMPLES]
    for number, exchange in enumerate(Exchange.objects.filter(pk__in=chosen)):
        original = exchange.answer_fr
        word = "sondagezq" + "abcdefghij"[number]
        with transaction.atomic():
            exchange.answer_fr = f"{original} {word}"
            exchange.save()
            start = time.perf_counter()
        while not engine.backend().search(SearchQuery(text=word, lang="fr")).total:
            if time.perf_counter() - start > 30:
                raise RuntimeError(f"{word!r} still not searchable 30 s after its commit")
            time.sleep(0.001)
        delays.append(time.perf_counter() - start)
        exchange.answer_fr = original
        exchange.save()
    return max(delays)


def import_time() -> float | None:
    """Seconds to import the seed pair through ``interviews.services``, rolled back; None
    while that service does not exist."""
    try:
        from interviews.services import import_interview
    except ImportError:
        return None
    from interviews.importing import align_interview, parse_article
    from interviews.sources import read_source

    fixtures = settings.BASE_DIR / "fixtures" / "seed"
    sources = [read_source(fixtures / f"{lang}.txt", lang=lang) for lang in ("fr", "en")]

    class Rollback(Exception):
        pass

    def once() -> None:
        try:
            with transaction.atomic():
                fr, en = (
                    parse_article(source.content, lang=source.lang, filename=source.filename)
                    for source in sources
                )
                aligned = align_interview(fr, en, original="fr")
                import_interview(aligned, sources)
                raise Rollback
        except Rollback:
            pass

    once()
    return round(statistics.median(timed(once) for _ in range(5)), 4)


def export_figures(levels: tuple[str, ...] = exporting.LEVELS) -> dict[str, Any]:
    """Each format at each of ``levels`` over the whole corpus, each in a process of its own."""
    one = Interview.objects.published().order_by("pk").values_list("slug", flat=True).first()
    figures = {}
    for name, run in exporting.measure(one, levels):
        say(f"export {name}", run)
        figures[name] = run
    return figures


def machine() -> dict[str, str]:
    import os

    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "python": platform.python_version(),
        "database": f"{connection.vendor} {connection.Database.sqlite_version}"
        if connection.vendor == "sqlite"
        else f"{connection.vendor} {connection.pg_version}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def say(label: str, value: Any) -> None:
    print(f"{label:<34} {value}", flush=True)


def run(args: argparse.Namespace) -> None:
    from .pages import pages_and_web  # it uses this module's helpers

    call_command("migrate", interactive=False, verbosity=0)
    for key, value in machine().items():
        say(key, value)
    if args.only == "batch":
        batch = batches.figures(say=say)
        write_report(args, {"batch": batch})
        return

    say("corpus profile", args.profile)
    started = time.perf_counter()
    built = ensure_corpus(args.size, args.seed, args.profile)
    say("corpus", f"{'built' if built else 'reused'} in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    mix = query_mix.for_profile(args.profile, args.size, args.seed)
    say("query mix", f"{len(mix)} queries, chosen in {time.perf_counter() - started:.1f} s")
    for bench in mix:
        say(f"  {bench.name}", bench.params())
    published = Exchange.objects.filter(interview__status=Interview.Status.PUBLISHED)
    size = {"interviews": Interview.objects.count(), "exchanges": Exchange.objects.count()}
    say("size", size)
    if args.only == "export":
        write_report(args, {"size": size, "export": export_figures()})
        return
    if args.only == "web":
        _index_kept_or_rebuilt()
        write_report(args, {"size": size, **pages_and_web(args, mix)})
        return
    if args.only == "backends":
        from . import backends

        write_report(
            args, {"size": size, "backends": backends.figures(args.repeat, mix, say, args.backend)}
        )
        return
    if args.only == "save":
        _index_kept_or_rebuilt()
        save = saving.figures()
        say("save to searchable (worst of 5)", save)
        write_report(args, {"size": size, "save": save})
        return

    rebuild_seconds = timed(
        lambda: call_command("rebuild_index", verbosity=0, stdout=io.StringIO())
    )
    rebuild_rate = round(published.count() / rebuild_seconds, 1)
    say("rebuild (archive index)", f"{rebuild_seconds:.1f} s, {rebuild_rate} exchanges/s")
    index_mb = round(size_on_disk(live_generation(Path(settings.SEARCH_INDEX_DIR))) / 1e6, 1)
    say("index size (archive, Whoosh)", f"{index_mb} MB")
    scaling = rebuilding.scaling()
    say("rebuild scaling (writer processes)", scaling)
    incremental = rebuilding.incremental()
    say("incremental rebuild (1 % changed)", incremental)

    search = latencies(archive_search, args.repeat, mix)
    say("search (archive, Whoosh)", search)
    kept = latencies(functools.partial(archive_search, answers_kept=True), args.repeat, mix)
    say("search (archive, answers kept)", percentiles_only(kept))
    per_query = {bench.name: archive_search(bench).total for bench in mix}
    say("hits per query (archive)", per_query)

    tantivy = measure_ceiling(args, mix, search, rebuild_rate)

    peer_results: dict[str, Any] = {"haystack_whoosh": None, "postgres_fts": None}
    if "haystack" in args.skip:
        say("search (haystack + Whoosh)", "skipped (--skip haystack)")
    elif settings.HAYSTACK_AVAILABLE:
        # Slow (23 min at 10k): done once per corpus, and not one of the figures compared.
        if built or peers.haystack_count() != published.count():
            seconds = timed(peers.haystack_rebuild)
            rate = published.count() / seconds
            say("rebuild (haystack)", f"{seconds:.1f} s, {rate:.1f} exchanges/s")
        else:
            say("rebuild (haystack)", "reused: built for this corpus by an earlier run")
        figures = latencies(peers.haystack_search, args.repeat, mix)
        peer_results["haystack_whoosh"] = percentiles_only(figures, ("p50_ms", "p95_ms"))
        say("search (haystack + Whoosh)", figures)
    else:
        say("search (haystack + Whoosh)", "not installed: pip install -e '.[bench]'")
    if peers.postgres_available():
        seconds = timed(peers.postgres_rebuild)
        say("rebuild (PostgreSQL FTS)", f"{seconds:.1f} s")
        figures = latencies(peers.postgres_search, args.repeat, mix)
        peer_results["postgres_fts"] = percentiles_only(figures, ("p50_ms", "p95_ms"))
        say("search (PostgreSQL FTS)", figures)
    for name, figures in peer_results.items():
        if figures:
            say(
                f"archive speed-up vs {name}",
                {
                    key: round(figures[key] / max(search[key], 0.01), 1)
                    for key in ("p50_ms", "p95_ms")
                },
            )

    delay = round(save_to_searchable(), 4)
    say("save to searchable (worst of 5)", f"{delay} s")
    save = saving.figures()
    say("save through editing (worst of 5)", save)

    pages = pages_and_web(args, mix)
    reading, web_figures = pages["reading_view"], pages["web"]
    workers_mb = pages["workers_mb"]

    seconds = import_time()
    say(
        "import time per interview",
        f"{seconds} s" if seconds is not None else "null (interviews.services not there yet)",
    )

    # Paragraphs only: sentence-level exports take 15 minutes at 10k (--only export).
    if "export" not in args.skip:
        export_figures(levels=("paragraph",))

    report = {
        "profile": args.profile,
        "size": size,
        "search": percentiles_only(search),
        "search_answers_kept": percentiles_only(kept),
        "ceiling": tantivy,
        "growth": {
            "rebuild_s": round(rebuild_seconds, 1),
            "index_mb": index_mb,
            "worker_rss_mb": max(workers_mb, default=None),
        },
        "rebuild_scaling": scaling,
        "incremental_rebuild": incremental,
        "peers": peer_results,
        "rebuild_exchanges_per_s": float(rebuild_rate),
        "save_to_searchable_s": float(delay),
        "save": save,
        "reading_view": {"ms": float(reading["ms"]), "queries": reading["queries"]},
        "api": pages["api"],
        "web": web_figures,
    }
    write_report(args, report)


def _index_kept_or_rebuilt() -> None:
    """The index of this corpus: an earlier run's, brought up to date (only what differs is
    re-indexed, which the pages measured here do not depend on), else built whole."""
    started = time.perf_counter()
    call_command("rebuild_index", "--incremental", verbosity=0, stdout=io.StringIO())
    say("index (kept or rebuilt)", f"{time.perf_counter() - started:.1f} s")


def measure_ceiling(
    args: argparse.Namespace,
    mix: tuple[BenchQuery, ...],
    search: dict[str, Any],
    rebuild_rate: float,
) -> dict[str, Any] | None:
    """The same documents and queries in Tantivy, and how far the archive is from it."""
    if not ceiling.available():
        say("ceiling (Tantivy)", "not installed: pip install -e '.[bench]'")
        return None
    from search.indexing import all_documents

    exchanges = Exchange.objects.filter(interview__status=Interview.Status.PUBLISHED).count()
    threads = rebuilding.processes_given()
    started = time.perf_counter()
    with ceiling.built(all_documents(), Path(settings.SEARCH_INDEX_DIR).parent, threads) as index:
        seconds = time.perf_counter() - started
        rate = round(exchanges / seconds, 1)
        say("rebuild (Tantivy)", f"{seconds:.1f} s, {rate} exchanges/s, {threads} threads")
        index_mb = round(size_on_disk(index.path) / 1e6, 1)
        say("index size (Tantivy)", f"{index_mb} MB")
        figures = latencies(index.search, args.repeat, mix)
        say("search (Tantivy)", figures)
        say("hits per query (Tantivy)", {b.name: index.search(b)["total"] for b in mix})
    ratio = {key: round(search[key] / max(figures[key], 0.01), 1) for key in ("p50_ms", "p95_ms")}
    ratio["rebuild"] = round(rate / max(rebuild_rate, 0.1), 1)
    say("archive / Tantivy (× slower)", ratio)
    return {
        **percentiles_only(figures, ("p50_ms", "p95_ms")),
        "rebuild_exchanges_per_s": rate,
        "index_mb": index_mb,
        "archive_over_tantivy": ratio,
    }


def live_generation(path: Path) -> Path:
    """The directory of the index searches read: the generation CURRENT names (the one
    before it stays on disk a while, for searches that still read it)."""
    current = path / "CURRENT"
    return path / current.read_text().strip() if current.exists() else path


def size_on_disk(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


def write_report(args: argparse.Namespace, report: dict[str, Any]) -> None:
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        say("written", args.json)
