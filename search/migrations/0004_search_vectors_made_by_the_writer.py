"""The PostgreSQL search index's rows made narrower, on PostgreSQL only.

``search_document``'s ``tsvector``s are no longer generated from stored copies of the
words: the writer gives them (``search.backends.postgres.writing``: a rebuild ``COPY``s
vectors made once per word, ``vectors``; a write lets the server make them in the
statement), and the words are not kept. Each document's stored JSON, read only for the
page of hits shown, moves to ``search_body`` (partitioned by generation as
``search_document`` is), so that the rows a search reads for every match hold its
vectors, keys and facets only.

Backwards, the documents go back into ``search_document`` but the words the vectors
were made from are gone: the index is emptied, to be made again by ``rebuild_index``.
On SQLite (Whoosh only) the migration does nothing.
"""

from importlib import import_module
from typing import Any

from django.db import migrations

_0002 = import_module("search.migrations.0002_postgres_search")
LANGUAGES = _0002.LANGUAGES
TEXTS = [f"{kind}_{lang}" for lang in LANGUAGES for kind in ("words", "meta")]


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(
        """CREATE TABLE search_body (
            generation integer NOT NULL,
            key text NOT NULL,
            document jsonb NOT NULL
        ) PARTITION BY LIST (generation)"""
    )
    run("CREATE TABLE search_body_default PARTITION OF search_body DEFAULT")
    run("CREATE UNIQUE INDEX search_body_by_key ON search_body (generation, key)")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'search_document'::regclass "
            "AND c.relname ~ '^search_document_g[0-9]+$'"
        )
        generations = [int(name.rpartition("g")[2]) for (name,) in cursor.fetchall()]
    for generation in generations:
        run(
            f"CREATE TABLE search_body_g{generation} PARTITION OF search_body "
            f"FOR VALUES IN ({generation})"
        )
    run("INSERT INTO search_body SELECT generation, key, document FROM search_document")
    for lang in LANGUAGES:
        run(f"ALTER TABLE search_document ALTER COLUMN vector_{lang} DROP EXPRESSION")
    run(
        "ALTER TABLE search_document "
        + ", ".join(f"DROP COLUMN {column}" for column in ["document", *TEXTS])
    )


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("TRUNCATE search_document, search_word, search_journal")
    run("DROP TABLE search_body")
    run(
        "ALTER TABLE search_document ADD COLUMN document jsonb NOT NULL, "
        + ", ".join(f"ADD COLUMN {column} text NOT NULL" for column in TEXTS)
        + ", "
        + ", ".join(f"DROP COLUMN vector_{lang}" for lang in LANGUAGES)
    )
    run(
        "ALTER TABLE search_document "
        + ", ".join(f"ADD COLUMN {_0002._vector(lang)}" for lang in LANGUAGES)
    )
    for lang in LANGUAGES:
        run(
            f"CREATE INDEX search_document_words_{lang} ON search_document "
            f"USING gin (vector_{lang})"
        )
    run("UPDATE search_state SET current = NULL, building = NULL")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_document_partitions")]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="indexeddocument", name="document"),
    ]
