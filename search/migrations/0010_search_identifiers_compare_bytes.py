"""The names in the PostgreSQL backend's index compare byte by byte (``COLLATE "C"``), on
PostgreSQL only: documents' keys, interviews' slugs, exchanges' uids, and the languages
and lexemes of the counts of common words.

They are names, not words of a language: nothing about them needs the database's locale,
and PostgreSQL sorts byte-compared text with abbreviated keys, which builds a rebuild's
btree indexes faster (the indexes of ``search_common`` 1.31 and 1.94 s, 0.93 and 1.78 s
in C; ``benchmarks/RESULTS.md``). Equality is the same in either collation; where a
search breaks a tie by slug, the order is now the same on every database, whatever its
locale. The tables are altered in place (their indexes rebuilt), their rows kept; a
generation's tables are made ``LIKE`` these, so a rebuild's have the same collations.
"""

from importlib import import_module

from django.db import migrations

_0002 = import_module("search.migrations.0002_postgres_search")

COLUMNS = {
    "search_document": ("key", "interview", "exchange_uid"),
    "search_body": ("key",),
    "search_common": ("lang", "lexeme", "interview"),
    "search_interview": ("interview",),
}


def _altered(collation: str) -> list[str]:
    return [
        f"ALTER TABLE {table} "
        + ", ".join(f'ALTER COLUMN {column} TYPE text COLLATE "{collation}"' for column in columns)
        for table, columns in COLUMNS.items()
    ]


class Migration(migrations.Migration):
    dependencies = [("search", "0009_search_word_lexemes")]

    operations = [
        migrations.RunPython(
            _0002._on_postgresql(_altered("C")), _0002._on_postgresql(_altered("default"))
        )
    ]
