"""How the Whoosh backend keeps its index on disk and its searcher in memory."""

from __future__ import annotations

import os

import pytest
from whoosh import query

from search import engine
from search.backends import get_backend
from search.backends.whoosh import WhooshBackend
from search.backends.whoosh.backend import BUFFERED_PER_DOCUMENT, STALE_LAYOUT, rebuild_buffer
from search.documents import SearchQuery
from tests.search_engine.corpus import make_document, seed_documents
from tests.search_engine.helpers import index, record_reads, search


@pytest.fixture
def backend(tmp_path):
    backend = WhooshBackend(tmp_path / "index")
    yield backend
    backend.close()


def generations(backend: WhooshBackend) -> list[str]:
    return sorted(entry.name for entry in backend.generations.path.iterdir() if entry.is_dir())


def test_get_backend_loads_the_class_named_in_settings(tmp_path):
    backend = get_backend("search.backends.whoosh.WhooshBackend", path=str(tmp_path / "ix"))
    assert isinstance(backend, WhooshBackend)


@pytest.mark.parametrize(
    ("dotted_path", "error"),
    [
        ("search.backends.whoosh.Nothing", ImportError),
        ("nowhere.Backend", ImportError),
        ("WhooshBackend", ImportError),
        ("search.documents.SearchQuery", TypeError),
    ],
)
def test_get_backend_refuses_what_is_not_a_backend(tmp_path, dotted_path, error):
    with pytest.raises(error):
        get_backend(dotted_path, path=tmp_path)


def test_searches_reuse_the_open_index(backend, monkeypatch):
    index(backend, seed_documents())
    opened = []
    open_generation = backend.generations.open
    monkeypatch.setattr(
        backend.generations, "open", lambda name: opened.append(name) or open_generation(name)
    )
    for text in ("portail", "numerique", "single portal", "portail"):
        backend.search(SearchQuery(text))
    assert len(opened) == 1  # by the first search; the others reuse it
    index(backend, [make_document("un guichet")])
    assert backend.search(SearchQuery("guichet")).total == 1


def test_rebuild_keeps_the_live_generation_and_the_one_before(backend):
    for _ in range(3):
        backend.rebuild(seed_documents())
    assert len(generations(backend)) == 2
    assert backend.generations.current() == generations(backend)[-1]


def test_a_searcher_opened_before_a_rebuild_still_answers(backend):
    index(backend, seed_documents())
    old = backend.generations.open(backend.generations.current()).searcher()
    backend.rebuild([make_document("un guichet unique")])
    assert len(old.search(query.Term("text_fr", "portail"))) == 2
    old.close()


def test_a_rebuild_that_died_leaves_nothing_in_the_way(backend):
    crashed = backend.generations.path / "gen-0-crashed"
    crashed.mkdir()
    (backend.generations.path / "BUILDING").write_text(crashed.name)
    index(backend, [make_document("un guichet")])  # no rebuild holds the lock: no journal
    assert not (backend.generations.path / f"{crashed.name}.journal").exists()
    backend.rebuild(seed_documents())
    assert crashed.name not in generations(backend)
    assert not (backend.generations.path / "BUILDING").exists()


def test_an_empty_index_can_be_searched_and_then_filled(backend):
    assert backend.search(SearchQuery("portail")).total == 0
    assert backend.keys() == {}
    index(backend, seed_documents())
    assert backend.search(SearchQuery("portail")).total == 2


def test_facets_on_several_values_read_only_the_matched_documents(backend):
    index(
        backend,
        [
            make_document("portail", persons=("alice", "bob")),
            make_document("guichet", persons=("carol",)),
        ],
    )
    assert backend.search(SearchQuery("portail")).facets["person"] == {"alice": 1, "bob": 1}


def test_an_index_of_an_earlier_layout_asks_for_a_rebuild(backend, tmp_path):
    index(backend, seed_documents())
    generations = backend.generations
    (generations.path / generations.current() / "LAYOUT").unlink()
    stale = WhooshBackend(tmp_path / "index")
    results = stale.search(SearchQuery("portail"))
    assert results.error and "rebuild_index" in str(results.error)
    assert set(stale.keys().values()) == {STALE_LAYOUT}
    stale.rebuild(seed_documents())
    assert stale.search(SearchQuery("portail")).total == 2
    assert STALE_LAYOUT not in stale.keys().values()


def test_warming_reads_what_a_search_needs_from_every_segment(backend, monkeypatch):
    index(backend, seed_documents())
    index(backend, [make_document("portail", persons=("alice",))])  # a second segment
    backend.warm()
    reads = record_reads(monkeypatch)
    assert backend.search(SearchQuery("portail")).facets["person"]["alice"] == 1
    # Facet values, dates and lengths were read by warm(): only the word is left.
    assert {what for what, _ in reads} == {"read_postings"}
    assert {fieldname for _, fieldname in reads} <= {"text_fr", "meta_fr", "text_en", "meta_en"}


