"""Writing the index: a write on one generation, and a whole generation built aside.

A generation's documents are the partition ``search_document_g<generation>`` of
``search_document`` (migration 0003), their stored JSON that of ``search_body``
(migration 0004), the counts of its common words and its interviews those of
``search_common`` and ``search_interview`` (migration 0007: ``common``), or rows of the
``_default`` partitions for a generation never rebuilt.
Each document's ``tsvector``s are made in Python (``vectors``). A rebuild fills its new
generation's tables with ``COPY``, with no index to keep up to date, builds the indexes
once, and attaches the tables; once that generation is the one searched, the tables of
the others are dropped whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES
from ...documents import SearchDocument
from . import common
from .database import local_setting
from .rows import BODY, COLUMNS, VECTORS, Row, Rows
from .vectors import Placed, place

BATCH = 2000  # documents per COPY when rebuilding


_INSERT = (
    f"INSERT INTO search_document ({', '.join(COLUMNS + VECTORS)}) "
    f"VALUES ({', '.join(['%s'] * len(COLUMNS) + ['%s::tsvector'] * len(VECTORS))}) "
    "ON CONFLICT (generation, key) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in (COLUMNS + VECTORS)[2:])
)
_INSERT_BODY = (
    f"INSERT INTO search_body ({', '.join(BODY)}) VALUES (%s, %s, %s) "
    "ON CONFLICT (generation, key) DO UPDATE SET document = EXCLUDED.document"
)
_INSERT_WORDS = (
    "INSERT INTO search_word (lang, folded, word) "
    "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[]) ON CONFLICT DO NOTHING"
)
_KEY, _FINGERPRINT = COLUMNS.index("key"), COLUMNS.index("fingerprint")
_INTERVIEW = COLUMNS.index("interview")
# A row's columns that are its interview's (``common.INTERVIEW``, after the generation).
_OF_INTERVIEW = [COLUMNS.index(column) for column in common.INTERVIEW[1:]]
_PERSONS, _TOPICS = COLUMNS.index("persons"), COLUMNS.index("topics")
assert _TOPICS == _PERSONS + 1
# What a generation's tables are indexed by: the indexes of ``search_document`` and
# ``search_body``, which their own take the place of when they are attached.
_INDEXES = (
    "UNIQUE INDEX ON {table} (generation, key)",
    "INDEX ON {table} (interview)",
    "INDEX ON {table} (exchange_uid)",
    "INDEX ON {table} USING gin (vector_fr)",
    "INDEX ON {table} USING gin (vector_en)",
)
_BODY_INDEXES = ("UNIQUE INDEX ON {table} (generation, key)",)
_COMMON_INDEXES = ("INDEX ON {table} (lang, lexeme)", "INDEX ON {table} (interview)")
_INTERVIEW_INDEXES = ("UNIQUE INDEX ON {table} (generation, interview)",)
# Each kind of a generation's tables, with its indexes (those of its parent table).
KINDS = {
    "document": _INDEXES,
    "body": _BODY_INDEXES,
    "common": _COMMON_INDEXES,
    "interview": _INTERVIEW_INDEXES,
}
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
    transaction, then again after its commit) changes nothing. The counts of common words
    of the interviews written are made again (``common.refresh``)."""
    rows = Rows(generation)
    made = [rows.row(document) for document in documents]
    interviews = set(slugs) | {row.columns[_INTERVIEW] for row in made}
    if slugs or exchanges:
        scope = "generation = %s AND (interview = ANY(%s) OR exchange_uid = ANY(%s))"
        cursor.execute(
            f"SELECT key, fingerprint FROM search_document WHERE {scope}",
            [generation, slugs, exchanges],
        )
        held = {row.columns[_KEY]: row.columns[_FINGERPRINT] for row in made}
        if dict(cursor.fetchall()) == held:
            return
        cursor.execute(
            f"DELETE FROM search_document WHERE {scope} RETURNING key, interview",
            [generation, slugs, exchanges],
        )
        gone = cursor.fetchall()
        deleted = [key for key, _ in gone]
        interviews.update(interview for _, interview in gone)
        cursor.execute(
            "DELETE FROM search_body WHERE generation = %s AND key = ANY(%s)",
            [generation, deleted],
        )
    if made:
        cursor.executemany(
            _INSERT,
            [
                (
                    *_with_arrays(row.columns, list),
                    *(place(*row.lexemes[lang]).vector for lang in LANGUAGES),
                )
                for row in made
            ],
        )
        cursor.executemany(_INSERT_BODY, [row.body for row in made])
        add_words(cursor, rows)
    common.refresh(cursor, generation, sorted(interviews))


