"""The archive's codec and writers of Whoosh segments (see the package's note)."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from array import array
from collections.abc import Iterable, Iterator
from pickle import dumps
from typing import Any

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
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import MERGE_SMALL, SegmentWriter

from ..postings import Posting
from .reading import LENGTHS


class _PerDocReader(W3PerDocReader):
    """Whoosh's, reading each field's lengths once: while a commit writes postings, Whoosh
    2.7 reads the length of the posting's document from the column file for every
    posting, and first looks for that file on disk (an ``os.stat``) for every posting of
    a field that has none (every ID and keyword field)."""

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        encoded = self.encoded_lengths(fieldname)
        if encoded is None:
            return default
        length: int = LENGTHS[encoded[docnum]] if docnum < len(encoded) else LENGTHS[0]
        return length

    def encoded_lengths(self, fieldname: str) -> bytes | None:
        """Each document's length in ``fieldname`` as stored (a byte each; documents past
        the end have none), or None for a field that keeps no lengths."""
        cache = self.__dict__.setdefault("_all_lengths", {})
        if fieldname not in cache:
            column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            cache[fieldname] = (
                None if column is None else column._dbfile.get(column._basepos, column._count)
            )
        encoded: bytes | None = cache[fieldname]
        return encoded


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

    def add_grouped(self, schema: Any, lengths: _PerDocReader, pool: _GroupedPostings) -> None:
        """Whoosh's ``add_postings``, for postings already grouped by field and term."""
        for fieldname, terms in pool.fields():
            self.start_field(fieldname, schema[fieldname])
            encoded = lengths.encoded_lengths(fieldname)
            postwriter, add = self._postwriter, self._tindex.add
            field = pack_ushort(self._fieldid)
            for text, postings in terms:
                if len(postings) < postwriter._inlinelimit:
                    add(field + text, _inlined_term_info(postings, encoded))
                    continue
                self.start_term(text)
                _write_posting_list(postwriter, postings, encoded)
                self.finish_term()
            self.finish_field()


# (field name, term, document number, weight, encoded value), as Whoosh's pool holds them.
PoolPosting = tuple[str, bytes, int, float, bytes | None]


def _in_order(postings: list[PoolPosting]) -> tuple[list[PoolPosting], list[int]]:
    """A term's postings in order of document, and their document numbers."""
    ids = [posting[2] for posting in postings]
    if ids == sorted(ids):
        return postings, ids
    postings = sorted(postings, key=lambda posting: posting[2])
    return postings, sorted(ids)


def _lengths_range(ids: list[int], lengths: bytes | None) -> tuple[int | None, int]:
    """The shortest and the longest field length of the documents ``ids`` (lengths of 0
    left out), as Whoosh's postings writer keeps them: (None, 0) when none."""
    if lengths is None:
        return None, 0
    size = len(lengths)
    found = [n for i in ids if (n := LENGTHS[lengths[i] if i < size else 0])]
    return (min(found), max(found)) if found else (None, 0)


def _write_posting_list(
    postwriter: Any, postings: list[PoolPosting], lengths: bytes | None
) -> None:
    """What Whoosh's ``add_posting`` does for each posting of a term, in order of
    document, a block at a time: the buffered block's lists and statistics set whole, so
    that Whoosh's ``finish_postings`` writes the same bytes."""
    postings, ids = _in_order(postings)
    limit = postwriter._blocklimit
    for start in range(0, len(ids), limit):
        if start:
            postwriter._write_block()  # as add_posting does for the posting after a full block
        block = postings[start : start + limit]
        block_ids = ids[start : start + limit]
        weights = [posting[3] for posting in block]
        postwriter._ids = array("I", block_ids)
        postwriter._weights = array("f", weights)
        postwriter._values = [posting[4] for posting in block if posting[4]]
        postwriter._maxweight = max(0, max(weights))
        minlength, maxlength = _lengths_range(block_ids, lengths)
        if minlength is not None:
            postwriter._minlength, postwriter._maxlength = minlength, maxlength


