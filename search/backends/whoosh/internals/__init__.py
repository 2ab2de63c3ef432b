"""Every use of what Whoosh does not document, in one place: ``reading`` (posting lists,
terms, lengths and columns read whole) and ``writing`` (the archive's codec and writers).

What it relies on, all of whoosh-reloaded 2.7.5 (``whoosh.codec.whoosh3`` and
``whoosh.matching``):

- ``SegmentReader._terms``, its ``term_info()``, ``matcher()``, ``_fieldmap`` and
  ``_tindex`` (an ``OrderedHashReader``: ``closest_key_pos()``, ``endofdata``, ``dbfile``;
  its entries are a key length and a data length as two big-endian ints, the key (the
  field's number as a big-endian ushort, then the term), then the ``W3TermInfo``, whose
  document frequency is the uint after its flags byte and float weight), and the
  ``W3LeafMatcher`` it returns: ``._data``, ``._read_data()``, ``._next_block()`` (a
  block of postings, its ids delta-encoded); a term's postings inlined in its
  ``W3TermInfo`` (``inlined_postings()``: ids, weights, values);
- ``W3FieldWriter.start_term()`` and its ``_postwriter``, ``_btext``, ``_fieldobj``
  (rewritten to give the postings writer a term info that can inline, which
  Whoosh's cannot: it calls ``set_inline``, its term info has ``set_inlined``), and
  ``W3Codec.postings_reader()``;
- the ``Positions`` format's encoding of a posting's value (a 4-byte weight, then the
  pickled deltas of the positions);
- ``SegmentReader._perdoc`` and ``W3PerDocReader._cached_reader()``, with
  ``whoosh3._lenfield()`` and ``LENGTHS_COLUMN``: the column of each field's lengths;
- fixed-width column readers' ``_dbfile``, ``_basepos``, ``_count``, ``_fixedlen``:
  a column's bytes read at once;
- ``W3Codec(blocklimit=...)``, ``W3PerDocReader.doc_field_length()`` overridden, and
  ``Index.writer(codec=..., compound=False)``;
- ``whoosh.util.numeric.byte_to_length``, ``SegmentReader.deleted_docs_set``,
  ``Segment.segment_id()``, ``Searcher.leaf_searchers()``: public names, undocumented;
- ``SegmentWriter``'s ``pool`` (its ``add()``, ``fieldnames`` and ``cleanup()``) and
  ``_flush_segment()``, and ``W3PostingsWriter``'s buffered block (``_ids``,
  ``_weights``, ``_values``, ``_minlength``, ``_maxlength``, ``_maxweight``,
  ``_blocklimit``, ``_write_block()``): a term's postings written a block at a time;
- ``whoosh.multiproc``: ``MpWriter._new_task()`` and the attributes it hands
  ``SubWriterTask``, whose ``run()`` is the writer process's whole life (rewritten, for
  a writer of several segments, on the archive's segment writer).

Why: counting, ranking and faceting every match of a query as arrays (``matching``)
needs whole posting lists, field lengths and columns at once, where Whoosh's public API
gives one posting, one length or one value per Python call (a second per query at 10k
interviews, see benchmarks/RESULTS.md). This is safe because the version is pinned
(``whoosh-reloaded==2.7.5`` in pyproject.toml) and the project is frozen: no release
will move these under us, and a deliberate upgrade must pass the guard below.

The guard: ``tests/search_engine/test_whoosh_matching.py`` compares, for every query of
its list and both languages, the documents and scores found through this package with
those of Whoosh's public ``Searcher.search`` and ``docs_for_query`` on an index of
several segments with deletions; ``tests/search_engine/test_whoosh_internals.py`` checks
each function here against the public API that answers the same question slowly, and
that the segment files the archive's writer writes are Whoosh's own writer's, byte for
byte; ``tests/faults/test_rebuild_killed.py`` kills a rebuild and finds none of its
writer processes left.
"""

from .reading import (
    Postings,
    decode_positions,
    deleted_docs,
    field_lengths,
    field_terms,
    leaf_searchers,
    numbers,
    read_postings,
    segment_id,
)
from .writing import INLINE_LIMIT, SMALL_SEGMENT, merge_small, writer

__all__ = [
    "INLINE_LIMIT",
    "SMALL_SEGMENT",
    "Postings",
    "decode_positions",
    "deleted_docs",
    "field_lengths",
    "field_terms",
    "leaf_searchers",
    "merge_small",
    "numbers",
    "read_postings",
    "segment_id",
    "writer",
]
