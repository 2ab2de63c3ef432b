"""What the PostgreSQL search backend needs, made on PostgreSQL only.

Text search configurations ``archive_fr`` and ``archive_en`` fold accents (``unaccent``)
before stemming (Snowball), and keep stop words: a quoted phrase must match them. The
documents of every index generation live in ``search_document``, each with a generated
``tsvector`` per language under a GIN index (a passage's words weigh more than an
interview's title and names, which rank after the passages that say the same); ``search_state`` says which generation is
searched and which a rebuild is filling, ``search_journal`` holds the writes made during
a rebuild, ``search_word`` the words did-you-mean offers (trigram index, ``pg_trgm``).
On SQLite (Whoosh only) the migration does nothing.
"""

from collections.abc import Callable
from typing import Any

from django.db import migrations, models

LANGUAGES = {"fr": "french", "en": "english"}


def _vector(lang: str) -> str:
    config = f"'archive_{lang}'::regconfig"
    return (
        f"vector_{lang} tsvector GENERATED ALWAYS AS "
        f"(setweight(to_tsvector({config}, words_{lang}), 'A') || "
        f"setweight(to_tsvector({config}, meta_{lang}), 'B')) STORED"
    )


CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        statement
        for lang, language in LANGUAGES.items()
        for statement in (
            f"CREATE TEXT SEARCH DICTIONARY archive_{language}_stem "
            f"(TEMPLATE = snowball, LANGUAGE = {language})",
            f"CREATE TEXT SEARCH CONFIGURATION archive_{lang} (COPY = pg_catalog.simple)",
            f"ALTER TEXT SEARCH CONFIGURATION archive_{lang} ALTER MAPPING FOR "
            "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, "
            f"hword_part, hword_numpart WITH unaccent, archive_{language}_stem",
        )
    ),
    "CREATE SEQUENCE search_generation",
    """CREATE TABLE search_state (
        id integer PRIMARY KEY CHECK (id = 1),
        current integer,
        building integer
    )""",
    "INSERT INTO search_state (id) VALUES (1)",
    f"""CREATE TABLE search_document (
        id bigserial PRIMARY KEY,
        generation integer NOT NULL,
        key text NOT NULL,
        interview text NOT NULL,
        exchange_uid text,
        exchange integer,
        paragraph integer NOT NULL,
        original_language text NOT NULL,
        outlet text NOT NULL,
        persons text[] NOT NULL,
        topics text[] NOT NULL,
        published_on date,
        fingerprint text NOT NULL,
        document jsonb NOT NULL,
        words_fr text NOT NULL,
        meta_fr text NOT NULL,
        words_en text NOT NULL,
        meta_en text NOT NULL,
        {_vector("fr")},
        {_vector("en")},
        UNIQUE (generation, key)
    )""",
    "CREATE INDEX search_document_interview ON search_document (generation, interview)",
    "CREATE INDEX search_document_exchange ON search_document (generation, exchange_uid)",
    "CREATE INDEX search_document_vector_fr ON search_document USING gin (vector_fr)",
    "CREATE INDEX search_document_vector_en ON search_document USING gin (vector_en)",
    """CREATE TABLE search_journal (
        id bigserial PRIMARY KEY,
        generation integer NOT NULL,
        write jsonb NOT NULL
    )""",
    """CREATE TABLE search_word (
        lang text NOT NULL,
        folded text NOT NULL,
        word text NOT NULL,
        PRIMARY KEY (lang, folded)
    )""",
    "CREATE INDEX search_word_trigrams ON search_word USING gin (folded gin_trgm_ops)",
]

DROP = [
    "DROP TABLE IF EXISTS search_word, search_journal, search_document, search_state",
    "DROP SEQUENCE IF EXISTS search_generation",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_{lang}" for lang in LANGUAGES),
    *(f"DROP TEXT SEARCH DICTIONARY IF EXISTS archive_{name}_stem" for name in LANGUAGES.values()),
]


def _on_postgresql(statements: list[str]) -> Callable[[Any, Any], None]:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def _empty_index_for_an_empty_archive(apps: Any, schema_editor: Any) -> None:
    """A new archive's index is built, empty; an archive with interviews already has them
    indexed elsewhere: its index is missing until ``rebuild_index`` (searches say so)."""
    if schema_editor.connection.vendor == "postgresql":
        if not apps.get_model("interviews", "Interview").objects.exists():
            schema_editor.execute("UPDATE search_state SET current = nextval('search_generation')")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_pending_index_work"),
        ("interviews", "0004_source_fingerprint"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
        migrations.RunPython(_empty_index_for_an_empty_archive, migrations.RunPython.noop),
        migrations.CreateModel(
            name="IndexedDocument",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("generation", models.IntegerField()),
                ("key", models.TextField()),
                ("interview", models.TextField()),
                ("fingerprint", models.TextField()),
                ("document", models.JSONField()),
            ],
            options={"db_table": "search_document", "managed": False},
        ),
    ]
