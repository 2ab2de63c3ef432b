"""gunicorn workers load the search index before their first request."""

from __future__ import annotations

import logging

from archive import gunicorn
from search import engine
from search.documents import SearchQuery
from tests.search_engine.corpus import seed_documents
from tests.search_engine.helpers import index, record_reads


def test_a_worker_reads_the_index_before_its_first_request(whoosh_index, monkeypatch):
    index(engine.backend(), seed_documents())
    engine.backend().close()
    gunicorn.post_worker_init(worker=None)
    reads = record_reads(monkeypatch)
    assert engine.backend().search(SearchQuery("portail")).total == 2
    assert reads and {what for what, _ in reads} == {"read_postings"}  # the word's alone


def test_a_broken_index_does_not_stop_a_worker_from_starting(whoosh_index, monkeypatch, caplog):
    def broken():
        raise OSError("index unreadable")

    monkeypatch.setattr(engine.backend(), "warm", broken)
    with caplog.at_level(logging.ERROR, logger="search.engine"):
        gunicorn.post_worker_init(worker=None)
    assert "warming the search index failed" in caplog.text
