from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def indexed_seed(seed):
    """The seed interview, in an index rebuilt from the database."""
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    return seed


def search_archive(*args: str) -> list[dict]:
    """The hits ``search_archive --json`` prints, best first."""
    out = StringIO()
    call_command("search_archive", *args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def index_matches_database() -> bool:
    """Whether the index holds exactly the documents the database gives, as they are now."""
    from search import engine
    from search.indexing import all_documents

    expected = {document.key: document.fingerprint for document in all_documents()}
    return engine.backend().keys() == expected


def exchange_hits(hits: list[dict]) -> list[dict]:
    return [hit for hit in hits if hit["exchange"] is not None]