def add_words(cursor: CursorWrapper, rows: Rows, *, rebuilding: bool = False) -> None:
    """The words of ``rows`` did-you-mean may offer, added to those it knows. When
    ``rebuilding``, most are known already: the known words are read first, and only the
    others sent (reading them all costs less than looking each one up)."""
    known = None
    if rebuilding:
        cursor.execute("SELECT lang, array_agg(folded) FROM search_word GROUP BY lang")
        known = {lang: set(words) for lang, words in cursor.fetchall()}
    languages, folded, shown = rows.vocabulary(known)
    if languages:
        cursor.execute(_INSERT_WORDS, [languages, folded, shown])


def table(generation: int, kind: str = "document") -> str:
    """The table of generation ``generation``'s documents (``kind`` "document") or of
    their bodies ("body")."""
    return f"search_{kind}_g{int(generation)}"


def create(cursor: CursorWrapper, generation: int) -> None:
    """Generation ``generation``'s tables, empty, unindexed, not yet attached."""
    name = table(generation)
    for kind in KINDS:
        made, parent = table(generation, kind), f"search_{kind}"
        cursor.execute(
            f"CREATE TABLE {made} (LIKE {parent} INCLUDING DEFAULTS, "
            # Attaching the table then needs no scan to check that it belongs.
            f"CHECK (generation = {int(generation)}))"
        )
    # What a search reads of every match (its vectors, facets and keys) stays in the row,
    # never fetched from TOAST.
    cursor.execute(
        f"ALTER TABLE {name} "
        + ", ".join(f"ALTER COLUMN {column} SET STORAGE MAIN" for column in _IN_ROW)
    )


def batches(
    documents: Iterable[SearchDocument], size: int = BATCH
) -> Iterator[list[SearchDocument]]:
    """``documents`` in lists of ``size``; raises ``ValueError`` on a key given twice."""
    seen: set[str] = set()
    batch: list[SearchDocument] = []
    for document in documents:
        if document.key in seen:
            raise ValueError(f"Two documents have the key {document.key!r}")
        seen.add(document.key)
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Loader:
    """Copies batches of documents into generation ``generation``'s tables, remembering
    their words and each word's lexeme (``rows``)."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.rows = Rows(generation)
        self.tally = common.Tally(generation)
        self._arrays = _Arrays()
        self._interviews: set[str] = set()  # those whose row is written

    def load(self, cursor: CursorWrapper, batch: list[SearchDocument]) -> None:
        made = [self.rows.row(document) for document in batch]
        tally = self.tally
        placed: Iterable[dict[str, Placed]] = map(self._places, made)
        if tally.words is None:  # the first batch: the common words chosen from it
            placed = list(placed)
            tally.choose(placed)
        self._copy(cursor, "document", COLUMNS + VECTORS, self._documents(made, placed))
        self._copy(cursor, "body", BODY, [row.body for row in made])
        with cursor.copy(
            f"COPY {table(self.generation, 'common')} ({', '.join(common.COMMON)}) FROM STDIN"
        ) as copy:
            copy.write(tally.lines())
        self._copy(cursor, "interview", common.INTERVIEW, self._new_interviews(made))

    def _places(self, row: Row) -> dict[str, Placed]:
        return {lang: place(*row.lexemes[lang]) for lang in LANGUAGES}

    def _documents(
        self, made: list[Row], placed: Iterable[dict[str, Placed]]
    ) -> Iterator[tuple[Any, ...]]:
        """Each row with its vectors, its common words counted on the way; one at a
        time, so that a document's lexemes are not kept beyond it."""
        tally, arrays = self.tally, self._arrays
        for row, lexemes in zip(made, placed, strict=True):
            tally.add(row.columns[_INTERVIEW], lexemes)
            columns = _with_arrays(row.columns, arrays.__getitem__)
            yield (*columns, *(lexemes[lang].vector for lang in LANGUAGES))

    def _copy(
        self, cursor: CursorWrapper, kind: str, columns: tuple[str, ...], rows: Iterable[Any]
    ) -> None:
        name = table(self.generation, kind)
        with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _new_interviews(self, made: list[Row]) -> Iterator[tuple[Any, ...]]:
        for row in made:
            interview = row.columns[_INTERVIEW]
            if interview not in self._interviews:
                self._interviews.add(interview)
                columns = _with_arrays(row.columns, self._arrays.__getitem__)
                yield (self.generation, *(columns[at] for at in _OF_INTERVIEW))


