from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search import pending
from search.drift import Drift, find_drift, repair_drift
from search.unavailable import diagnosed


class Command(BaseCommand):
    help = (
        "Compare the index with the database; exit non-zero when they drift apart. "
        "With --repair, redo pending index work and re-index the interviews that drifted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repair",
            action="store_true",
            help="re-index exactly what drifted (not a rebuild), then check again",
        )

    def handle(self, *args: str, **options: Any) -> None:
        with diagnosed():
            self._check(repair=options["repair"])

    def _check(self, *, repair: bool) -> None:
        if repair:
            if replayed := pending.replay():
                self.stdout.write(f"replayed {replayed} pending index updates")
            if drift := self._drift():
                self._repair(drift)
        drift = self._drift()
        if waiting := pending.pending():
            self.stdout.write(f"{waiting} index updates waiting to be replayed")
        if drift:
            raise CommandError(
                f"index drift: {len(drift.missing)} missing, {len(drift.unexpected)} "
                f"unexpected, {len(drift.stale)} out of date "
                "(run check_index --repair, or rebuild_index)"
            )
        self.stdout.write(f"Index in sync: {drift.documents} documents.")

    def _drift(self) -> Drift:
        """What the index holds that the database does not give, and the reverse; each
        drifted key listed (the first 20 of each kind)."""
        found = find_drift()
        for label, keys in (
            ("missing", found.missing),
            ("unexpected", found.unexpected),
            ("out of date", found.stale),
        ):
            for key in keys[:20]:
                self.stdout.write(f"{label}: {key}")
        return found

    def _repair(self, found: Drift) -> None:
        """The drifted interviews' documents made again from the database, and whatever
        the index holds of deleted interviews and exchanges removed."""
        slugs = sorted(found.interviews())
        interviews, exchanges = repair_drift(found)
        self.stdout.write(
            f"repaired: {interviews} interviews re-indexed ({', '.join(slugs[:20])}), "
            f"the documents of {exchanges} exchanges replaced"
        )