def test_a_rebuild_writes_with_a_process_per_processor_this_process_may_use(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert WhooshBackend(tmp_path).rebuild_processes == 3


def test_python_313_counts_the_processors_this_process_may_use(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "process_cpu_count", lambda: 4, raising=False)
    assert WhooshBackend(tmp_path).rebuild_processes == 4


def test_without_affinity_a_rebuild_counts_the_machines_processors(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert WhooshBackend(tmp_path).rebuild_processes == 6


def test_settings_choose_how_many_processes_rebuild(settings, whoosh_index):
    settings.SEARCH_BACKEND_OPTIONS = {"rebuild_processes": 1}
    backend = engine.backend()
    assert backend.rebuild_processes == 1
    assert backend.rebuild(seed_documents()) == len(seed_documents())
    assert search(backend, "portail").total == 2


def test_a_rebuild_needs_at_least_one_process(tmp_path):
    with pytest.raises(ValueError, match="at least 1"):
        WhooshBackend(tmp_path, rebuild_processes=0)


def test_a_rebuild_given_one_key_twice_fails_and_changes_nothing(backend):
    index(backend, seed_documents())
    before = backend.keys()
    twice = make_document("un guichet", paragraph=1)
    with pytest.raises(ValueError, match="Two documents have the key"):
        backend.rebuild([twice, twice])
    assert backend.keys() == before


def numbered_documents(count: int, words: str = "un guichet unique") -> list:
    return [make_document(f"{words} {n}", exchange=n, paragraph=1) for n in range(1, count + 1)]


def counting_writes(backend: WhooshBackend, monkeypatch) -> list[str]:
    """The keys each rebuild writer of ``backend`` is given, in order."""
    added: list[str] = []
    make_writer = backend._rebuild_writer

    def counted(ix):
        writer = make_writer(ix)
        add = writer.add_document
        writer.add_document = lambda **fields: (added.append(fields["key"]), add(**fields))[1]
        return writer

    monkeypatch.setattr(backend, "_rebuild_writer", counted)
    return added


def test_a_rebuild_commits_before_its_writers_buffers_overflow(tmp_path):
    # 1 MB holds 32 documents (BUFFERED_PER_DOCUMENT): past them, Whoosh would spill every
    # posting of the commit to disk and merge them back.
    backend = WhooshBackend(
        tmp_path / "index", rebuild_processes=1, rebuild_commit_every=1000, rebuild_buffer_mb=1
    )
    assert 2**20 // BUFFERED_PER_DOCUMENT == 32
    assert backend.rebuild(numbered_documents(70)) == 70
    ix = backend.generations.open(backend.generations.current())
    with ix.searcher() as searcher:
        assert [leaf.doc_count_all() for leaf, _ in searcher.leaf_searchers()] == [32, 32, 6]
    assert search(backend, "guichet").total == 70


def test_a_rebuild_writers_buffer_is_a_share_of_the_machines_memory(tmp_path):
    memory_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
    assert rebuild_buffer(1) == max(128, min(4096, memory_mb // 4))
    assert 128 <= rebuild_buffer(64) <= rebuild_buffer(2) <= rebuild_buffer(1) <= 4096
    backend = WhooshBackend(tmp_path / "index", rebuild_processes=2)
    assert backend.rebuild_buffer_mb == rebuild_buffer(2)


def died_after(tmp_path, documents: list, count: int) -> WhooshBackend:
    """A backend that commits every 2 documents, whose rebuild of ``documents`` died
    after the first ``count``."""
    backend = WhooshBackend(tmp_path / "index", rebuild_processes=1, rebuild_commit_every=2)

    def dies():
        yield from documents[:count]
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        backend.rebuild(dies())
    return backend


def test_a_rebuild_that_died_half_way_is_resumed_not_restarted(tmp_path, monkeypatch):
    documents = numbered_documents(8)
    backend = died_after(tmp_path, documents, 5)
    building = (backend.generations.path / "BUILDING").read_text()
    written = counting_writes(backend, monkeypatch)
    assert backend.rebuild(documents) == 8
    # Commits came after 2 documents, then 2 more: the 4 others are all it wrote again.
    assert written == [document.key for document in documents[4:]]
    assert backend.generations.current() == building
    assert backend.keys() == {document.key: document.fingerprint for document in documents}
    assert search(backend, "guichet").total == 8


def test_a_resumed_rebuild_replaces_what_changed_and_drops_what_is_gone(tmp_path, monkeypatch):
    documents = numbered_documents(4)
    backend = died_after(tmp_path, documents, 3)
    changed = make_document("un portail neuf", exchange=2, paragraph=1)
    now = [documents[0], changed, documents[3]]  # the third was deleted meanwhile
    written = counting_writes(backend, monkeypatch)
    backend.rebuild(now)
    assert written == [changed.key, documents[3].key]
    assert backend.keys() == {document.key: document.fingerprint for document in now}
    assert search(backend, "portail").total == 1
    assert search(backend, "guichet").total == 2


def test_a_generation_of_another_layout_is_not_resumed(tmp_path):
    backend = died_after(tmp_path, numbered_documents(3), 3)
    building = (backend.generations.path / "BUILDING").read_text()
    (backend.generations.path / building / "LAYOUT").write_text("an older one")
    backend.rebuild(numbered_documents(3))
    assert backend.generations.current() != building
    assert building not in generations(backend)


def test_a_search_asked_again_is_answered_as_before_until_the_index_changes(backend):
    index(backend, seed_documents())
    first = backend.search(SearchQuery("portail"))
    assert backend.search(SearchQuery("portail")) is first
    assert backend.search(SearchQuery("portail", page=2)) is not first
    index(backend, [make_document("un portail neuf", interview="new")])
    assert backend.search(SearchQuery("portail")).total == first.total + 1


def test_an_answer_cut_short_by_its_time_limit_is_not_kept(backend, monkeypatch):
    index(backend, seed_documents())
    clock = iter([0.0])  # the deadline is set at 0.5 s; every later reading is past it
    monkeypatch.setattr("search.backends.whoosh.backend.time.monotonic", lambda: next(clock, 1e12))
    partial = backend.search(SearchQuery("portail", time_limit=0.5))
    assert partial.partial
    monkeypatch.undo()
    assert not backend.search(SearchQuery("portail", time_limit=0.5)).partial


def test_a_backend_may_keep_no_answers(tmp_path):
    backend = WhooshBackend(tmp_path / "index", answers_kept=0)
    index(backend, seed_documents())
    assert backend.search(SearchQuery("portail")) is not backend.search(SearchQuery("portail"))
    backend.close()


def record_vocabulary_reads(monkeypatch) -> list[tuple[str, str]]:
    """The segments (by id) and fields whose terms the suggester reads from now on."""
    from search.backends.whoosh import spelling
    from search.backends.whoosh.internals import segment_id

    reads: list[tuple[str, str]] = []
    read = spelling.field_terms

    def recorded(reader, fieldname):
        reads.append((segment_id(reader), fieldname))
        return read(reader, fieldname)

    monkeypatch.setattr(spelling, "field_terms", recorded)
    return reads


def test_a_warmed_process_suggests_without_reading_the_vocabulary(backend, monkeypatch):
    index(backend, seed_documents())
    index(backend, [make_document("un xylophone", interview="music")])  # a second segment
    fresh = WhooshBackend(backend.path, create=False)  # as a new worker finds the index
    fresh.warm()
    reads = record_vocabulary_reads(monkeypatch)
    assert fresh.search(SearchQuery("xylophome")).suggestion == "xylophone"
    assert fresh.search(SearchQuery("portial")).suggestion == "portail"
    assert reads == []
    fresh.close()


def test_after_a_save_the_suggester_reads_only_the_new_segment(backend, monkeypatch):
    index(backend, seed_documents())
    backend.warm()
    reads = record_vocabulary_reads(monkeypatch)
    index(backend, [make_document("un xylophone", interview="music")])
    assert backend.search(SearchQuery("xylophome")).suggestion == "xylophone"
    assert len({segment for segment, _ in reads}) == 1
    assert {fieldname for _, fieldname in reads} == {"text_fr", "meta_fr", "text_en", "meta_en"}


def test_the_vocabulary_drops_the_terms_of_a_segment_that_left(backend):
    from search.backends.whoosh.spelling import Spelling

    index(backend, seed_documents())
    index(backend, [make_document("un xylophone", "a xylophone", interview="music")])
    segments = [segment for segment, _, _ in backend._segments.segments(backend._searcher())]
    assert len(segments) == 2
    kept, fresh = Spelling(), Spelling()
    misspelt = ["xylophome", "portial", "numerik", "guichett", "servises", "publiks"]
    for lang in ("fr", "en"):
        assert kept.vocabulary(segments, lang).nearest("xylophome")
    for lang in ("fr", "en"):
        # As merging the second segment away would leave the index.
        left, alone = kept.vocabulary(segments[:1], lang), fresh.vocabulary(segments[:1], lang)
        assert [left.nearest(word) for word in misspelt] == [
            alone.nearest(word) for word in misspelt
        ]
        assert not left.nearest("xylophome")
