"""Counts per interview for the commonest words, on PostgreSQL only.

A word in a few percent of the passages matches tens of thousands of rows, and a search
for it read each one (``benchmarks/RESULTS.md``). A rebuild now keeps, for the words that
common in the generation it makes (``search_common_word``), how many of each interview's
documents hold the word and their best rank (``search_common``), and each interview's
outlet, people, topics and date (``search_interview``): a search for one such word counts
its total and facets from a row per interview (``search.backends.postgres.common``).
Partitioned by generation like ``search_document``. Nothing is kept for an index made
before: its searches read every match, as they did, until the next rebuild. On SQLite
(Whoosh only) the migration does nothing.
"""

from importlib import import_module

from django.db import migrations

_0002 = import_module("search.migrations.0002_postgres_search")

FORWARD = [
    """CREATE TABLE search_common_word (
        generation integer NOT NULL,
        lang text NOT NULL,
        lexeme text NOT NULL,
        PRIMARY KEY (generation, lang, lexeme)
    )""",
    """CREATE TABLE search_common (
        generation integer NOT NULL,
        lang text NOT NULL,
        lexeme text NOT NULL,
        interview text NOT NULL,
        n integer NOT NULL,
        best real NOT NULL
    ) PARTITION BY LIST (generation)""",
    "CREATE TABLE search_common_default PARTITION OF search_common DEFAULT",
    # A generation's rows are a table of their own: its indexes need not hold it.
    "CREATE INDEX search_common_by_word ON search_common (lang, lexeme)",
    "CREATE INDEX search_common_by_interview ON search_common (interview)",
    """CREATE TABLE search_interview (
        generation integer NOT NULL,
        interview text NOT NULL,
        outlet text NOT NULL,
        persons text[] NOT NULL,
        topics text[] NOT NULL,
        published_on date
    ) PARTITION BY LIST (generation)""",
    "CREATE TABLE search_interview_default PARTITION OF search_interview DEFAULT",
    "CREATE UNIQUE INDEX search_interview_by_key ON search_interview (generation, interview)",
]

BACKWARD = ["DROP TABLE search_interview, search_common, search_common_word"]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_lexemes_are_the_archives_terms")]

    operations = [
        migrations.RunPython(_0002._on_postgresql(FORWARD), _0002._on_postgresql(BACKWARD))
    ]
