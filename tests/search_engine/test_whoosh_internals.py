"""Each function of ``search/backends/whoosh/internals/`` answers what Whoosh's public
API answers, one value at a time, on an index of several segments with deletions: the
guard of what it reads from Whoosh's undocumented structures."""

from __future__ import annotations

from datetime import date

import pytest
from whoosh import index, query

from search.backends.whoosh import WhooshBackend
from search.backends.whoosh.index import SCHEMA, document_fields
from search.backends.whoosh.internals import (
    INLINE_LIMIT,
    decode_positions,
    deleted_docs,
    field_lengths,
    field_terms,
    leaf_searchers,
    numbers,
    read_postings,
    segment_id,
    writer,
)
from search.backends.whoosh.internals.writing import _Codec
from search.documents import SearchQuery
from tests.search_engine.corpus import make_document, seed_documents

# Past one block of postings (1,024), so that postings are read across blocks.
MANY = 1100


def _documents():
    yield from seed_documents()
    for n in range(1, MANY + 1):
        yield make_document(
            f"portail numéro {n} " + "services publics " * (n % 5),
            f"portal number {n}" if n % 3 else "",
            interview=f"many-{n % 9}",
            persons=("alice", "bob") if n % 2 else ("carol",),
            published_on=None if n % 4 == 0 else date(2020, 1 + n % 12, 1 + n % 28),
            paragraph=n,
        )


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """Three segments (the seed, many documents, a few more), some documents deleted."""
    backend = WhooshBackend(tmp_path_factory.mktemp("index"))
    documents = list(_documents())
    backend.replace_interviews((), documents[: len(seed_documents())])
    backend.replace_interviews((), documents[len(seed_documents()) :])
    backend.replace_interviews(["many-3"], [make_document("un guichet", interview="late")])
    yield backend
    backend.close()


def _open(backend):
    return backend.generations.open(backend.generations.current()).searcher()


@pytest.fixture(scope="module")
def searcher(backend):
    searcher = _open(backend)
    yield searcher
    searcher.close()


def _readers(searcher):
    return [reader for reader, _ in searcher.reader().leaf_readers()]


# With positions (read for phrases) and without.
FIELDS = ["text_fr", "text_en", "grams_fr", "persons", "interview", "key"]


def test_the_index_has_several_segments_and_deletions(searcher):
    readers = _readers(searcher)
    assert len(readers) > 1
    assert any(reader.has_deletions() for reader in readers)


@pytest.mark.parametrize("fieldname", FIELDS)
def test_postings_are_whooshs_postings(searcher, fieldname):
    positions = SCHEMA[fieldname].format.supports("positions")
    for reader in _readers(searcher):
        alive = set(reader.all_doc_ids())
        for text in reader.lexicon(fieldname):
            found = read_postings(reader, fieldname, text, values=positions)
            expected = []
            matcher = reader.postings(fieldname, text)
            while matcher.is_active():
                value = matcher.value() if positions else None
                expected.append((matcher.id(), matcher.weight(), value))
                matcher.next()
            assert [
                (int(docnum), float(found.weights[i]), found.values[i] if positions else None)
                for i, docnum in enumerate(found.ids)
                if docnum in alive
            ] == expected


def test_a_term_past_one_block_is_read_whole(searcher):
    reader = max(_readers(searcher), key=lambda reader: reader.doc_count_all())
    found = read_postings(reader, "text_fr", b"portail")
    assert len(found.ids) >= MANY
    assert list(found.ids) == sorted(found.ids)


def test_an_unknown_term_has_no_postings(searcher):
    reader = _readers(searcher)[0]
    found = read_postings(reader, "text_fr", b"introuvable", values=True)
    assert (len(found.ids), len(found.weights), found.values) == (0, 0, [])


def test_positions_decode_as_whoosh_decodes_them(searcher):
    fmt = SCHEMA["text_fr"].format
    for reader in _readers(searcher):
        for text in ("portail", "numéro", "services"):
            for value in read_postings(reader, "text_fr", text.encode(), values=True).values:
                assert decode_positions(value) == fmt.decode_positions(value)


@pytest.mark.parametrize("fieldname", ["text_fr", "text_en", "meta_fr"])
def test_field_lengths_are_whooshs(searcher, fieldname):
    for reader in _readers(searcher):
        size = reader.doc_count_all()
        expected = [reader.doc_field_length(d, fieldname) or 0 for d in range(size)]
        assert field_lengths(reader, fieldname, size).tolist() == expected


@pytest.mark.parametrize("fieldname", ["published_on", "exchange", "paragraph"])
def test_numbers_are_whooshs_column_values(searcher, fieldname):
    for reader in _readers(searcher):
        size = reader.doc_count_all()
        column = reader.column_reader(fieldname)
        assert numbers(reader, fieldname, size).tolist() == [column[d] for d in range(size)]


