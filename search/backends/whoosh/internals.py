"""Every use of what Whoosh does not document, in one place.

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
- ``whoosh.multiproc``: ``MpWriter._new_task()`` and the attributes it hands
  ``SubWriterTask``, whose ``run()`` is the writer process's whole life.

Why: counting, ranking and faceting every match of a query as arrays (``matching``)
needs whole posting lists, field lengths and columns at once, where Whoosh's public API
gives one posting, one length or one value per Python call (a second per query at 10k
interviews, see benchmarks/RESULTS.md). This is safe because the version is pinned
(``whoosh-reloaded==2.7.5`` in pyproject.toml) and the project is frozen: no release
will move these under us, and a deliberate upgrade must pass the guard below.

The guard: ``tests/search_engine/test_whoosh_matching.py`` compares, for every query of
its list and both languages, the documents and scores found through this module with
those of Whoosh's public ``Searcher.search`` and ``docs_for_query`` on an index of
several segments with deletions; ``tests/search_engine/test_whoosh_internals.py`` checks
each function here against the public API that answers the same question slowly;
``tests/faults/test_rebuild_killed.py`` kills a rebuild and finds none of its writer
processes left.
"""

from __future__ import annotations

import ctypes
import os
import signal
import struct
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pickle import loads
from typing import Any

import numpy as np
from whoosh import index
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3TermInfo,
    _lenfield,
)
from whoosh.matching import ListMatcher
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length
from whoosh.writing import MERGE_SMALL

# A field length as stored (one byte) -> the length Whoosh's scorers see.
_LENGTHS = [byte_to_length(byte) for byte in range(256)]
_LENGTH_ARRAY = np.array(_LENGTHS, dtype=np.float64)


@dataclass
class Postings:
    """One term's postings in one segment: document numbers, weights (term frequencies)
    and, when asked for in a field with positions, the encoded positions (see
    ``decode_positions``)."""

    ids: np.ndarray
    weights: np.ndarray
    values: Sequence[bytes] | None = None


def read_postings(reader: Any, fieldname: str, text: bytes, *, values: bool = False) -> Postings:
    """A term's postings in one segment, deleted documents included.

    One numpy operation per block of up to 128 postings (a block's ids are stored
    delta-encoded), where a matcher takes a Python step per posting.
    """
    terms = reader._terms
    if (fieldname, text) not in terms:
        return Postings(np.empty(0, dtype=np.int64), np.empty(0), [] if values else None)
    terminfo = terms.term_info(fieldname, text)
    if terminfo.is_inlined():
        ids, weights, inlined = terminfo.inlined_postings()
        return Postings(
            np.asarray(ids, dtype=np.int64),
            np.asarray(weights, dtype=np.float64),
            list(inlined) if values else None,
        )
    matcher = terms.matcher(fieldname, text, reader.schema[fieldname].format)
    id_blocks: list[np.ndarray] = []
    weight_blocks: list[np.ndarray] = []
    value_list: list[bytes] | None = [] if values else None
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, weights, block_values = matcher._data
        ids = np.cumsum(np.asarray(deltas, dtype=np.int64))
        id_blocks.append(ids)
        if weights is None or isinstance(weights, float):
            weight_blocks.append(np.full(len(ids), 1.0 if weights is None else weights))
        else:
            weight_blocks.append(np.asarray(weights, dtype=np.float64))
        if value_list is not None:
            value_list.extend(block_values)
        matcher._next_block()
    return Postings(np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list)


