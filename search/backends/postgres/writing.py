"""Writing the index: a write on one generation, and a whole generation built aside.

A generation's documents are the partition ``search_document_g<generation>`` of
``search_document`` (migration 0003), or rows of ``search_document_default`` for a
generation never rebuilt. A rebuild fills its new generation's table with ``COPY``, with
no index to keep up to date, builds the indexes once, and attaches the table; once that
generation is the one searched, the tables of the others are dropped whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.backends.utils import CursorWrapper

from ...documents import SearchDocument
from .database import local_setting
from .rows import COLUMNS, Rows

BATCH = 2000  # documents per COPY when rebuilding
_INSERT = (
    f"INSERT INTO search_document ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(COLUMNS))}) "
    "ON CONFLICT (generation, key) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS[2:])
)
_INSERT_WORDS = (
    "INSERT INTO search_word (lang, folded, word) "
    "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]) ON CONFLICT DO NOTHING"
)
_KEY, _FINGERPRINT = COLUMNS.index("key"), COLUMNS.index("fingerprint")
# What a generation's table is indexed by: the indexes of ``search_document``, which
# its own take the place of when it is attached.
_INDEXES = (
    "UNIQUE INDEX ON {table} (generation, key)",
    "INDEX ON {table} (interview)",
    "INDEX ON {table} (exchange_uid)",
    "INDEX ON {table} USING gin (vector_fr)",
    "INDEX ON {table} USING gin (vector_en)",
)
_IN_ROW = (
    "key",
    "interview",
    "exchange_uid",
    "outlet",
    "persons",
    "topics",
    "fingerprint",
    "vector_fr",
    "vector_en",
)
# Enough for the GIN indexes of a large archive to be built in memory.
BUILD_MEMORY = "512MB"
# How long dropping a replaced generation may wait for the searches reading the
# index to finish (they wait behind it meanwhile); past it, the next rebuild drops it.
DROP_WAIT = "2s"


def apply(
    cursor: CursorWrapper,
    generation: int,
    *,
    slugs: list[str],
    exchanges: list[str],
    documents: list[SearchDocument],
) -> None:
    """One write on one generation: the interviews' and exchanges' documents go, then
    ``documents`` are added or replace those with their keys. A write the generation
    already holds (the same documents, the same fingerprints: an edit indexed in its
    transaction, then again after its commit) changes nothing."""
    rows = Rows(generation)
    made = rows.rows(documents)
    if slugs or exchanges:
        scope = "generation = %s AND (interview = ANY(%s) OR exchange_uid = ANY(%s))"
        cursor.execute(
            f"SELECT key, fingerprint FROM search_document WHERE {scope}",
            [generation, slugs, exchanges],
        )
        if dict(cursor.fetchall()) == {row[_KEY]: row[_FINGERPRINT] for row in made}:
            return
        cursor.execute(f"DELETE FROM search_document WHERE {scope}", [generation, slugs, exchanges])
    if made:
        cursor.executemany(_INSERT, made)
        add_words(cursor, rows)


def add_words(cursor: CursorWrapper, rows: Rows) -> None:
    languages, folded, shown = rows.vocabulary()
    if languages:
        cursor.execute(_INSERT_WORDS, [languages, folded, shown])


def table(generation: int) -> str:
    return f"search_document_g{int(generation)}"


def fill(
    cursor: CursorWrapper,
    generation: int,
    documents: Iterable[SearchDocument],
    progress: Callable[[int], None] | None,
) -> int:
    """Generation ``generation`` made of ``documents``, in its own table, indexed and
    attached to ``search_document``; how many documents it holds."""
    name = table(generation)
    cursor.execute(
        f"CREATE TABLE {name} (LIKE search_document INCLUDING DEFAULTS INCLUDING GENERATED, "
        # Attaching the table then needs no scan to check that it belongs.
        f"CHECK (generation = {int(generation)}))"
    )
    # What a search reads of every match (its vectors, facets and keys) stays in the row,
    # never fetched from TOAST; the document, read for a page's hits only, goes out of line.
    cursor.execute(
        f"ALTER TABLE {name} SET (toast_tuple_target = 128), "
        + ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in _IN_ROW)
        + ", ALTER COLUMN document SET STORAGE EXTERNAL"
    )
    rows = Rows(generation)
    seen: set[str] = set()
    batch: list[SearchDocument] = []

    def load() -> None:
        # Between two batches, not inside the COPY: reading ``documents`` may need the
        # connection (the archive's are read from the database as they come).
        with cursor.copy(f"COPY {name} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for document in batch:
                copy.write_row(rows.row(document))
        if progress:
            for count in range(len(seen) - len(batch) + 1, len(seen) + 1):
                progress(count)
        batch.clear()

    for document in documents:
        if document.key in seen:
            raise ValueError(f"Two documents have the key {document.key!r}")
        seen.add(document.key)
        batch.append(document)
        if len(batch) == BATCH:
            load()
    load()
    local_setting(cursor, "maintenance_work_mem", BUILD_MEMORY)
    for index in _INDEXES:
        cursor.execute("CREATE " + index.format(table=name))
    cursor.execute(f"ANALYZE {name}")
    add_words(cursor, rows)
    cursor.execute(
        f"ALTER TABLE search_document ATTACH PARTITION {name} FOR VALUES IN ({int(generation)})"
    )
    return len(seen)


def drop_replaced(cursor: CursorWrapper, current: int, building: int | None) -> None:
    """Drop every generation but the one searched and the one being built: their tables
    (attached, or left by a rebuild that crashed) and their rows in the default
    partition. Raises ``OperationalError`` (``LOCK_NOT_AVAILABLE``) when searches hold
    the index longer than ``DROP_WAIT``: the next rebuild drops them then."""
    kept = {current, building} - {None}
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'r' "
        "AND relname ~ '^search_document_g[0-9]+$' "
        "AND relnamespace = current_schema()::regnamespace"
    )
    names = [name for (name,) in cursor.fetchall() if int(name.rpartition("g")[2]) not in kept]
    local_setting(cursor, "lock_timeout", DROP_WAIT)
    for name in names:
        cursor.execute(f"DROP TABLE {name}")
    cursor.execute(
        "DELETE FROM search_document_default WHERE generation <> ALL(%s)", [sorted(kept)]
    )