def test_a_column_no_document_has_reads_as_zeros(tmp_path):
    backend = WhooshBackend(tmp_path)
    backend.replace_interviews((), [make_document("portail", published_on=None)])
    searcher = backend.generations.open(backend.generations.current()).searcher()
    (reader,) = _readers(searcher)
    assert numbers(reader, "published_on", 1).tolist() == [0]
    searcher.close()


def test_deleted_documents_are_those_whoosh_does_not_list(searcher):
    for reader in _readers(searcher):
        every = set(range(reader.doc_count_all()))
        assert deleted_docs(reader) == every - set(reader.all_doc_ids())


def test_leaf_searchers_are_the_segments_in_order(searcher):
    leaves = leaf_searchers(searcher)
    assert [offset for _, offset in leaves] == [
        offset for _, offset in searcher.reader().leaf_readers()
    ]
    ids = [segment_id(leaf.reader()) for leaf, _ in leaves]
    assert len(set(ids)) == len(ids)


def test_a_segment_keeps_its_id_in_another_searcher(backend, searcher):
    other = _open(backend)
    assert [segment_id(reader) for reader in _readers(other)] == [
        segment_id(reader) for reader in _readers(searcher)
    ]
    other.close()


def test_an_index_written_with_the_archives_codec_searches_as_whooshs_own(tmp_path):
    """The codec changes how postings are laid out, never what a search finds."""
    searchers = []
    for name, make_writer in (("ours", writer), ("whooshs", lambda ix: ix.writer())):
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), SCHEMA)
        with make_writer(ix) as w:
            for document in _documents():
                w.add_document(**document_fields(document))
        searchers.append(ix.searcher())
    ours, whooshs = searchers
    for q in (query.Term("text_fr", "portail"), query.Term("text_en", "portal")):
        for limit in (10, None):
            assert [(hit.docnum, hit.score) for hit in ours.search(q, limit=limit)] == [
                (hit.docnum, hit.score) for hit in whooshs.search(q, limit=limit)
            ]
    size = ours.doc_count_all()
    lengths = [[s.doc_field_length(d, "text_fr") for d in range(size)] for s in searchers]
    assert lengths[0] == lengths[1]
    for searcher in searchers:
        searcher.close()


def _segment_files(path) -> dict[str, bytes]:
    """The segment's files (terms, postings, columns), named without the segment's random
    id."""
    return {
        file.name.split(".", 1)[1]: file.read_bytes()
        for file in path.iterdir()
        if file.name.startswith("MAIN_") and "." in file.name
    }


@pytest.mark.parametrize("merged", [False, True], ids=["written", "merged"])
def test_the_archives_writer_writes_the_bytes_whooshs_own_writer_writes(tmp_path, merged):
    """Postings grouped by term and written a list at a time: the same segment files as
    Whoosh's pool of postings written one at a time, with the same codec; and the same
    after a merge of segments (a save's ``merge_small``), which reads postings back."""
    written = {}
    for name, make_writer in (
        ("ours", writer),
        ("whooshs", lambda ix: ix.writer(codec=_Codec(), compound=False)),
    ):
        path = tmp_path / name
        path.mkdir()
        ix = index.create_in(str(path), SCHEMA)
        documents = list(_documents())
        halves = (documents[: MANY // 2], documents[MANY // 2 :]) if merged else (documents,)
        for half in halves:
            with make_writer(ix) as w:
                for document in half:
                    w.add_document(**document_fields(document))
        if merged:
            w = make_writer(ix)
            w.delete_by_term("interview", "many-3")
            w.commit(optimize=True)
        assert len(ix.searcher().reader().leaf_readers()) == 1
        written[name] = _segment_files(path)
    assert {"trm", "pst", "_text_fr_len.col"} <= set(written["ours"])
    assert written["ours"] == written["whooshs"]


def test_positions_encoded_once_read_back_as_whooshs_encoding(tmp_path, monkeypatch):
    """A single position's encoding is one object for every posting at that position,
    which the pickle of a block then holds once: smaller postings, the same values."""
    from search.backends.whoosh import postings

    readers = {}
    for name, kept in (("once", postings._ONCE_KEPT), ("whooshs", 0)):
        monkeypatch.setattr(postings, "_ONCE_KEPT", kept)
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), SCHEMA)
        with writer(ix) as w:
            for document in _documents():
                w.add_document(**document_fields(document))
        readers[name] = ix.reader()
    once, whooshs = readers["once"], readers["whooshs"]
    compared = 0
    for fieldname in ("text_fr", "text_en", "grams_fr", "meta_en"):
        assert field_terms(once, fieldname) == field_terms(whooshs, fieldname)
        for text, _ in field_terms(once, fieldname):
            ours = read_postings(once, fieldname, text, values=True)
            theirs = read_postings(whooshs, fieldname, text, values=True)
            assert ours.ids.tolist() == theirs.ids.tolist()
            assert list(ours.values) == list(theirs.values)
            compared += 1
    assert compared > 1000
    sizes = {
        name: sum(f.stat().st_size for f in (tmp_path / name).glob("*.pst")) for name in readers
    }
    assert sizes["once"] < sizes["whooshs"]
    for reader in readers.values():
        reader.close()


