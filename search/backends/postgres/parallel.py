"""A rebuild's rows made and copied by several processes at once.

Making a document's row and vectors is Python (``rows``, ``vectors``): one process keeps
one processor busy while the database waits. Here this process reads the documents and
hands them out in batches to one worker process per usable processor, each copying its
batches into the new generation's tables over a connection of its own; this process then
indexes and attaches them (``writing.finish``). The tables are made first, in a
transaction of their own, so that the workers' connections see them: a rebuild that fails
drops them (``PostgresBackend.rebuild``), one that is killed leaves them to the next
rebuild (``writing.drop_replaced``).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import django
from django.db import connections

from ...documents import SearchDocument
from . import writing
from .database import Cursor
from .rows import Rows

_worker: dict[str, Any] = {}  # in a worker process: its loader and cursor


def fill(
    database: str,
    settings: dict[str, Any],
    generation: int,
    documents: Iterable[SearchDocument],
    *,
    processes: int,
    batch: int,
    progress: Callable[[int], None] | None,
) -> int:
    """``writing.fill``, the batches of ``documents`` loaded by ``processes`` workers
    connecting with ``settings`` (database ``database``'s)."""
    with Cursor(database) as cursor:
        writing.create(cursor, generation)
    words, count = Rows(generation), 0
    pending: deque[Future[tuple[int, dict[str, list[str]]]]] = deque()
    with ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("spawn"),  # no connection shared by a fork
        initializer=django.setup,  # before anything of the archive is unpickled
    ) as pool:
        try:
            for documents_batch in writing.batches(documents, batch):
                pending.append(pool.submit(_load, database, settings, generation, documents_batch))
                # A few batches ahead of the workers, not the whole archive in memory.
                while len(pending) > 2 * processes:
                    count = _done(pending.popleft(), words, progress, count)
            while pending:
                count = _done(pending.popleft(), words, progress, count)
            # The indexes too, side by side (a GIN index is built by one process).
            for built in [
                pool.submit(_index, database, settings, statement)
                for statement in writing.indexing(generation)
            ]:
                built.result()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    with Cursor(database) as cursor:
        writing.finish(cursor, generation, words, indexed=True)
    return count


def _done(
    future: Future[tuple[int, dict[str, list[str]]]],
    words: Rows,
    progress: Callable[[int], None] | None,
    count: int,
) -> int:
    loaded, seen = future.result()
    words.saw(seen)
    return writing.counted(progress, count, loaded)


def _cursor(database: str, settings: dict[str, Any]) -> Any:
    """In a worker: its cursor on the rebuilding process's database, in autocommit (each
    statement commits), connected at its first task."""
    if "cursor" not in _worker:
        connection = connections[database]
        connection.settings_dict = settings
        _worker["cursor"] = connection.cursor()
    return _worker["cursor"]


def _load(
    database: str, settings: dict[str, Any], generation: int, batch: list[SearchDocument]
) -> tuple[int, dict[str, list[str]]]:
    """In a worker: one batch copied; how many documents, and the words first seen in it."""
    cursor = _cursor(database, settings)
    loader: writing.Loader = _worker.setdefault("loader", writing.Loader(generation))
    loader.load(cursor, batch)
    return len(batch), loader.rows.seen()


def _index(database: str, settings: dict[str, Any], statement: str) -> None:
    """In a worker: one index of the new generation built."""
    cursor = _cursor(database, settings)
    cursor.execute("SELECT set_config('maintenance_work_mem', %s, false)", [writing.BUILD_MEMORY])
    cursor.execute(statement)
