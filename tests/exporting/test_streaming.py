"""Exports are streamed, and read the database in chunks: as many queries for 30
interviews as for 3."""

from __future__ import annotations

import gc
import json
import weakref

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from interviews.exporting import FORMATS
from interviews.exporting.selection import corpus_export
from tests.factories import make_interview

from . import export_corpus, rebuild_index, streamed

pytestmark = pytest.mark.django_db


def queries_to_export(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


@pytest.mark.parametrize("format", FORMATS)
def test_web_exports_are_streaming_responses(client, seed, format):
    rebuild_index()

    for url in (
        f"/en/interviews/{seed.slug}/export.{format}",
        f"/en/search/export.{format}?q=numerique",
    ):
        assert isinstance(client.get(url), StreamingHttpResponse)


@pytest.mark.parametrize("format", FORMATS)
def test_writers_yield_a_chunk_per_interview(format):
    for _ in range(3):
        make_interview()

    chunks = list(FORMATS[format].write(corpus_export(level="paragraph")))

    assert len(chunks) >= 3


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_corpus_export_queries_do_not_grow_with_the_number_of_interviews(level):
    for _ in range(3):
        make_interview()
    few = queries_to_export(lambda: export_corpus("--format=tei", f"--level={level}"))
    for _ in range(27):
        make_interview()

    assert queries_to_export(lambda: export_corpus("--format=tei", f"--level={level}")) == few


def test_search_export_queries_do_not_grow_with_the_number_of_interviews(client):
    for _ in range(3):
        make_interview()
    rebuild_index()
    few = queries_to_export(lambda: streamed(client.get("/en/search/export.json?q=paragraph")))
    for _ in range(27):
        make_interview()
    rebuild_index()

    many = queries_to_export(lambda: streamed(client.get("/en/search/export.json?q=paragraph")))

    assert many == few
    body = streamed(client.get("/en/search/export.json?q=paragraph"))
    assert len(json.loads(body)["interviews"]) == 30


def test_written_interviews_are_freed_without_waiting_for_the_garbage_collector():
    for _ in range(3):
        make_interview()
    export = corpus_export(level="paragraph")
    written = []

    gc.disable()
    try:
        for item in export.interviews:
            written.append(weakref.ref(item.interview))
        del item
        assert [ref() for ref in written] == [None, None, None]
    finally:
        gc.enable()