def field_terms(reader: Any, fieldname: str) -> list[tuple[bytes, int]]:
    """Every term of a field in one segment, with how many documents have it (deleted
    ones included), in one read of the terms table.

    Whoosh's ``iter_field`` looks each term up again in the table's hash and decodes its
    whole term info, unpickling the postings a rare term keeps inline: seconds for the
    vocabulary of a realistic 10k index, where this takes a tenth of that.
    """
    terms = reader._terms
    number = terms._fieldmap.get(fieldname)
    if number is None:
        return []
    table = terms._tindex
    start = table.closest_key_pos(_FIELD_NUMBER.pack(number))
    if start is None:
        return []
    end = table.endofdata
    if number + 1 < 0x10000:
        end = table.closest_key_pos(_FIELD_NUMBER.pack(number + 1)) or end
    data = table.dbfile.get(start, end - start)
    found = []
    position, size = 0, len(data)
    while position < size:
        key_length, data_length = _ENTRY_LENGTHS.unpack_from(data, position)
        key_start = position + _ENTRY_LENGTHS.size
        info = key_start + key_length
        (frequency,) = _DOC_FREQUENCY.unpack_from(data, info + _DOC_FREQUENCY_AT)
        found.append((data[key_start + _FIELD_NUMBER.size : info], frequency))
        position = info + data_length
    return found


# The terms table's layout (see the note at the top).
_ENTRY_LENGTHS = struct.Struct("!ii")
_FIELD_NUMBER = struct.Struct("!H")
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 1 + 4  # after the flags byte and the weight


def decode_positions(value: bytes) -> list[int]:
    """``whoosh.formats.Positions.decode_positions``, without its per-call checks."""
    position, positions = 0, []
    for delta in loads(value[4:] if value.endswith(b".") else value[4:] + b"."):
        position += delta
        positions.append(position)
    return positions


def field_lengths(reader: Any, fieldname: str, size: int) -> np.ndarray:
    """Each of the segment's ``size`` documents' length in a text field, as Whoosh's
    scorers see it (``reader.doc_field_length``)."""
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    lengths: np.ndarray = _LENGTH_ARRAY[_column_array(column, "u1", size)]
    return lengths


def numbers(reader: Any, fieldname: str, size: int) -> np.ndarray:
    """A numeric column's values for the segment's ``size`` documents (0 where unset)."""
    column = None
    if reader.has_column(fieldname):
        column = reader.column_reader(fieldname, translate=False)
    return _column_array(column, ">u4", size).astype(np.int64)


def _column_array(column: Any, dtype: str, size: int) -> np.ndarray:
    """A fixed-width column's values at once, from its bytes (0 past the last one set)."""
    values = np.zeros(size, dtype=np.dtype(dtype).newbyteorder("="))
    count = getattr(column, "_count", 0)
    if count:
        raw = column._dbfile.get(column._basepos, count * column._fixedlen)
        values[:count] = np.frombuffer(raw, dtype=dtype)
    return values


def deleted_docs(reader: Any) -> frozenset[int]:
    """The segment's deleted document numbers."""
    deleted: frozenset[int] = reader.deleted_docs_set
    return deleted


def segment_id(reader: Any) -> str:
    """Unique to the segment (random), whichever searcher opened it."""
    segment: str = reader.segment().segment_id()
    return segment


def leaf_searchers(searcher: Searcher) -> list[tuple[Searcher, int]]:
    """A searcher of each segment, with the segment's first global document number."""
    leaves: list[tuple[Searcher, int]] = searcher.leaf_searchers()
    return leaves


class _PerDocReader(W3PerDocReader):
    """Whoosh's, reading each field's lengths once: while a commit writes postings, Whoosh
    2.7 reads the length of the posting's document from the column file for every
    posting, and first looks for that file on disk (an ``os.stat``) for every posting of
    a field that has none (every ID and keyword field)."""

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        cache = self.__dict__.setdefault("_all_lengths", {})
        if fieldname not in cache:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            cache[fieldname] = (
                None if column is None else column._dbfile.get(column._basepos, column._count)
            )
        encoded = cache[fieldname]
        if encoded is None:
            return default
        length: int = _LENGTHS[encoded[docnum]] if docnum < len(encoded) else _LENGTHS[0]
        return length


