"""The PostgreSQL search index, one partition per generation, on PostgreSQL only.

``search_document`` becomes partitioned by generation: a rebuild fills a table of its own
with no index to maintain (``COPY``), indexes it once, and attaches it as its
generation's partition; the generation it replaces is dropped whole instead of deleted row
by row. Generations without a partition of their own (a new archive's first, empty one)
live in ``search_document_default``. Columns are those of migration 0002.

On SQLite (Whoosh only) the migration does nothing.
"""

from importlib import import_module

from django.db import migrations

_0002 = import_module("search.migrations.0002_postgres_search")

COLUMNS = (
    "generation, key, interview, exchange_uid, exchange, paragraph, original_language, "
    "outlet, persons, topics, published_on, fingerprint, document, "
    "words_fr, meta_fr, words_en, meta_en"
)


def _partitioned(table: str) -> str:
    """Migration 0002's ``CREATE TABLE search_document``, partitioned by generation: the
    same columns, its ids from a sequence of their own (a partitioned table's keys must
    hold the generation; the generation and key's is an index, below)."""
    made = table.replace(
        "id bigserial PRIMARY KEY", "id bigint NOT NULL DEFAULT nextval('search_document_ids')"
    ).replace(",\n        UNIQUE (generation, key)\n    )", "\n    ) PARTITION BY LIST (generation)")
    if "PARTITION BY" not in made or "nextval" not in made:
        raise ValueError("migration 0002's search_document is not as migration 0003 expects")
    return made


PARTITIONED = _partitioned(
    next(s for s in _0002.CREATE if s.startswith("CREATE TABLE search_document "))
)

FORWARD = [
    "ALTER TABLE search_document RENAME TO search_document_0002",
    "CREATE SEQUENCE search_document_ids CACHE 100",
    PARTITIONED,
    "ALTER SEQUENCE search_document_ids OWNED BY search_document.id",
    "CREATE TABLE search_document_default PARTITION OF search_document DEFAULT",
    "CREATE UNIQUE INDEX search_document_by_key ON search_document (generation, key)",
    "CREATE INDEX search_document_by_interview ON search_document (interview)",
    "CREATE INDEX search_document_by_exchange ON search_document (exchange_uid)",
    "CREATE INDEX search_document_words_fr ON search_document USING gin (vector_fr)",
    "CREATE INDEX search_document_words_en ON search_document USING gin (vector_en)",
    f"INSERT INTO search_document ({COLUMNS}) SELECT {COLUMNS} FROM search_document_0002",
    "DROP TABLE search_document_0002",
]

# Back to migration 0002's single table, with the documents of the generation searched.
BACKWARD = [
    "ALTER TABLE search_document RENAME TO search_document_0003",
    *(
        statement
        for statement in _0002.CREATE
        if statement.startswith(("CREATE TABLE search_document ", "CREATE INDEX search_document_"))
    ),
    f"""INSERT INTO search_document ({COLUMNS}) SELECT {COLUMNS} FROM search_document_0003
        WHERE generation = (SELECT current FROM search_state)""",
    "DROP TABLE search_document_0003",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search")]

    operations = [migrations.RunPython(_0002._on_postgresql(FORWARD), _0002._on_postgresql(BACKWARD))]
