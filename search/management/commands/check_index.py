from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interviews.models import Exchange
from interviews.passages import key_owner
from search import engine, pending
from search.indexing import all_documents, indexable_interviews, interview_documents
from search.unavailable import diagnosed


@dataclass
class _Drift:
    documents: int  # how many the database gives
    missing: list[str]
    unexpected: list[str]
    stale: list[str]
    owners: dict[str, str]  # each missing or stale key: its interview's slug

    def __bool__(self) -> bool:
        return bool(self.missing or self.unexpected or self.stale)


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

    def _drift(self) -> _Drift:
        """What the index holds that the database does not give, and the reverse; each
        drifted key listed (the first 20 of each kind)."""
        expected, owners = {}, {}
        for document in all_documents():
            expected[document.key] = document.fingerprint
            owners[document.key] = document.interview
        indexed = engine.backend().keys()
        drift = _Drift(
            documents=len(expected),
            missing=sorted(expected.keys() - indexed.keys()),
            unexpected=sorted(indexed.keys() - expected.keys()),
            stale=sorted(
                key for key in expected.keys() & indexed.keys() if expected[key] != indexed[key]
            ),
            owners={key: owners[key] for key in expected.keys() - indexed.keys()},
        )
        drift.owners |= {key: owners[key] for key in drift.stale}
        for label, keys in (
            ("missing", drift.missing),
            ("unexpected", drift.unexpected),
            ("out of date", drift.stale),
        ):
            for key in keys[:20]:
                self.stdout.write(f"{label}: {key}")
        return drift

    def _repair(self, drift: _Drift) -> None:
        """One index write: the drifted interviews' documents made again from the database,
        and whatever the index holds of deleted interviews and exchanges removed."""
        slugs = set(drift.owners.values())
        uids = set()
        for key in drift.unexpected:
            slug, uid = key_owner(key)
            if slug:
                slugs.add(slug)
            if uid:
                uids.add(uid)
        # An exchange still in the database is re-indexed with its whole interview.
        slugs |= set(
            Exchange.objects.filter(uid__in=uids).values_list("interview__slug", flat=True)
        )
        interviews = list(indexable_interviews().filter(slug__in=slugs))
        engine.backend().replace_interviews(
            slugs,
            [document for interview in interviews for document in interview_documents(interview)],
            exchanges=uids,
        )
        self.stdout.write(
            f"repaired: {len(slugs)} interviews re-indexed ({', '.join(sorted(slugs)[:20])}), "
            f"the documents of {len(uids)} exchanges replaced"
        )
