"""Each search backend on a real index: the fixtures of the contract tests. Whoosh in a
tmp dir everywhere; the PostgreSQL backend too when the tests run on PostgreSQL, in the
test database (its tables are rolled back after each test, as every table is)."""

from __future__ import annotations

import pytest
from django.db import connection

from search.backends import BACKENDS, get_backend
from tests.conftest import empty_database_index
from tests.search_engine.corpus import seed_documents
from tests.search_engine.helpers import index

BACKEND_NAMES = ["whoosh", "postgres"] if connection.vendor == "postgresql" else ["whoosh"]
# Modules about the PostgreSQL backend alone are left out on SQLite, not skipped.
collect_ignore_glob = [] if connection.vendor == "postgresql" else ["test_postgres_*.py"]


def _param(name: str):
    """The PostgreSQL backend's tests use the database: marked so, pytest-django sets the
    test database up even when they are the only ones run (it looks at the tests' marks
    and fixtures when the session starts, not at fixtures asked for on the way)."""
    return pytest.param(name, marks=pytest.mark.django_db) if name == "postgres" else name


@pytest.fixture(params=[_param(name) for name in BACKEND_NAMES])
def make_backend(request, tmp_path):
    """Opens the same index again, as another process would."""
    if request.param == "postgres" and "transactional_db" in request.fixturenames:
        # A test that makes other processes write to the index commits: it asks for
        # ``transactional_db``, and the index tables Django does not manage are emptied.
        request.addfinalizer(empty_database_index)
    opened = []

    def make():
        opened.append(get_backend(request.param, path=tmp_path / "index"))
        return opened[-1]

    make.dotted_path = BACKENDS[request.param]
    make.path = tmp_path / "index"
    yield make
    for backend in opened:
        backend.close()


@pytest.fixture
def backend(make_backend):
    return make_backend()


@pytest.fixture
def seeded(backend):
    index(backend, seed_documents())
    return backend