def _with_arrays(
    columns: tuple[Any, ...], array: Callable[[tuple[str, ...]], Any]
) -> tuple[Any, ...]:
    """A row's ``columns`` with its people and topics (tuples) given as ``array`` makes
    them: lists for an ``INSERT``, ``text[]`` literals for a ``COPY``."""
    people, topics = array(columns[_PERSONS]), array(columns[_TOPICS])
    return (*columns[:_PERSONS], people, topics, *columns[_TOPICS + 1 :])


class _Arrays(dict[tuple[str, ...], str]):
    """Each tuple of strings -> that ``text[]`` as text ('{"a","b"}'), written on first
    sight: the documents of an interview share their people and topics, and a string is
    copied without psycopg's dumping of a list, element by element."""

    def __missing__(self, values: tuple[str, ...]) -> str:
        quoted = ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
        made = self[values] = "{" + ",".join(quoted) + "}"
        return made


def keep_common(
    cursor: CursorWrapper, generation: int, chosen: Sequence[Mapping[str, frozenset[str]]]
) -> dict[str, frozenset[str]]:
    """Generation ``generation``'s common words are those each of its writers ``chosen``,
    and an interview handed to two writers keeps one row of its own. Gives the words only
    some chose, whose rows ``drop_stray`` deletes once the table is indexed."""
    words = (
        {kind: frozenset.intersection(*(each[kind] for each in chosen)) for kind in common.KINDS}
        if chosen
        else {kind: frozenset() for kind in common.KINDS}
    )
    cursor.execute(
        "INSERT INTO search_common_word (generation, lang, lexeme) "
        "SELECT %s, * FROM unnest(%s::text[], %s::text[])",
        [generation, *_columns(words)],
    )
    cursor.execute(
        f"DELETE FROM {table(generation, 'interview')} a "
        f"USING {table(generation, 'interview')} b "
        "WHERE a.interview = b.interview AND a.ctid > b.ctid"
    )
    return {
        kind: frozenset().union(*(each[kind] for each in chosen)) - words[kind] for kind in words
    }


def drop_stray(cursor: CursorWrapper, generation: int, stray: Mapping[str, frozenset[str]]) -> None:
    """The rows of words ``stray`` (``keep_common``) deleted from generation
    ``generation``'s counts, once indexed: the delete then reads their rows by word
    rather than every row. The indexes point at them, as at any row deleted, until a
    vacuum."""
    if any(stray.values()):
        cursor.execute(
            f"DELETE FROM {table(generation, 'common')} "
            "WHERE (lang, lexeme) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
            _columns(stray),
        )


