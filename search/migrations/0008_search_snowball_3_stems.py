"""The archive's words are stemmed by Snowball's own stemmers (PyStemmer) rather than
Whoosh's port of an older Snowball, on PostgreSQL only.

A few hundred words of a large archive's vocabulary stem otherwise ("added" was "ad",
"bijoux" was apart from "bijou"), and an index keeps the stems it was built with: as in
migration 0006, the PostgreSQL index is emptied, and is missing until ``manage.py
rebuild_index`` makes it again (searches say so). A Whoosh index says it is stale
(``search.backends.whoosh.index.LAYOUT``). Backwards, the index is emptied the same way.
On SQLite (Whoosh only) the migration does nothing.
"""

from importlib import import_module
from typing import Any

from django.db import migrations

_0002 = import_module("search.migrations.0002_postgres_search")
# The index's tables (migrations 0003, 0004 and 0007), each generation's of its own.
_KINDS = ("document", "body", "common", "interview")


def _emptied(schema_editor: Any) -> None:
    """No generation searched or being built, none kept: ``rebuild_index`` makes one."""
    run = schema_editor.execute
    run("UPDATE search_state SET current = NULL, building = NULL")
    run(
        f"TRUNCATE {', '.join(f'search_{kind}' for kind in _KINDS)}, "
        "search_common_word, search_journal, search_word"
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' "
            f"AND relname ~ '^search_({'|'.join(_KINDS)})_g[0-9]+$' "
            "AND relnamespace = current_schema()::regnamespace"
        )
        tables = [name for (name,) in cursor.fetchall()]
    for table in tables:
        run(f"DROP TABLE {table}")


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _emptied(schema_editor)
        _0002._empty_index_for_an_empty_archive(apps, schema_editor)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _emptied(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_common_words")]

    operations = [migrations.RunPython(forward, backward)]
