"""``python -m benchmarks --size N [--profile realistic|recombined] [--json FILE]
[--only export|save|batch|web|backends] [--backend whoosh|postgres]``.

Uses the database of ``DATABASE_URL`` (created if it is a missing PostgreSQL database),
else ``var/bench.sqlite3`` (``var/bench-realistic.sqlite3`` for the realistic corpus); the
index in ``SEARCH_INDEX_DIR``, else ``var/bench-index`` (``var/bench-index-realistic``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
from pathlib import Path

VAR_DIR = Path(__file__).resolve().parent.parent / "var"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--size", type=int, default=1000, help="interviews (default 1000)")
    parser.add_argument("--seed", type=int, default=2024, help="corpus seed (default 2024)")
    parser.add_argument(
        "--profile",
        choices=["recombined", "realistic"],
        default="recombined",
        help="corpus: real sentences recombined (default), or words drawn with the "
        "frequencies of real French and English (needs the bench extra)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write figures here")
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed runs of each query (default 30)"
    )
    parser.add_argument(
        "--web-seconds", type=float, default=10, help="wrk run per page (default 10)"
    )
    parser.add_argument(
        "--skip",
        action="append",
        choices=["haystack", "export"],
        default=[],
        help="leave out this slow measurement (haystack's first build takes 21 min at 10k)",
    )
    parser.add_argument(
        "--only",
        choices=["export", "save", "batch", "web", "backends"],
        help="build the corpus, then run only this measurement (its figures in --json); "
        "batch needs no corpus: it imports a ZIP of 200 interviews, 10 of them bad",
    )
    parser.add_argument(
        "--backend",
        action="append",
        choices=["whoosh", "postgres"],
        help="with --only backends: measure this backend (repeatable, measured in the order "
        "given; default both, side by side)",
    )
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")
    return args


def use_profile_defaults(profile: str) -> None:
    """The database and index of ``profile``'s corpus, unless the environment names
    others: each profile keeps its own, so that a later run reuses them."""
    suffix = "" if profile == "recombined" else "-realistic"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR_DIR / f'bench{suffix}.sqlite3'}")
    os.environ.setdefault("SEARCH_INDEX_DIR", str(VAR_DIR / f"bench-index{suffix}"))


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    VAR_DIR.mkdir(exist_ok=True)
    use_profile_defaults(args.profile)
    # One haystack index per database and profile: it is kept between runs on one corpus.
    database = hashlib.sha1(os.environ["DATABASE_URL"].encode()).hexdigest()[:8]
    haystack = f"bench-haystack-{database}" + ("" if args.profile == "recombined" else "-r")
    os.environ.setdefault("BENCH_HAYSTACK_DIR", str(VAR_DIR / haystack))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"

    from .database import create_database

    create_database(os.environ["DATABASE_URL"])

    import django

    django.setup()

    from .runner import run

    run(args)


if __name__ == "__main__":
    main()