def _columns(words: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """``words`` as two columns: language, word."""
    pairs = sorted((lang, word) for lang, chosen in words.items() for word in chosen)
    return [[lang for lang, _ in pairs], [word for _, word in pairs]]


def indexing(generation: int) -> list[str]:
    """The statements that index generation ``generation``'s tables, largest first; each
    may run beside the others, over connections of their own."""
    made = [
        "CREATE " + index.format(table=table(generation, kind))
        for kind, indexes in KINDS.items()
        for index in indexes
    ]
    # The GIN indexes take longest, then the common words' (~180 rows an interview).
    return sorted(made, key=lambda statement: ("gin" not in statement, "common" not in statement))


def finish(
    cursor: CursorWrapper,
    generation: int,
    rows: Rows | None,
    chosen: list[dict[str, frozenset[str]]] | None = None,
    *,
    indexed: bool = False,
) -> None:
    """Generation ``generation``'s tables, filled, indexed (unless ``indexed`` already,
    and then the common words its writers ``chosen`` already kept: ``keep_common``) and
    attached to their parents (``KINDS``); the words of ``rows`` offered by
    did-you-mean (None: added already)."""
    if not indexed:
        stray = keep_common(cursor, generation, chosen or [])
        local_setting(cursor, "maintenance_work_mem", BUILD_MEMORY)
        for statement in indexing(generation):
            cursor.execute(statement)
        drop_stray(cursor, generation, stray)
    for kind in ("document", "common", "interview"):
        cursor.execute(f"ANALYZE {table(generation, kind)}")
    if rows is not None:
        add_words(cursor, rows, rebuilding=True)
    for kind in KINDS:
        cursor.execute(
            f"ALTER TABLE search_{kind} ATTACH PARTITION {table(generation, kind)} "
            f"FOR VALUES IN ({int(generation)})"
        )


def fill(
    cursor: CursorWrapper,
    generation: int,
    documents: Iterable[SearchDocument],
    progress: Callable[[int], None] | None,
) -> int:
    """Generation ``generation`` made of ``documents`` over one cursor, in tables of its
    own (``create``, ``Loader``, ``finish``); how many documents it holds."""
    create(cursor, generation)
    loader, count = Loader(generation), 0
    # Whole batches are read before each COPY: reading ``documents`` may need the
    # connection (the archive's are read from the database as they come).
    for batch in batches(documents):
        loader.load(cursor, batch)
        count = counted(progress, count, len(batch))
    finish(cursor, generation, loader.rows, [loader.tally.words] if loader.tally.words else [])
    return count


def counted(progress: Callable[[int], None] | None, count: int, more: int) -> int:
    """``count`` + ``more``, each count on the way given to ``progress``."""
    if progress:
        for running in range(count + 1, count + more + 1):
            progress(running)
    return count + more


def drop(cursor: CursorWrapper, generation: int) -> None:
    """Generation ``generation``'s own tables, if a rebuild left them."""
    cursor.execute(f"DROP TABLE IF EXISTS {', '.join(table(generation, kind) for kind in KINDS)}")
    cursor.execute("DELETE FROM search_common_word WHERE generation = %s", [generation])


def drop_replaced(cursor: CursorWrapper, current: int, building: int | None) -> None:
    """Drop every generation but the one searched and the one being built: their tables
    (attached, or left by a rebuild that crashed) and their rows in the default
    partition. Raises ``OperationalError`` (``LOCK_NOT_AVAILABLE``) when searches hold
    the index longer than ``DROP_WAIT``: the next rebuild drops them then."""
    kept = {current, building} - {None}
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'r' "
        f"AND relname ~ '^search_({'|'.join(KINDS)})_g[0-9]+$' "
        "AND relnamespace = current_schema()::regnamespace"
    )
    names = [name for (name,) in cursor.fetchall() if int(name.rpartition("g")[2]) not in kept]
    local_setting(cursor, "lock_timeout", DROP_WAIT)
    for name in names:
        cursor.execute(f"DROP TABLE {name}")
    for default in [f"search_{kind}_default" for kind in KINDS] + ["search_common_word"]:
        cursor.execute(f"DELETE FROM {default} WHERE generation <> ALL(%s)", [sorted(kept)])
