"""Each search backend on a real index in a tmp dir: the fixtures of the contract tests."""

from __future__ import annotations

import pytest

from search.backends import get_backend
from tests.search_engine.corpus import seed_documents
from tests.search_engine.helpers import index

BACKENDS = ["search.backends.whoosh.WhooshBackend"]


@pytest.fixture(params=BACKENDS, ids=lambda dotted_path: dotted_path.rpartition(".")[2])
def make_backend(request, tmp_path):
    """Opens the same index again, as another process would."""
    opened = []

    def make():
        opened.append(get_backend(request.param, path=tmp_path / "index"))
        return opened[-1]

    make.dotted_path = request.param
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
