"""A rebuild's rows made and copied by several processes at once.

Making a document's row and vectors is Python (``rows``, ``vectors``): one process keeps
one processor busy while the database waits. Here the work is handed out in parts to one
worker process per usable processor, each copying its parts into the new generation's
tables over a connection of its own; the indexes are then built side by side, while this
process adds the words prefixes and did-you-mean read (``writing.add_words``), and this
process attaches the tables (``writing.finish``). A part is a slice of the archive that
the worker reads from the database itself (``SlicedDocuments``), or, for documents given
only as an iterable, a batch this process read and pickled. The tables are made first, in
a transaction of their own, so that the workers' connections see them: a rebuild that
fails drops them (``PostgresBackend.rebuild``), one that is killed leaves them to the next
rebuild (``writing.drop_replaced``).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import django
from django.db import connections

from ...documents import SearchDocument
from . import loading, writing
from .database import Cursor
from .rows import Rows, Seen

_worker: dict[str, Any] = {}  # in a worker process: its loader and cursor
Settings = dict[str, dict[str, Any]]  # each database alias's ``settings_dict``


def fill(
    database: str,
    generation: int,
    parts: Iterable[Iterable[SearchDocument]],
    *,
    processes: int,
    progress: Callable[[int], None] | None,
) -> int:
    """``loading.fill``, each of ``parts`` (picklable: lists of documents, or slices that
    read theirs) loaded by one of ``processes`` workers, into database ``database``. The
    workers connect as this process does to every database; keys repeated in two parts
    fail the rebuild as its unique index is built."""
    with Cursor(database) as cursor:
        writing.create(cursor, generation)
    words, count = Rows(generation), 0
    chosen: list[dict[str, frozenset[str]]] = []  # each worker's common words
    pending: deque[Future[Loaded]] = deque()
    settings: Settings = {alias: connections[alias].settings_dict for alias in connections}
    with ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("spawn"),  # no connection shared by a fork
        initializer=django.setup,  # before anything of the archive is unpickled
    ) as pool:
        try:
            for part in parts:
                pending.append(pool.submit(_load, database, settings, generation, part))
                # A few batches ahead of the workers, not the whole archive in memory.
                while len(pending) > 2 * processes:
                    count = _done(pending.popleft(), words, chosen, progress, count)
            while pending:
                count = _done(pending.popleft(), words, chosen, progress, count)
            # The words common for every worker; before the indexes, which count once
            # (the rows of the others go once indexed: ``writing.drop_stray``).
            with Cursor(database) as cursor:
                stray = writing.keep_common(cursor, generation, chosen)
            # The indexes too, side by side (a GIN index is built by one process),
            # while this process adds the words prefixes and did-you-mean read.
            building = [
                pool.submit(_index, database, settings, statement)
                for statement in writing.indexing(generation)
            ]
            with Cursor(database) as cursor:
                writing.add_words(cursor, words, rebuilding=True)
            for built in building:
                built.result()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    with Cursor(database) as cursor:
        writing.drop_stray(cursor, generation, stray)
        writing.finish(cursor, generation, None, indexed=True)
    return count


# What a worker's part gave: how many documents, the words first seen, and the common
# words the worker chose (None before it loaded any).
Loaded = tuple[int, Seen, dict[str, frozenset[str]] | None]


def _done(
    future: Future[Loaded],
    words: Rows,
    chosen: list[dict[str, frozenset[str]]],
    progress: Callable[[int], None] | None,
    count: int,
) -> int:
    loaded, seen, common_words = future.result()
    words.saw(seen)
    if common_words is not None and common_words not in chosen:
        chosen.append(common_words)
    return loading.counted(progress, count, loaded)


def _cursor(database: str, settings: Settings) -> Any:
    """In a worker: its cursor on the rebuilding process's database, in autocommit (each
    statement commits), connected at its first task, as the rebuilding process connects
    to every database (a test's, say, rather than those the settings name)."""
    if "cursor" not in _worker:
        # The worker makes many small lists and dicts, most kept a part long: what was
        # made before is left out of the collector's passes, and the collector runs
        # once a part (``_load``) rather than every few thousand objects made.
        gc.freeze()
        gc.disable()
        for alias, settings_dict in settings.items():
            connections[alias].settings_dict = settings_dict
        _worker["cursor"] = connections[database].cursor()
    return _worker["cursor"]


def _load(
    database: str, settings: Settings, generation: int, part: Iterable[SearchDocument]
) -> Loaded:
    """In a worker: one part read and copied; how many documents, the words first seen
    in it, and the worker's common words."""
    cursor = _cursor(database, settings)
    loader: loading.Loader = _worker.setdefault("loader", loading.Loader(generation))
    count = 0
    # Whole batches are read before each COPY: a slice is read over the same connection.
    for batch in loading.batches(part):
        loader.load(cursor, batch)
        count += len(batch)
    # The part's cycles freed; what outlives it (the words and lexemes seen) is not
    # looked at again.
    gc.collect(0)
    return count, loader.rows.seen(), loader.tally.words


def _index(database: str, settings: Settings, statement: str) -> None:
    """In a worker: one index of the new generation built."""
    cursor = _cursor(database, settings)
    cursor.execute("SELECT set_config('maintenance_work_mem', %s, false)", [writing.BUILD_MEMORY])
    # The builds already share the processors, one per worker: a btree build's own
    # parallel workers would only add processes contending for them.
    cursor.execute("SELECT set_config('max_parallel_maintenance_workers', '0', false)")
    cursor.execute(statement)