@pytest.mark.parametrize("options", [{"vector": True}, {"spelling": True}])
def test_the_archives_writer_refuses_fields_it_does_not_write(tmp_path, options):
    from whoosh import analysis, fields

    text = fields.TEXT(analyzer=analysis.StemmingAnalyzer(), **options)
    ix = index.create_in(str(tmp_path), fields.Schema(text=text))
    for _ in range(2):  # the index's lock released by the first refusal
        with pytest.raises(NotImplementedError):
            writer(ix)


def test_short_posting_lists_are_inlined_in_the_terms_table(searcher):
    reader = max(_readers(searcher), key=lambda reader: reader.doc_count_all())
    terms = reader._terms
    rare = next(
        text for text in reader.lexicon("text_fr") if reader.doc_frequency("text_fr", text) == 1
    )
    assert terms.term_info("text_fr", rare).is_inlined()
    assert not terms.term_info("text_fr", b"portail").is_inlined()
    assert reader.doc_frequency("text_fr", b"portail") >= INLINE_LIMIT


def test_segments_holding_inlined_postings_merge(tmp_path):
    backend = WhooshBackend(tmp_path)
    # Each write is a small segment; Whoosh merges small segments as writes come.
    for n in range(1, 25):
        document = make_document(f"guichet {n}", interview=f"i{n}", exchange=n, paragraph=1)
        backend.replace_interviews((), [document])
    searcher = _open(backend)
    assert len(_readers(searcher)) < 24
    searcher.close()
    assert backend.search(SearchQuery("guichet")).total == 24
    assert len(backend.keys()) == 24
    backend.close()


@pytest.mark.parametrize("fieldname", ["text_fr", "meta_en", "persons", "key", "absent"])
def test_field_terms_are_whooshs_terms_and_document_frequencies(searcher, fieldname):
    for reader in _readers(searcher):
        expected = [
            (text, info.doc_frequency())
            for text, info in (reader.iter_field(fieldname) if fieldname in SCHEMA else ())
        ]
        assert field_terms(reader, fieldname) == expected


def _segment_sizes(ix) -> list[int]:
    with ix.reader() as reader:
        return sorted(leaf.doc_count_all() for leaf, _ in reader.leaf_readers())


def _index_of_segments(path, sizes: list[int]):
    from whoosh import fields, index

    ix = index.create_in(str(path), fields.Schema(id=fields.ID(stored=True)))
    number = 0
    for size in sizes:
        w = ix.writer()
        for _ in range(size):
            w.add_document(id=str(number))
            number += 1
        w.commit(merge=False)
    return ix


@pytest.mark.parametrize("policy", ["whoosh", "archive"])
def test_a_save_merges_only_small_segments_never_a_rebuilds(tmp_path, monkeypatch, policy):
    """Whoosh's MERGE_SMALL counts segments against a Fibonacci threshold, whatever their
    size, and merges large ones with the small; the archive's policy applies it to the
    small segments (a save's) only, so that a rebuild's large ones stay as they are (at
    50k interviews Whoosh's merged all 27 of them, 2 million documents, on the first
    save)."""
    from whoosh.writing import MERGE_SMALL

    from search.backends.whoosh.internals import writing as internals

    monkeypatch.setattr(internals, "SMALL_SEGMENT", 10)
    large, small = [20] * 10, [1] * 3  # a rebuild's segments, then three saves'
    ix = _index_of_segments(tmp_path, large + small)
    w = ix.writer()
    w.add_document(id="saved")
    w.commit(mergetype=MERGE_SMALL if policy == "whoosh" else internals.merge_small)
    sizes = _segment_sizes(ix)
    assert sum(sizes) == sum(large + small) + 1
    if policy == "whoosh":
        assert sizes.count(20) < len(large)
    else:
        assert sizes.count(20) == len(large)


def test_the_saves_segments_are_still_merged(tmp_path, monkeypatch):
    from search.backends.whoosh.internals import writing as internals

    monkeypatch.setattr(internals, "SMALL_SEGMENT", 10)
    ix = _index_of_segments(tmp_path, [20] * 2 + [1] * 8)
    w = ix.writer()
    w.add_document(id="saved")
    w.commit(mergetype=internals.merge_small)
    sizes = _segment_sizes(ix)
    assert sizes.count(20) == 2
    assert len(sizes) < 2 + 8 + 1
