"""Each word a prefix may stand for keeps its lexeme (``search_word.lexeme``), on
PostgreSQL only.

A prefix stands for the words beginning with it as written, but a vector holds stems, and
words that do not begin with the prefix may share a stem with one that does: "happy" and
"happiness" are both "happi", so ``happi*`` found "happy". With each word's lexeme, the
PostgreSQL backend knows which stems of a prefix's words other words share, and checks
the documents holding them (``search.backends.postgres.tsquery.compile_match``). The
words known are given their lexemes here, as the index makes them; a rebuild or a write
gives new words theirs. On SQLite (Whoosh only) the migration does nothing.
"""

from typing import Any

from django.db import migrations

# Words given their lexemes per statement.
_BATCH = 20_000


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.postgres.vectors import Lexemes

    lexemes = Lexemes()
    run = schema_editor.execute
    run("ALTER TABLE search_word ADD COLUMN lexeme text")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT lang, folded FROM search_word ORDER BY lang, folded")
        words = cursor.fetchall()
        for start in range(0, len(words), _BATCH):
            batch = words[start : start + _BATCH]
            cursor.execute(
                "UPDATE search_word w SET lexeme = u.lexeme "
                "FROM unnest(%s::text[], %s::text[], %s::text[]) u (lang, folded, lexeme) "
                "WHERE w.lang = u.lang AND w.folded = u.folded",
                [
                    [lang for lang, _ in batch],
                    [folded for _, folded in batch],
                    [lexemes.lexeme(lang, folded) for lang, folded in batch],
                ],
            )
    run("ALTER TABLE search_word ALTER COLUMN lexeme SET NOT NULL")
    run("CREATE INDEX search_word_lexemes ON search_word (lang, lexeme)")
    run("ANALYZE search_word")


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_word DROP COLUMN lexeme")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_search_snowball_3_stems")]

    operations = [migrations.RunPython(forward, backward)]
