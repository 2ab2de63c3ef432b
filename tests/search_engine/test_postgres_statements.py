"""What the PostgreSQL backend asks the database for a search (collected on PostgreSQL
only: see the conftest)."""

from __future__ import annotations

import re
from importlib import import_module
from itertools import pairwise

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from search.analysis import WORD
from search.backends import get_backend
from search.backends.base import IndexUnavailable
from search.backends.postgres import common, writing
from search.documents import MAX_PER_PAGE
from tests.conftest import empty_database_index
from tests.factories import make_interview
from tests.search_engine.corpus import make_document, seed_documents
from tests.search_engine.helpers import index, keys, search


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


@pytest.mark.parametrize(
    ("text", "prefixed"), [("porta*", True), ("servi* -porta*", True), ("portail", False)]
)
def test_a_prefix_is_searched_through_the_gin_index(seeded, text, prefixed):
    """A prefix is an OR of many lexemes, whose matches the planner overestimates (it
    adds their shares) so much that it would test the OR on every row: a search with a
    prefix does not read whole tables (``benchmarks/RESULTS.md``: tri* on realistic 10k,
    13 s reading every row, 2.8 s through the index)."""
    with CaptureQueriesContext(connection) as queries:
        assert search(seeded, text).total > 0
    setting = "SELECT set_config('enable_seqscan', 'off', true)"
    assert any(query["sql"] == setting for query in queries) == prefixed


# Words each engine's own analysis would part or join differently: inner apostrophes,
# underscores, digits and letters, French accented suffixes folded before stemming,
# ligatures, elisions and possessives.
_AWKWARD = [
    make_document(
        "Publiée hier, publiant demain, des études publiées : capacités, capacite, "
        "persuadés, chlorée, l’apprécier, c’un, aujourd’hui, porte_parole, œuvre, 87,6 "
        "milliards, x2y, 3d",
        "O'Connor and Morocco's officers, away’ve, don't, she’s, computers benefitted, "
        "135,534 requirements, the_state, Chinese evening",
    ),
    make_document("L’œuvre publiée d’O’Connor", "The general's olde farmed children"),
]


def test_both_backends_find_the_same_passages_for_every_word_and_pair(db, tmp_path):
    """The PostgreSQL backend's lexemes are the Whoosh backend's terms: for every word of
    the seed and of awkward texts, alone or with the next one in a phrase, in each
    language, both find the same passages."""
    documents = [*seed_documents(), *_AWKWARD]
    whoosh = get_backend("whoosh", path=tmp_path / "whoosh")
    postgres = get_backend("postgres", path=tmp_path / "postgres")
    for backend in (whoosh, postgres):
        backend.rebuild(documents)
    queries = set()
    for document in documents:
        for lang, text in document.text.items():
            words = re.findall(WORD, text)
            queries |= {(word, lang) for word in words}
            queries |= {(f'"{a} {b}"', lang) for a, b in pairwise(words)}
    assert len(queries) > 1000

    def found(backend, text: str, lang: str) -> tuple[int, list[str]]:
        results = search(backend, text, lang=lang, per_page=MAX_PER_PAGE)
        assert results.total <= MAX_PER_PAGE  # every passage found is on the page
        return results.total, sorted(keys(results))  # the engines rank them alike or not

    differing = [
        (text, lang)
        for text, lang in sorted(queries)
        if found(whoosh, text, lang) != found(postgres, text, lang)
    ]
    assert differing == []
    whoosh.close()


def _configurations() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'archive_%%'")
        return {name for (name,) in cursor.fetchall()}


def _latest() -> list[tuple[str, str]]:
    """The search app's last migration, as ``MigrationExecutor.migrate`` takes it."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes("search")


def _words_without_lexemes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The words written as before migration 0009, without their lexemes."""
    monkeypatch.setattr(
        writing,
        "_INSERT_WORDS",
        "INSERT INTO search_word (lang, folded, word) SELECT lang, folded, word "
        "FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) u (lang, folded, word, _) "
        "ON CONFLICT DO NOTHING",
    )


