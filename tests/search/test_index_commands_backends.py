"""``rebuild_index`` and ``check_index`` with each search backend (the PostgreSQL one when
the tests run on PostgreSQL), whichever the suite selects."""

from __future__ import annotations

import pickle
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search import engine
from search.indexing import ArchiveDocuments, all_documents
from tests.conftest import empty_database_index
from tests.factories import make_interview
from tests.search_engine.conftest import BACKEND_NAMES

pytestmark = pytest.mark.django_db


@pytest.fixture(params=BACKEND_NAMES)
def selected(request, settings, search_index):
    """The archive's backend set to ``request.param``, its index made empty."""
    from search.backends import get_backend

    settings.SEARCH_BACKEND = request.param
    get_backend(request.param, path=search_index).rebuild([])
    return request.param


def command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_rebuild_index_makes_the_index_the_database_gives(selected, seed):
    make_interview(exchanges=2)
    assert "published interviews" in command("rebuild_index", "--noinput", "-v0")
    expected = {document.key: document.fingerprint for document in all_documents()}
    assert engine.backend().keys() == expected
    assert "Index in sync" in command("check_index")


def test_check_index_finds_the_drift_and_repairs_it(selected, seed):
    command("rebuild_index", "--noinput", "-v0")
    engine.backend().replace_interviews([seed.slug], [])  # the index loses an interview
    with pytest.raises(CommandError, match="index drift"):
        command("check_index")
    assert "repaired: 1 interviews re-indexed" in command("check_index", "--repair")
    assert "Index in sync" in command("check_index")


def test_the_archive_slices_hold_every_document_once(seed):
    for _ in range(4):
        make_interview(exchanges=2, paragraphs=2)
    slices = [pickle.loads(pickle.dumps(part)) for part in ArchiveDocuments(per_slice=2).slices()]
    assert len(slices) == 3
    assert [document for part in slices for document in part] == list(all_documents())


def test_the_documents_of_an_interview_share_what_the_facets_count(seed):
    """``SearchDocument``'s promise, which the PostgreSQL backend's facets rely on."""
    make_interview(exchanges=2, paragraphs=2)
    shared = defaultdict(set)
    for document in all_documents():
        about = (document.outlet, document.persons, document.topics, document.published_on)
        shared[document.interview].add(about)
    assert len(shared) == 2
    assert all(len(about) == 1 for about in shared.values())


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_from_slices_read_by_worker_processes_indexes_the_archive(request, selected):
    """The PostgreSQL backend hands the slices to worker processes, which read their
    interviews from the database themselves: the index is the one ``all_documents`` gives."""
    if selected == "postgres":
        request.addfinalizer(empty_database_index)
    for _ in range(5):
        make_interview(exchanges=2, paragraphs=2)
    counts: list[int] = []
    backend = engine.backend()
    count = backend.rebuild(ArchiveDocuments(per_slice=2), progress=counts.append)
    expected = {document.key: document.fingerprint for document in all_documents()}
    assert count == len(expected) and counts == list(range(1, count + 1))
    assert backend.keys() == expected
