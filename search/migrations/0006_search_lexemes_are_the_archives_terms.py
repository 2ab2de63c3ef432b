"""The PostgreSQL index's lexemes become the archive's own terms, on PostgreSQL only.

Vectors and queries are now made in Python from ``search.analysis``'s terms, the Whoosh
backend's (``search.backends.postgres.vectors``), not by the text search configurations
``archive_fr`` and ``archive_en``, which are dropped. The lexemes of an index made before
are the server's stems, which queries no longer ask for: the index is emptied, and is
missing until ``manage.py rebuild_index`` makes it again (searches say so). Backwards, the
configurations come back and the index is emptied the same way. On SQLite (Whoosh only)
the migration does nothing.
"""

from importlib import import_module
from typing import Any

from django.db import migrations

_0002 = import_module("search.migrations.0002_postgres_search")
CONFIGURATIONS = [statement for statement in _0002.CREATE if "TEXT SEARCH" in statement]
DROP_CONFIGURATIONS = [statement for statement in _0002.DROP if "TEXT SEARCH" in statement]


def _emptied(schema_editor: Any) -> None:
    """No generation searched or being built, none kept: ``rebuild_index`` makes one."""
    run = schema_editor.execute
    run("UPDATE search_state SET current = NULL, building = NULL")
    run("TRUNCATE search_document, search_body, search_journal, search_word")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' "
            "AND relname ~ '^search_(document|body)_g[0-9]+$' "
            "AND relnamespace = current_schema()::regnamespace"
        )
        tables = [name for (name,) in cursor.fetchall()]
    for table in tables:
        run(f"DROP TABLE {table}")


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    _emptied(schema_editor)
    _0002._empty_index_for_an_empty_archive(apps, schema_editor)
    for statement in DROP_CONFIGURATIONS:
        schema_editor.execute(statement)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    _emptied(schema_editor)
    for statement in CONFIGURATIONS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_body_as_text")]

    operations = [migrations.RunPython(forward, backward)]