def _inlined_term_info(postings: list[PoolPosting], lengths: bytes | None) -> bytes:
    """The terms table's entry for a term whose few postings it holds inline: the bytes
    of the ``W3TermInfo`` Whoosh's postings writer fills and ``to_bytes`` encodes, made
    without either (most terms of real text are rare: this is most of a commit)."""
    postings, ids = _in_order(postings) if len(postings) > 1 else (postings, [postings[0][2]])
    weights = array("f", [posting[3] for posting in postings])
    minlength, maxlength = _lengths_range(ids, lengths)
    info: bytes = W3TermInfo._struct.pack(
        True,
        sum(weights),
        len(ids),
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(maxlength),
        max(0, max(posting[3] for posting in postings)),
        ids[0],
        ids[-1],
    )
    values = tuple(posting[4] for posting in postings if posting[4])
    return info + dumps((tuple(ids), tuple(weights), values), 2)


class _GroupedPostings:
    """Whoosh's posting pool (``writing.PostingPool``) as the writer uses it, holding each
    term's postings together as they come: Whoosh keeps one list of every posting and sorts
    it at the commit, then writes them one Python call each. It never spills to disk: a
    rebuild commits before its writers' buffers would fill (``BUFFERED_PER_DOCUMENT``),
    and a save writes one interview or one batch."""

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        self._fields: dict[str, dict[bytes, list[PoolPosting]]] = {}

    def add(self, item: PoolPosting) -> None:
        postings = self._terms(item[0]).get(item[1])
        if postings is None:
            self._fields[item[0]][item[1]] = [item]
        else:
            postings.append(item)

    def add_field(
        self, fieldname: str, docnum: int, postings: Iterable[Posting], boost: float
    ) -> int:
        """One document's postings in one field, as ``field.index()`` gives them; the sum
        of their frequencies (the field's length, when it is scored)."""
        terms, length = self._terms(fieldname), 0
        for text, frequency, weight, value in postings:
            length += frequency
            posting = (fieldname, text, docnum, weight * boost, value)
            if (kept := terms.get(text)) is None:
                terms[text] = [posting]
            else:
                kept.append(posting)
        return length

    def _terms(self, fieldname: str) -> dict[bytes, list[PoolPosting]]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def fields(self) -> Iterator[tuple[str, Iterator[tuple[bytes, list[PoolPosting]]]]]:
        """Each field in order of name, with each of its terms in order, and its postings."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            yield fieldname, ((text, terms[text]) for text in sorted(terms))

    def cleanup(self) -> None:
        self._fields.clear()


class _SegmentWriter(SegmentWriter):
    """Whoosh's segment writer on ``_GroupedPostings``, writing each term's posting list
    at once (``_FieldWriter.add_grouped``) at the commit."""

    def __init__(self, ix: index.Index, **options: Any) -> None:
        super().__init__(ix, **options)
        if any(field.separate_spelling() or field.vector for _, field in self.schema.items()):
            self.cancel()
            raise NotImplementedError("fields of spelling words or vectors: Whoosh's writer")
        self.pool: _GroupedPostings = _GroupedPostings()

    def add_document(self, **fields: Any) -> None:
        # Whoosh's, each field's postings handed to the pool at once.
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                if (value := fields.get(fieldname)) is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    length = self.pool.add_field(fieldname, docnum, field.index(value), boost)
                    if not field.scorable:
                        length = 0
                stored = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    column = field.to_column_value(stored)
                    perdocwriter.add_column_value(fieldname, field.column_type, column)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        # Whoosh's, the postings written by term.
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        self.fieldwriter.add_grouped(self.schema, lengths, self.pool)
        self.fieldwriter.close()
        lengths.close()


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
        # Whoosh's ``run()`` for a writer of several segments, on the archive's writer.
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = _SegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running and (job := self.jobqueue.get()) is not None:
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        self.resultqueue.put((None, fieldnames, writer._finalize_segment()), timeout=5)


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
        if not options.get("multisegment"):
            raise ValueError("the archive's writer processes each write a segment of their own")
        return _MpWriter(ix, procs=procs, codec=_Codec(), compound=False, **options)
    return _SegmentWriter(ix, codec=_Codec(), compound=False, **options)


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
