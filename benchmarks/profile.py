"""The profiles RESULTS.md quotes: ``python -m benchmarks.profile rebuild|search|page|api
[N]``.

Runs against the corpus a ``python -m benchmarks`` run left in the benchmarks' database
(same environment variables); ``rebuild`` indexes the first N interviews (default 200)
into a scratch index, ``search`` runs query number N of the mix (default 1) five times;
``page`` and ``api`` request the search page (``/fr/search/``) or the API's search for
every query of the mix (``BENCH_PROFILE``'s: recombined, or realistic), five times each,
through Django's test client.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import tempfile
import time

from .__main__ import VAR_DIR, use_profile_defaults


def main() -> None:
    what, number = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None
    use_profile_defaults(os.environ.get("BENCH_PROFILE", "recombined"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django

    django.setup()
    profiler = cProfile.Profile()
    if what == "rebuild":
        from search.backends.whoosh import WhooshBackend
        from search.indexing import all_documents, indexable_interviews

        documents = list(all_documents(indexable_interviews()[: number or 200]))
        with tempfile.TemporaryDirectory() as scratch:
            # In this process: the profiler does not see the rebuild's writer processes.
            backend = WhooshBackend(scratch, rebuild_processes=1)
            start = time.perf_counter()
            profiler.runcall(backend.rebuild, documents)
            seconds = time.perf_counter() - start
        print(f"{len(documents)} documents in {seconds:.1f} s (profiled)")
    elif what in ("page", "api"):
        from urllib.parse import urlencode

        from django.test import Client

        from interviews.models import Interview

        from .query_mix import for_profile

        # The realistic mix is read off the corpus (minutes at 10k): kept per corpus.
        profile, size = os.environ.get("BENCH_PROFILE", "recombined"), Interview.objects.count()
        kept = VAR_DIR / f"profile-queries-{profile}-{size}.json"
        VAR_DIR.mkdir(exist_ok=True)
        if not kept.exists():
            mix = for_profile(profile, size, 2024)
            kept.write_text(json.dumps([bench.params() for bench in mix]))
        base = "/fr/search/?" if what == "page" else "/api/v1/search/?"
        paths = [base + urlencode(params) for params in json.loads(kept.read_text())]
        client = Client()
        for path in paths:
            assert client.get(path).status_code == 200, path
        start = time.perf_counter()
        for _ in range(5):
            for path in paths:
                profiler.runcall(client.get, path)
        seconds = time.perf_counter() - start
        per_page = seconds / len(paths) / 5 * 1000
        print(f"{len(paths)} queries x 5: {per_page:.1f} ms a page (profiled)")
    else:
        from .queries import QUERY_MIX
        from .runner import archive_search

        bench = QUERY_MIX[number or 1]
        archive_search(bench)
        for _ in range(5):
            profiler.runcall(archive_search, bench)
        print(f"{bench.name}: {bench.text}")
    pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(30)


if __name__ == "__main__":
    main()
