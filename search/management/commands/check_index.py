from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from search import engine
from search.indexing import all_documents
from search.unavailable import diagnosed


class Command(BaseCommand):
    help = "Compare the index with the database; exit non-zero when they drift apart."

    def handle(self, *args: str, **options: Any) -> None:
        expected = {document.key: document.fingerprint for document in all_documents()}
        with diagnosed():
            indexed = engine.backend().keys()
        missing = sorted(expected.keys() - indexed.keys())
        extra = sorted(indexed.keys() - expected.keys())
        stale = sorted(
            key for key in expected.keys() & indexed.keys() if expected[key] != indexed[key]
        )
        for label, keys in (("missing", missing), ("unexpected", extra), ("out of date", stale)):
            for key in keys[:20]:
                self.stdout.write(f"{label}: {key}")
        if missing or extra or stale:
            raise CommandError(
                f"index drift: {len(missing)} missing, {len(extra)} unexpected, "
                f"{len(stale)} out of date (run rebuild_index)"
            )
        self.stdout.write(f"Index in sync: {len(expected)} documents.")
