"""What the PostgreSQL backend asks the database for a search (collected on PostgreSQL
only: see the conftest)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import get_backend
from tests.search_engine.corpus import seed_documents
from tests.search_engine.helpers import index, search


@pytest.fixture
def seeded(db, tmp_path):
    backend = get_backend("postgres", path=tmp_path / "index")
    index(backend, seed_documents())
    yield backend
    backend.close()


def _asks_whether_words_are_known(queries: CaptureQueriesContext) -> bool:
    return any("EXISTS (SELECT 1 FROM search_document" in query["sql"] for query in queries)


@pytest.mark.parametrize("text", ["portail", "single portal", '"portail unique"'])
def test_a_query_that_found_all_its_words_does_not_ask_whether_they_are_known(seeded, text):
    with CaptureQueriesContext(connection) as queries:
        results = search(seeded, text)
    assert results.total > 0
    assert results.suggestion is None
    assert not _asks_whether_words_are_known(queries)


@pytest.mark.parametrize("text", ["portail OR numerik", "portail -numerik", "numerik"])
def test_a_query_with_a_word_not_required_or_not_found_asks(seeded, text):
    with CaptureQueriesContext(connection) as queries:
        search(seeded, text)
    assert _asks_whether_words_are_known(queries)
