"""The PostgreSQL backend's counts per interview of the commonest words
(``search.backends.postgres.common``; collected on PostgreSQL only: see the conftest)."""

from __future__ import annotations

import multiprocessing
import random
import re
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pytest
from django.db import connection

from search.analysis import LANGUAGES, WORD
from search.backends import get_backend
from search.backends.postgres import backend as postgres_backend
from search.backends.postgres import common, loading, querying
from search.backends.postgres.rows import Rows
from search.backends.postgres.vectors import place, text
from tests.conftest import empty_database_index
from tests.search_engine.corpus import make_document, seed_documents
from tests.search_engine.helpers import delete, index, search


def test_a_rebuild_ranks_a_word_as_the_server_does(db):
    """``common.rank`` is PostgreSQL's ``ts_rank`` of one lexeme, for every mix of places
    weighing A then B that a vector may hold (at most 255)."""
    mixes = [
        (a, b) for a in range(0, 256) for b in range(0, 256 - a) if a + b and (b < 12 or a < 3)
    ]
    vectors = [
        text({"'x'": [f"{n}A" for n in range(1, a + 1)] + [f"{a + n}B" for n in range(2, b + 2)]})
        for a, b in mixes
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank(v::tsvector, '''x'''::tsquery) FROM unnest(%s::text[]) "
            "WITH ORDINALITY AS u(v, n) ORDER BY n",
            [vectors],
        )
        server = [rank for (rank,) in cursor.fetchall()]
    assert len(server) == len(mixes) > 3000
    # Compared as single precision: the server writes a ``real`` in its shortest form.
    assert [np.float32(common.rank(a, b)) for a, b in mixes] == list(np.float32(server))


def _corpus() -> list:
    """The seed, and a dozen interviews of its sentences drawn again, with their own
    outlets, people, topics and dates (one undated)."""
    seeds = seed_documents()
    sentences = {
        lang: [s for d in seeds for s in re.split(r"(?<=[.?!])\s+", d.text.get(lang, "")) if s]
        for lang in LANGUAGES
    }
    drawn = random.Random(17)
    documents = list(seeds)
    for number in range(12):
        about = {
            "outlet": f"outlet-{number % 3}",
            "persons": tuple(sorted({f"person-{number % 4}", f"person-{number % 5}"})),
            "topics": (f"topic-{number % 2}",),
            "published_on": None if number == 5 else date(2010 + number % 6, 1 + number, 1),
        }
        for paragraph in range(1, drawn.randint(3, 7)):
            fr, en = (" ".join(drawn.sample(sentences[lang], 2)) for lang in LANGUAGES)
            documents.append(
                make_document(
                    fr,
                    en,
                    interview=f"drawn-{number}",
                    exchange=1 + paragraph // 3,
                    paragraph=paragraph,
                    **about,
                )
            )
    # An interview whose common words are in its title alone: they weigh B only, which
    # ranks them below a word at one place in a passage.
    titled = make_document("zorglub quixotique", "zorglub quixotic", interview="titled")
    documents.append(titled)
    documents.append(
        replace(
            titled,
            key="titled:meta",
            part="meta",
            paragraph=0,
            text={lang: "" for lang in LANGUAGES},
            title={lang: sentences[lang][0] for lang in LANGUAGES},
        )
    )
    return documents


def _counts() -> list[tuple]:
    """Each common word's count and best rank per interview (in several rows when the
    interview came in several batches, as searches read them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lang, lexeme, interview, sum(n), max(best) FROM search_common "
            "WHERE generation = (SELECT current FROM search_state) "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        )
        return cursor.fetchall()


def _counted_again() -> list[tuple]:
    """The counts as an edit makes them, for every interview: from the documents, with
    the server's ``ts_rank``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current FROM search_state")
        (generation,) = cursor.fetchone()
        cursor.execute(
            "SELECT DISTINCT interview FROM search_document WHERE generation = %s", [generation]
        )
        common.refresh(cursor, generation, [slug for (slug,) in cursor.fetchall()])
    return _counts()


@pytest.fixture
def rebuilt(db, tmp_path):
    backend = get_backend("postgres", path=tmp_path / "index")
    documents = _corpus()
    backend.rebuild(documents)
    yield backend, documents
    backend.close()


def test_a_rebuild_counts_each_interview_as_an_edit_does(rebuilt):
    made = _counts()
    assert len({lexeme for _, lexeme, *_ in made}) > 40  # words common enough were chosen
    assert len({interview for _, _, interview, *_ in made}) == 14
    assert any(best < common.ONCE for _, _, interview, _, best in made if interview == "titled")
    assert {kind for kind, *_ in made} == {*LANGUAGES, common.BOTH}
    assert made == _counted_again()


