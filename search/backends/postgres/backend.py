"""PostgreSQL full-text search behind the ``SearchBackend`` interface: the index is tables
of the archive's own database, so every app server sharing the database shares it, and an
edit's index write commits or rolls back with the edit.

The tables are made by ``search/migrations/0002`` to ``0007``; vectors and queries are
made of the archive's own terms, as the Whoosh backend's (``vectors``). Each rebuild
fills a new *generation* of ``search_document`` and ``search_body`` aside (``loading``,
``writing``; a large one by several processes: ``parallel``), then makes it the one searched
(``search_state``) in one transaction; writes made meanwhile go to the searched
generation and to ``search_journal``, replayed onto the new one as it is swapped in.
Queries are answered by ``querying`` (a word in many passages counted from a rebuild's
counts per interview: ``common``) and ``suggesting``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from itertools import chain, islice
from typing import Any

from django.db import OperationalError, connections
from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES
from ...documents import FACETS, SearchDocument, SearchQuery, SearchResults, SlicedDocuments
from ...models import IndexedDocument
from ...syntax import every_word_required, has_prefix, parse
from ..base import IndexUnavailable, SearchBackend, usable_processors
from . import common, loading, parallel, querying, writing
from .database import LOCK_NOT_AVAILABLE, QUERY_CANCELED, Cursor, failed_with, local_setting
from .suggesting import suggest

logger = logging.getLogger(__name__)


class PostgresBackend(SearchBackend):
    """The index in the tables of database ``database`` (a ``DATABASES`` alias).

    ``path`` is accepted for the interface's sake and unused: nothing is kept on disk.
    """

    indexes_in_transaction = True
    # A rebuild of more documents than this is made by several processes, in batches.
    parallel_from = 2 * loading.BATCH
    rebuild_batch = loading.BATCH

    def __init__(
        self, path: object = None, *, create: bool = True, database: str = "default"
    ) -> None:
        self.database = database
        self.create = create

    # Writing

    def _write(
        self, slugs: list[str], exchanges: list[str], documents: list[SearchDocument]
    ) -> None:
        with self._cursor() as cursor:
            current, building = self._state(cursor, lock="FOR SHARE")
            writing.apply(cursor, current, slugs=slugs, exchanges=exchanges, documents=documents)
            if building is not None:
                journaled = {
                    "slugs": slugs,
                    "exchanges": exchanges,
                    "documents": [document.to_dict() for document in documents],
                }
                cursor.execute(
                    "INSERT INTO search_journal (generation, write) VALUES (%s, %s::jsonb)",
                    [building, json.dumps(journaled)],
                )

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Fills a new generation in one transaction (a failure leaves nothing of it), then
        swaps it in with the writes made meanwhile in another, then drops the old one."""
        with self._cursor() as cursor:
            cursor.execute("SELECT nextval('search_generation')")
            generation = cursor.fetchone()[0]
            self._state(cursor, lock="FOR UPDATE", creating=True)
            cursor.execute("DELETE FROM search_journal")
            cursor.execute("UPDATE search_state SET building = %s", [generation])
        try:
            count = self._fill(generation, documents, progress)
        except BaseException:
            with self._cursor() as cursor:
                cursor.execute(
                    "UPDATE search_state SET building = NULL WHERE building = %s", [generation]
                )
                cursor.execute("DELETE FROM search_journal WHERE generation = %s", [generation])
                writing.drop(cursor, generation)
            raise
        with self._cursor() as cursor:
            self._state(cursor, lock="FOR UPDATE", creating=True)
            cursor.execute(
                "SELECT write FROM search_journal WHERE generation = %s ORDER BY id", [generation]
            )
            for (write,) in cursor.fetchall():
                data = json.loads(write) if isinstance(write, str) else write
                writing.apply(
                    cursor,
                    generation,
                    slugs=data["slugs"],
                    exchanges=data["exchanges"],
                    documents=[SearchDocument.from_dict(d) for d in data["documents"]],
                )
            cursor.execute("UPDATE search_state SET current = %s, building = NULL", [generation])
            cursor.execute("DELETE FROM search_journal")
        self._drop_replaced()
        return count

    def _fill(
        self,
        generation: int,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None,
    ) -> int:
        """The new generation, filled by this process, or by one worker process per usable
        processor (``parallel``) when it is not made inside a transaction (whose tables
        the workers could not see) and it has several slices (``SlicedDocuments``, each
        worker reading its own) or more than ``parallel_from`` documents (read here and
        handed out in batches)."""
        processes = usable_processors()
        if processes < 2 or connections[self.database].in_atomic_block:
            return self._fill_here(generation, documents, progress)
        parts: Iterable[Iterable[SearchDocument]]
        if isinstance(documents, SlicedDocuments):
            parts = documents.slices()
            if len(parts) < 2:
                return self._fill_here(generation, documents, progress)
        else:
            documents = iter(documents)
            first = list(islice(documents, self.parallel_from + 1))
            if len(first) <= self.parallel_from:
                return self._fill_here(generation, first, progress)
            parts = loading.batches(chain(first, documents), self.rebuild_batch)
        return parallel.fill(
            self.database, generation, parts, processes=processes, progress=progress
        )

    def _fill_here(
        self,
        generation: int,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None,
    ) -> int:
        with self._cursor() as cursor:
            return loading.fill(cursor, generation, documents, progress)

    def _drop_replaced(self) -> None:
        try:
            with self._cursor() as cursor:
                writing.drop_replaced(cursor, *self._state(cursor))
        except OperationalError as error:
            if not failed_with(error, LOCK_NOT_AVAILABLE):
                raise
            logger.warning("replaced search index generations left for the next rebuild: %s", error)

    # Reading

    def keys(self) -> dict[str, str]:
        with self._cursor() as cursor:
            current, _ = self._state(cursor)
        indexed = IndexedDocument.objects.using(self.database).filter(generation=current)
        return dict(indexed.values_list("key", "fingerprint"))

    def close(self) -> None:
        return None  # the database connection is Django's

    def _search(self, request: SearchQuery) -> SearchResults:
        started = time.monotonic()
        node = parse(request.text).node
        langs = (request.lang,) if request.lang else LANGUAGES
        empty = SearchResults(
            hits=[],
            total=0,
            page=request.page,
            per_page=request.per_page,
            facets={name: {} for name in FACETS},
            partial=True,
        )
        limit = request.time_limit
        if limit is not None and time.monotonic() - started >= limit:
            return empty
        try:
            with self._cursor() as cursor:
                if limit is not None:
                    remaining = limit - (time.monotonic() - started)
                    local_setting(cursor, "statement_timeout", str(max(1, int(remaining * 1000))))
                # Compiling a plan costs more than any search gains from it.
                local_setting(cursor, "jit", "off")
                # The index is read from memory: a match found through the GIN index
                # costs less than reading every row and testing it.
                local_setting(cursor, "random_page_cost", "1.1")
                if has_prefix(node):
                    # A prefix is an OR of the lexemes of up to MAX_PREFIX_WORDS words,
                    # whose matches the planner takes for the sum of theirs: it would
                    # test the OR on every row rather than read the GIN index.
                    local_setting(cursor, "enable_seqscan", "off")
                current, _ = self._state(cursor)
                queries, single, conditions = querying.tsqueries(cursor, current, node, langs)
                counted = common.common_language(cursor, current, single)
                rows = querying.matches(
                    cursor, current, request, queries, counted, conditions=conditions
                )
                matched = any(kind == "total" and count for kind, _, count, *_ in rows)
                # Asking whether each word is known reads every passage that holds it.
                suggestion = (
                    None
                    if matched and every_word_required(node)
                    else suggest(cursor, current, request.text)
                )
        except OperationalError as error:
            if failed_with(error, QUERY_CANCELED):
                return empty
            raise
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        total, found = 0, []
        for kind, value, count, document, *scores in rows:
            if kind == "hit":
                found.append((count, document, dict(zip(LANGUAGES, scores, strict=True))))
            elif kind == "total":
                total = int(count or 0)
            elif count:
                counts[kind][value] = int(count)
        if len(langs) == 1 and total:
            counts["lang"] = {langs[0]: total}
        return SearchResults(
            hits=querying.hits(node, langs, [hit[1:] for hit in sorted(found, key=_place)]),
            total=total,
            page=request.page,
            per_page=request.per_page,
            facets=counts,
            suggestion=suggestion,
        )

    # The database

    def _cursor(self) -> Cursor:
        return Cursor(self.database)

    def _state(
        self, cursor: CursorWrapper, lock: str = "", *, creating: bool = False
    ) -> tuple[int, int | None]:
        """The generation searched and the one a rebuild is filling (or None); a missing
        index is made when the backend may create it, or when ``creating``."""
        cursor.execute("SELECT current FROM search_state")
        if cursor.fetchone()[0] is None:
            if not (self.create or creating):
                raise IndexUnavailable(IndexUnavailable.MISSING, self._location(), "never built")
            # Before any lock on the row: two writers holding it shared could not update it.
            cursor.execute(
                "UPDATE search_state SET current = nextval('search_generation') "
                "WHERE current IS NULL"
            )
        cursor.execute(f"SELECT current, building FROM search_state {lock}")
        current, building = cursor.fetchone()
        return current, building

    def _location(self) -> str:
        name = connections[self.database].settings_dict.get("NAME")
        return f"the PostgreSQL database {name!r} (tables search_*)"


def _place(hit: tuple[Any, ...]) -> int:
    return int(hit[0])
