"""Writing the index: a write on one generation, and a whole generation built aside.

A generation's documents are the partition ``search_document_g<generation>`` of
``search_document`` (migration 0003), their stored JSON that of ``search_body``
(migration 0004), the counts of its common words and its interviews those of
``search_common`` and ``search_interview`` (migration 0007: ``common``), or rows of the
``_default`` partitions for a generation never rebuilt.
Each document's ``tsvector``s are made in Python (``vectors``). A rebuild makes its new
generation's tables (``create``), fills them (``loading``), builds the indexes once and
attaches the tables (``finish``); once that generation is the one searched, the tables
of the others are dropped whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES
from ...documents import SearchDocument
from . import common
from .database import local_setting
from .rows import BODY, COLUMNS, VECTORS, Rows
from .vectors import place

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
    "INSERT INTO search_word (lang, folded, word, lexeme) "
    "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) ON CONFLICT DO NOTHING"
)
_KEY, _FINGERPRINT = COLUMNS.index("key"), COLUMNS.index("fingerprint")
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
    interviews = set(slugs) | {row.interview for row in made}
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
                    *row.with_arrays(list),
                    *(place(*row.lexemes[lang]).vector for lang in LANGUAGES),
                )
                for row in made
            ],
        )
        cursor.executemany(_INSERT_BODY, [row.body for row in made])
        add_words(cursor, rows)
    common.refresh(cursor, generation, sorted(interviews))


def add_words(cursor: CursorWrapper, rows: Rows, *, rebuilding: bool = False) -> None:
    """The words of ``rows`` (``Rows.vocabulary``) added to those the index knows. When
    ``rebuilding``, ``rows`` hold every word of the archive, most known already: the known
    words are read first, the others sent (reading them all costs less than looking each
    one up), and those the archive no longer holds forgotten, as a new Whoosh index
    forgets them. A write the rebuild did not see is replayed on its generation, which
    adds its words again."""
    known = None
    if rebuilding:
        cursor.execute("SELECT lang, array_agg(folded) FROM search_word GROUP BY lang")
        known = {lang: set(words) for lang, words in cursor.fetchall()}
        held = rows.folded()
        gone = {lang: words - held.get(lang, set()) for lang, words in known.items()}
        if any(gone.values()):
            cursor.execute(
                "DELETE FROM search_word "
                "WHERE (lang, folded) IN (SELECT * FROM unnest(%s::text[], %s::text[]))",
                _columns(gone),
            )
    languages, *columns = rows.vocabulary(known)
    if languages:
        cursor.execute(_INSERT_WORDS, [languages, *columns])


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


def _columns(words: Mapping[str, AbstractSet[str]]) -> list[list[str]]:
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
