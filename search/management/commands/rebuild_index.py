from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from search import engine, pending
from search.documents import SearchDocument
from search.indexing import all_documents, indexable_interviews
from search.unavailable import diagnosed


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database, aside, then swap it in atomically: "
        "search keeps answering meanwhile. Makes the index where there is none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--noinput", "--no-input", action="store_true", help="Ignored.")

    def handle(self, *args: str, **options: Any) -> None:
        redone = pending.waiting()  # the database read below holds their work
        interviews = indexable_interviews().count()
        with tqdm(total=interviews, unit="interview", disable=options["verbosity"] == 0) as bar:
            seen: set[str] = set()

            def progress(document: SearchDocument) -> None:
                if document.interview not in seen:
                    seen.add(document.interview)
                    bar.update(1)

            with diagnosed():
                count = engine.backend().rebuild(_tracked(all_documents(), progress))
        pending.done(redone)
        self.stdout.write(f"Indexed {count} documents from {interviews} published interviews.")


def _tracked(
    documents: Iterable[SearchDocument], progress: Callable[[SearchDocument], None]
) -> Iterator[SearchDocument]:
    for document in documents:
        progress(document)
        yield document