def _queries(documents: list) -> list[tuple[str, dict]]:
    """Each word of the corpus, searched as a reader may: in both languages or one, with
    a filter, by date, a page further on."""
    words = sorted(
        {
            (word.lower(), lang)
            for d in documents
            for lang, t in d.text.items()
            for word in re.findall(WORD, t)
        }
    )
    options = [
        {},
        {"lang": "fr"},
        {"lang": "en"},
        {"outlet": "outlet-1"},
        {"person": "person-2", "sort": "date"},
        {"topic": "topic-0", "date_from": date(2012, 1, 1), "date_to": date(2014, 12, 31)},
        {"interview": "drawn-3"},
        {"page": 2, "per_page": 3},
    ]
    return [(word, options[n % len(options)]) for n, (word, _) in enumerate(words)]


def _answers(backend, queries: list[tuple[str, dict]]) -> list:
    return [search(backend, word, **options) for word, options in queries]


def test_a_common_word_finds_what_reading_every_match_finds(rebuilt, monkeypatch):
    """Every word of the corpus, with every kind of option: the same total, facets and
    page of hits (and scores) whether a common word is counted per interview or each
    match is read."""
    backend, documents = rebuilt
    queries = _queries(documents)
    assert len(queries) > 300
    used = []
    matches = querying.matches
    monkeypatch.setattr(
        querying, "matches", lambda *args, **kw: used.append(args[-1]) or matches(*args, **kw)
    )
    counted = _answers(backend, queries)
    assert sum(kind is not None for kind in used) > 100  # most words here are common
    assert sum(kind == common.BOTH for kind in used) > 5  # names, numbers, "services"
    monkeypatch.setattr(common, "common_language", lambda *args: None)
    assert counted == _answers(backend, queries)


def test_an_edit_counts_its_interview_again(rebuilt, monkeypatch):
    """An edit's write in a generation with common words makes its interviews' counts
    again: as a rebuild would count them, and searches find what reading every match
    finds."""
    backend, documents = rebuilt
    drawn = [d for d in documents if d.interview == "drawn-2"]
    index(
        backend,
        [
            make_document(
                "Le portail, le portail et le service.",
                "The portal.",
                interview="drawn-2",
                exchange=1,
                paragraph=1,
                outlet=drawn[0].outlet,
                persons=drawn[0].persons,
                topics=drawn[0].topics,
                published_on=drawn[0].published_on,
            )
        ],
    )
    delete(backend, "drawn-4")
    index(backend, drawn[1:])
    made = _counts()
    assert not any(interview == "drawn-4" for _, _, interview, *_ in made)
    assert made == _counted_again()
    queries = [(word, {}) for word in ("portail", "le", "the", "service", "numérique")]
    counted = _answers(backend, queries)
    assert all(found.total for found in counted)
    monkeypatch.setattr(common, "common_language", lambda *args: None)
    assert counted == _answers(backend, queries)


def _choices(batches: list[list]) -> list[set[tuple[str, str]]]:
    """The common words (kind, lexeme) each of ``batches`` would choose as a worker's
    first (``common.Tally.choose``)."""
    rows, choices = Rows(0), []
    for batch in batches:
        tally = common.Tally(0)
        made = [rows.row(document) for document in batch]
        tally.choose([{lang: place(*row.lexemes[lang]) for lang in LANGUAGES} for row in made])
        assert tally.words is not None
        choices.append({(kind, word) for kind, words in tally.words.items() for word in words})
    return choices


class _Together:
    """A part of a rebuild whose worker waits, before reading it, until another worker
    holds the other such part: each is then the first part of a worker of its own."""

    def __init__(self, documents: list, barrier: Any) -> None:
        self.documents, self.barrier = documents, barrier

    def __iter__(self):
        self.barrier.wait(timeout=60)
        return iter(self.documents)


def test_a_rebuild_shared_between_processes_counts_as_one_process(
    transactional_db, tmp_path, monkeypatch
):
    """Workers choose their common words from their own first batches: the words all
    chose are kept, and an interview handed to two workers is counted once. (Which part
    a worker takes first is a race between the processes: the first two parts are made
    to go to two workers, each waiting for the other.)"""
    backend = get_backend("postgres", path=tmp_path / "index")
    documents = _corpus()
    batches = list(loading.batches(documents, 9))
    monkeypatch.setattr(postgres_backend, "usable_processors", lambda: 2)
    try:
        with multiprocessing.get_context("spawn").Manager() as manager:
            barrier = manager.Barrier(2)
            monkeypatch.setattr(
                loading,
                "batches",
                lambda *args: [_Together(batch, barrier) for batch in batches[:2]] + batches[2:],
            )
            backend.parallel_from = 20
            backend.rebuild(documents)
        first, second = _choices(batches[:2])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT lang, lexeme FROM search_common_word "
                "WHERE generation = (SELECT current FROM search_state)"
            )
            kept = set(cursor.fetchall())
        assert first != second and len({word for _, word in first & second}) > 20
        assert kept == first & second
        made = _counts()
        assert {(kind, lexeme) for kind, lexeme, *_ in made} <= kept
        assert made == _counted_again()
        # The interview the first two parts share, and the others, have one row each.
        assert {d.interview for d in batches[0]} & {d.interview for d in batches[1]}
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), count(DISTINCT interview) FROM search_interview")
            interviews = len({document.interview for document in documents})
            assert cursor.fetchone() == (interviews, interviews)
    finally:
        backend.close()
        empty_database_index()