# Posting lists shorter than this are kept in their term's entry of the terms table
# rather than in a block of their own. Most terms of real text are rare (at 1k realistic
# interviews, 2.4 postings per term): a block costs a pickle, a zlib stream and a header
# per term, which was 60 % of a rebuild's time.
INLINE_LIMIT = 8


class _TermInfo(W3TermInfo):
    # Whoosh 2.7.5's postings writer inlines through ``set_inline``, a name its term info
    # lacks (it has ``set_inlined``): any ``inlinelimit`` above 1 fails without this.
    def set_inline(self, ids: Any, weights: Any, values: Any) -> None:
        self.set_inlined(ids, weights, values)


class _FieldWriter(W3FieldWriter):
    def start_term(self, btext: bytes) -> None:
        # Whoosh's own, with the term info above.
        if self._postwriter is None:
            raise Exception("Called start_term before start_field")
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, _TermInfo())


class _InlinedPostings(ListMatcher):
    """Whoosh's matcher of inlined postings, whose value is ``""`` (text) where a field
    keeps none: merging segments writes values back, and takes only bytes."""

    def value(self) -> Any:
        return super().value() or b""


class _Codec(W3Codec):
    """Whoosh's codec, in blocks of up to 1,024 postings rather than 128 (searches read
    whole posting lists, ``read_postings``, and each block costs its own decoding), and
    posting lists of fewer than ``INLINE_LIMIT`` postings inlined in the terms table."""

    def __init__(self) -> None:
        super().__init__(blocklimit=1024, inlinelimit=INLINE_LIMIT)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if not terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        ids, weights, values = terminfo.inlined_postings()
        return _InlinedPostings(
            ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
        )

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return _PerDocReader(storage, segment)


class _SubWriterTask(SubWriterTask):
    """Whoosh's writer process, killed by the kernel when the process that started it
    dies. Whoosh's own wait for a job forever: a rebuild killed (``kill -9``) would leave
    them under PID 1, holding the files, locks included, it had open when it forked them.

    Why the kernel (``prctl(PR_SET_PDEATHSIG)``) rather than a thread polling the parent:
    it kills at once, even while the process is deep in analysis holding the GIL, and
    costs nothing. It fires when the *thread* that forked exits: a rebuild's writer is
    made and committed in one call, in one thread. Elsewhere than Linux there is no such
    call: the orphans linger, and their lock is still broken (``locks``)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.parent = os.getpid()

    def run(self) -> None:
        if sys.platform == "linux":
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
            if os.getppid() != self.parent:
                os._exit(1)  # the parent died before the call: nobody is left to signal
        super().run()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class _MpWriter(MpWriter):
    def _new_task(self) -> SubWriterTask:
        task = _SubWriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


def writer(ix: index.Index, *, procs: int = 1, **options: Any) -> Any:
    """A writer of ``ix`` with the archive's codec, writing plain segment files: Whoosh
    reads a compound segment's parts into memory each time a reader opens it (a third of
    a second per search after each write, at 10k interviews), where plain files are
    mapped. With ``procs`` > 1, that many processes write, and die with this one."""
    if procs > 1:
        return _MpWriter(ix, procs=procs, codec=_Codec(), compound=False, **options)
    return ix.writer(codec=_Codec(), compound=False, **options)


# A segment of fewer documents than this was written by a save, not by a rebuild.
SMALL_SEGMENT = 10_000


def merge_small(w: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's ``MERGE_SMALL`` over the small segments only; a rebuild's large ones are
    left as they are. Its threshold follows the Fibonacci sequence of the segments'
    count, not their size: once an index has about 28 segments (a rebuild at 50,000
    interviews writes 27), the next save merges every segment of the index, in one
    Python process, holding the writer's lock (over 13 minutes when it was stopped)."""
    large = [segment for segment in segments if segment.doc_count_all() >= SMALL_SEGMENT]
    small = [segment for segment in segments if segment.doc_count_all() < SMALL_SEGMENT]
    unchanged: list[Any] = MERGE_SMALL(w, small)
    return large + unchanged
