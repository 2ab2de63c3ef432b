from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from search import engine, pending
from search.backends.base import IndexUnavailable
from search.drift import find_drift, repair_drift
from search.indexing import ArchiveDocuments, indexable_interviews
from search.unavailable import diagnosed

# Past this share of the documents drifted, ``--incremental`` rebuilds the whole index
# (aside, swapped in at once): re-indexing most interviews one batch at a time in the
# live index would cost more, and leave it half old, half new, meanwhile.
MOST = 0.5


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database, aside, then swap it in atomically: "
        "search keeps answering meanwhile. Makes the index where there is none. A rebuild "
        "that was killed is resumed where it stopped. With --incremental, only the "
        "interviews whose documents changed are re-indexed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Ignored.")
        parser.add_argument(
            "--incremental",
            action="store_true",
            help="re-index only the interviews whose documents differ from the index's "
            "(a full rebuild when there is no index, one of an older layout, or when "
            "most of it changed)",
        )

    def handle(self, *args: str, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        redone = pending.waiting()  # the database read below holds their work
        interviews = indexable_interviews().count()
        with diagnosed():
            if not (options["incremental"] and self._incremental(quiet)):
                self._rebuild(interviews, quiet)
        pending.done(redone)

    def _incremental(self, quiet: bool) -> bool:
        """Re-index what drifted; False when a full rebuild is called for instead."""
        try:
            found = find_drift()
        except IndexUnavailable as error:
            if error.reason != IndexUnavailable.MISSING:
                raise
            return False  # never built: built whole
        drifted = len(found.missing) + len(found.stale) + len(found.unexpected)
        if drifted > MOST * max(found.documents, 1):
            return False
        slugs = found.interviews()
        with tqdm(total=len(slugs), unit="interview", disable=quiet) as bar:
            interviews, exchanges = repair_drift(
                found, progress=lambda done: bar.update(done - bar.n)
            )
        self.stdout.write(
            f"Re-indexed {interviews} changed interviews ({drifted} of {found.documents} "
            f"documents differed); {exchanges} deleted exchanges removed."
        )
        return True

    def _rebuild(self, interviews: int, quiet: bool) -> None:
        # Counted in documents: a backend may read the interviews in other processes.
        with tqdm(unit=" documents", disable=quiet) as bar:

            def progress(done: int) -> None:
                bar.update(done - bar.n)

            count = engine.backend().rebuild(ArchiveDocuments(), progress=progress)
        self.stdout.write(f"Indexed {count} documents from {interviews} published interviews.")