def _words() -> list[tuple[str, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM search_word ORDER BY lang, folded")
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_the_migration_to_the_archives_terms_empties_an_index_made_before(tmp_path, monkeypatch):
    """Migration 0006: an index whose lexemes were the server's stems is emptied, and
    missing until ``rebuild_index``; the text search configurations go (and come back
    when it is undone)."""
    before, after, latest = (
        [("search", "0005_search_body_as_text")],
        [("search", "0006_search_lexemes_are_the_archives_terms")],
        _latest(),
    )
    # As the archive opens it once it has interviews: a missing index is not made empty.
    backend = get_backend("postgres", path=tmp_path / "index", create=False)
    try:
        MigrationExecutor(connection).migrate(before)
        assert _configurations() == {"archive_fr", "archive_en"}
        make_interview()  # an archive with interviews: its index must be made again
        with monkeypatch.context() as before_0007:  # no counts of common words yet
            before_0007.setattr(common, "refresh", lambda *args: None)
            before_0007.setattr(common, "common_language", lambda *args: None)
            _words_without_lexemes(before_0007)
            backend.create = True
            index(backend, seed_documents())
            backend.create = False
            assert search(backend, "portail").total > 0
        MigrationExecutor(connection).migrate(after)
        assert _configurations() == set()
        with pytest.raises(IndexUnavailable) as missing:
            search(backend, "portail")
        assert missing.value.reason == IndexUnavailable.MISSING
        MigrationExecutor(connection).migrate(latest)
        backend.rebuild(seed_documents())
        assert search(backend, "portail").total > 0
    finally:
        MigrationExecutor(connection).migrate(latest)
        empty_database_index()


def _generation_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname ~ '^search_[a-z]+_g[0-9]+$'")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_migration_to_snowball_3_stems_empties_an_index_made_before(tmp_path, monkeypatch):
    """Migration 0008: an index whose stems were Whoosh's port's is emptied (its
    generations' tables dropped, the words did-you-mean knew forgotten), and missing until
    ``rebuild_index``; undoing it empties it the same way."""
    before, after = (
        [("search", "0007_search_common_words")],
        [("search", "0008_search_snowball_3_stems")],
    )
    backend = get_backend("postgres", path=tmp_path / "index", create=False)
    _words_without_lexemes(monkeypatch)
    try:
        MigrationExecutor(connection).migrate(before)
        make_interview()  # an archive with interviews: its index must be made again
        backend.rebuild(seed_documents())
        assert search(backend, "portail").total > 0
        assert _generation_tables()
        MigrationExecutor(connection).migrate(after)
        with pytest.raises(IndexUnavailable) as missing:
            search(backend, "portail")
        assert missing.value.reason == IndexUnavailable.MISSING
        assert _generation_tables() == set()
        assert _words() == []
        backend.rebuild(seed_documents())
        assert search(backend, "portail").total > 0
        MigrationExecutor(connection).migrate(before)
        with pytest.raises(IndexUnavailable):
            search(backend, "portail")
    finally:
        MigrationExecutor(connection).migrate(_latest())
        empty_database_index()


@pytest.mark.django_db(transaction=True)
def test_the_migration_to_word_lexemes_gives_the_words_known_those_a_rebuild_gives(
    tmp_path, monkeypatch
):
    """Migration 0009: the words did-you-mean and prefixes know are given their lexemes,
    as a rebuild writes them; undone, the lexemes go."""
    before, after = (
        [("search", "0008_search_snowball_3_stems")],
        [("search", "0009_search_word_lexemes")],
    )
    backend = get_backend("postgres", path=tmp_path / "index")
    try:
        MigrationExecutor(connection).migrate(before)
        with monkeypatch.context() as before_0009:
            _words_without_lexemes(before_0009)
            backend.rebuild(seed_documents())
        known = _words()
        assert len(known) > 500 and all(len(word) == 3 for word in known)
        MigrationExecutor(connection).migrate(after)
        migrated = _words()
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_word")
        backend.rebuild(seed_documents())
        assert migrated == _words()
        assert [word[:3] for word in migrated] == known
        assert {lexeme for *_, lexeme in migrated} >= {"'portail'", "'numer'"}
        MigrationExecutor(connection).migrate(before)
        assert _words() == known
    finally:
        MigrationExecutor(connection).migrate(_latest())
        backend.close()
        empty_database_index()


def _collations() -> set[str | None]:
    """The collations of the names migration 0010 collates, in the index's tables and
    their partitions (None: the database's own)."""
    names = import_module("search.migrations.0010_search_identifiers_compare_bytes").COLUMNS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.collation_name FROM information_schema.columns c "
            "JOIN unnest(%s::text[], %s::text[]) n (parent, name) "
            "ON c.column_name = n.name "
            "AND c.table_name ~ ('^' || n.parent || '(_g[0-9]+|_default)?$') "
            "WHERE c.table_schema = current_schema()",
            [
                [table for table, columns in names.items() for _ in columns],
                [column for columns in names.values() for column in columns],
            ],
        )
        return {collation for (collation,) in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_migration_to_names_compared_as_bytes_keeps_the_index(tmp_path):
    """Migration 0010: the index's names (keys, slugs, uids, the languages and lexemes of
    the counts of common words) compare byte by byte, in every generation's tables and in
    those a rebuild makes, which attach; the index is kept and searched alike. Undone,
    they compare as the database's locale does."""
    before, after = (
        [("search", "0009_search_word_lexemes")],
        [("search", "0010_search_identifiers_compare_bytes")],
    )
    backend = get_backend("postgres", path=tmp_path / "index")
    queries = ("portail", "de")  # a word, and one of the common words

    def found() -> list[tuple[int, list[str]]]:
        return [
            (results.total, keys(results))
            for results in (search(backend, text, per_page=MAX_PER_PAGE) for text in queries)
        ]

    try:
        MigrationExecutor(connection).migrate(before)
        backend.rebuild(seed_documents())
        assert _collations() == {None}
        with connection.cursor() as cursor:  # "de" is searched through its counts
            cursor.execute("SELECT 1 FROM search_common_word WHERE lexeme = %s", ["'de'"])
            assert cursor.fetchall()
        made = found()
        MigrationExecutor(connection).migrate(after)
        assert _collations() == {"C"}
        assert found() == made
        backend.rebuild(seed_documents())
        assert found() == made
        MigrationExecutor(connection).migrate(before)
        assert _collations() == {None}
        assert found() == made
    finally:
        MigrationExecutor(connection).migrate(_latest())
        backend.close()
        empty_database_index()
