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


@pytest.fixture
def whoosh_index(settings, search_index):
    """The Whoosh backend, whichever the suite runs with: for what only an index outside
    the database does (files, writes after the commit, a record kept for replay)."""
    from search.backends import get_backend

    settings.SEARCH_BACKEND = "whoosh"
    get_backend("whoosh", path=search_index).close()
    return search_index
