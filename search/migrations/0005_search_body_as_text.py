"""The PostgreSQL index's stored documents kept as the JSON text the writer gives, on
PostgreSQL only.

``search_body.document`` was ``jsonb``: the server parsed every document's JSON as a
rebuild copied it (about 6 µs a document, more than half of the server's work copying
the bodies), to give it back only for the page of hits, which the archive parses again
anyway. Now ``text``: the
canonical JSON the fingerprint is taken of, stored as written. Bodies already stored are
converted (their JSON as ``jsonb`` writes it: the same documents). On SQLite (Whoosh
only) the migration does nothing.
"""

from typing import Any

from django.db import migrations


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_body ALTER COLUMN document TYPE text")


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_body ALTER COLUMN document TYPE jsonb USING document::jsonb"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_vectors_made_by_the_writer")]

    operations = [migrations.RunPython(forward, backward)]
