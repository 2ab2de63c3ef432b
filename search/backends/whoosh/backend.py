"""Whoosh behind the ``SearchBackend`` interface: query parsing, searching, highlights.

The index on disk (schema, generations, locks) is in ``index``; how a query's matches
are found, scored and counted is in ``matching`` (over what ``segments`` reads), and how
queries are parsed in ``query``. Readers never
lock: each backend keeps one searcher and reopens it when the index moved.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from whoosh import index, query
from whoosh.collectors import TimeLimit
from whoosh.searching import Searcher

from ...analysis import ANALYZERS, LANGUAGES, single_term
from ...documents import (
    FACETS,
    QUERY_PROBLEMS,
    QueryError,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from ...spelling import Vocabulary
from ...syntax import OPERATOR_WORDS
from ..base import SearchBackend, corrected, usable_processors
from ..hits import search_hit
from .facets import warm
from .failures import failures
from .index import Generations, Write, document_fields, indexed_fingerprints
from .internals import writer
from .matching import Found, Scorer, Statistics, by_date, by_score, find
from .query import ParsedQuery
from .segments import SegmentCache
from .spelling import Spelling

STALE_LAYOUT = QUERY_PROBLEMS["stale_index"]
# Searches whose answers are kept, the least recently asked dropped first: an index that
# has not changed gives the same answer (a page of ten hits and the facets, about 50 kB).
ANSWERS_KEPT = 256
# Documents a rebuild writes before its first commit (about 2,500 interviews).
COMMIT_EVERY = 100_000
# What a rebuild's writer process buffers for one document until a commit: its postings,
# as Whoosh counts them (about 30 kB on real text: 400 interviews of the realistic corpus,
# 16,400 documents, took 472 MB more than with a small buffer).
BUFFERED_PER_DOCUMENT = 32 * 1024


class WhooshBackend(SearchBackend):
    """The archive's index in a directory of Whoosh index generations.

    One instance per process is meant to be shared (it keeps its searcher open between
    searches); searches from several threads take turns. A rebuild writes with
    ``rebuild_processes`` processes, by default one per processor this process may run on,
    each buffering up to ``rebuild_buffer_mb`` (``rebuild_buffer()``), and commits after
    ``rebuild_commit_every`` documents (then after as many as it committed before, as long
    as the buffers hold them). The answers of the last
    ``answers_kept`` searches are kept while the index does not change (0 keeps none).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        rebuild_processes: int | None = None,
        rebuild_commit_every: int = COMMIT_EVERY,
        rebuild_buffer_mb: int | None = None,
        answers_kept: int = ANSWERS_KEPT,
    ) -> None:
        if rebuild_processes is not None and rebuild_processes < 1:
            raise ValueError(f"rebuild_processes must be at least 1, not {rebuild_processes}")
        self.rebuild_processes = rebuild_processes or usable_processors()
        self.rebuild_commit_every = rebuild_commit_every
        self.rebuild_buffer_mb = rebuild_buffer_mb or rebuild_buffer(self.rebuild_processes)
        self.answers_kept = answers_kept
        self.path = Path(path)
        with failures(self.path, writing=True):
            self.generations = Generations(self.path, create=create)
        self._lock = threading.RLock()
        # The live generation's name, its open searcher, and ``generation()``'s answer.
        self._opened: tuple[str, Searcher, str] | None = None
        self._segments = SegmentCache()
        # Kept across searchers, like the segments' arrays: only new segments are read.
        self._spelling = Spelling()
        # The answers of the searches made last, valid while the index stays as it was.
        self._answered: tuple[Searcher | None, OrderedDict[SearchQuery, SearchResults]] = (
            None,
            OrderedDict(),
        )
        self._current_layout = True

    # Writing

    def _write(
        self, slugs: list[str], exchanges: list[str], documents: list[SearchDocument]
    ) -> None:
        """One lock, one writer, one commit."""
        write: Write = {}
        if slugs:
            write["delete_interviews"] = slugs
        if exchanges:
            write["delete_exchanges"] = exchanges
        if documents:
            write["index"] = [document.to_dict() for document in documents]
        with failures(self.path, writing=True):
            self.generations.write(write)

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Keys must be unique among ``documents`` (a duplicate aborts the rebuild).

        ``rebuild_processes`` processes analyse and write, a segment each per commit; this
        one reads the database and hands them documents. Commits come after
        ``rebuild_commit_every`` documents, then after as many as were committed before (so a
        rebuild leaves a handful of segments whatever its size, and a rebuild that dies
        loses at most half of its work). Resumed (see ``Generations.replace``), it skips
        each document the generation already holds with the same fingerprint."""

        # A commit's documents must fit in the writers' buffers: past them, Whoosh writes
        # every posting of the commit to disk and merges them back, one Python call each.
        buffered = self.rebuild_buffer_mb * 2**20 * self.rebuild_processes
        most = max(1, buffered // BUFFERED_PER_DOCUMENT)

        def fill(ix: index.Index, resumed: bool) -> int:
            held = indexed_fingerprints(ix) if resumed else {}
            seen: set[str] = set()
            committed, batch = len(held), 0
            w = None
            try:
                for document in documents:
                    if document.key in seen:
                        raise ValueError(f"Two documents have the key {document.key!r}")
                    seen.add(document.key)
                    fields = document_fields(document)
                    if held.get(document.key) != fields["fingerprint"]:
                        if w is None:
                            w = self._rebuild_writer(ix)
                        if document.key in held:
                            w.delete_by_term("key", document.key)
                        w.add_document(**fields)
                        batch += 1
                        if batch >= min(max(self.rebuild_commit_every, committed), most):
                            w.commit(merge=False)
                            w, committed, batch = None, committed + batch, 0
                    if progress:
                        progress(len(seen))
                if gone := held.keys() - seen:
                    w = w or self._rebuild_writer(ix)
                    for key in gone:
                        w.delete_by_term("key", key)
                if w is not None:
                    w.commit(merge=False)
                    w = None
            finally:
                if w is not None:
                    w.cancel()
            return len(seen)

        with failures(self.path, writing=True):
            return self.generations.replace(fill)

    def _rebuild_writer(self, ix: index.Index) -> Any:
        return writer(
            ix,
            limitmb=self.rebuild_buffer_mb,
            procs=self.rebuild_processes,
            multisegment=True,
            batchsize=500,
        )

    # Reading

    def _search(self, query: SearchQuery) -> SearchResults:
        deadline = None if query.time_limit is None else time.monotonic() + query.time_limit
        with self._lock, failures(self.path, writing=False):
            searcher = self._searcher()
            if not self._current_layout:
                raise QueryError("stale_index")
            if self._answered[0] is not searcher:
                self._answered = (searcher, OrderedDict())
            answers = self._answered[1]
            if (answer := answers.get(query)) is not None:
                answers.move_to_end(query)
                return answer
            parsed = ParsedQuery(query.text, (query.lang,) if query.lang else LANGUAGES)
            answer = self._found(searcher, query, parsed, deadline)
            if self.answers_kept and not answer.partial:  # cut short, it may be whole later
                answers[query] = answer
                if len(answers) > self.answers_kept:
                    answers.popitem(last=False)
            return answer

    def keys(self) -> dict[str, str]:
        with self._lock, failures(self.path, writing=False):
            searcher = self._searcher()
            indexed = indexed_fingerprints(searcher, layout=self._current_layout)
            if not self._current_layout:
                return dict.fromkeys(indexed, STALE_LAYOUT)
            return {key: value.decode() for key, value in indexed.items()}

    def generation(self) -> str:
        """The live generation's name and the Whoosh generation of its open searcher."""
        with self._lock, failures(self.path, writing=False):
            return self._open()[2]

    def warm(self) -> None:
        """Read what searches need from each segment, the spelling suggester's
        vocabulary included, so that no request waits for them."""
        with self._lock, failures(self.path, writing=False):
            segments = [segment for segment, _, _ in self._segments.segments(self._searcher())]
            for segment in segments:
                warm(segment)
            self._spelling.update(segments)

    def close(self) -> None:
        with self._lock:
            if self._opened:
                self._opened[1].close()
            self._opened = None
            self._answered = (None, OrderedDict())

    def _searcher(self) -> Searcher:
        """The open searcher, moved to the newest state of the index if it changed."""
        return self._open()[1]

    def _open(self) -> tuple[str, Searcher, str]:
        name = self.generations.current()
        if self._opened and self._opened[0] == name and self._opened[1].up_to_date():
            return self._opened
        # Opened afresh, never ``Searcher.refresh()``: Whoosh reuses a segment's reader when
        # the segment id is unchanged, so documents deleted from it since stay visible.
        searcher = self.generations.open(name).searcher()
        self.close()
        self._opened = (name, searcher, f"{name}/{searcher.reader().generation()}")
        self._current_layout = self.generations.has_current_layout(name)
        return self._opened

    def _found(
        self,
        searcher: Searcher,
        request: SearchQuery,
        parsed: ParsedQuery,
        deadline: float | None,
    ) -> SearchResults:
        limit = request.page * request.per_page
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        found: list[Found] = []
        partial = False
        statistics = Statistics(searcher)
        try:
            for segment, subsearcher, offset in self._segments.segments(searcher):
                scorer = Scorer(segment, subsearcher, searcher, deadline, statistics)
                scorer.check_deadline()
                part, part_counts = find(segment, scorer, request, parsed, offset)
                found.append(part)
                for name, values in part_counts.items():
                    counts[name].update(values)
        except TimeLimit:
            partial = True
        total = sum(int(part.mask.sum()) for part in found)
        if len(parsed.by_lang) == 1 and total:
            counts["lang"][next(iter(parsed.by_lang))] = total
        ranked = (by_date if request.sort == "date" else by_score)(found, limit)
        page = ranked[limit - request.per_page : limit]
        scores = {
            docnum: in_part
            for docnum in page
            for part in found
            if (in_part := part.language_scores(docnum)) is not None
        }
        return SearchResults(
            hits=self._hits(searcher, parsed, page, scores),
            total=total,
            page=request.page,
            per_page=request.per_page,
            facets={name: dict(counts[name]) for name in FACETS},
            suggestion=self._suggest(searcher, request.text),
            partial=partial,
        )

    def _hits(
        self,
        searcher: Searcher,
        parsed: ParsedQuery,
        docnums: list[int],
        scores: dict[int, dict[str, float]],
    ) -> list[SearchHit]:
        marks = {lang: parsed.marks(lang) for lang in parsed.by_lang}
        return [
            search_hit(
                SearchDocument.from_dict(searcher.stored_fields(docnum)["document"]),
                scores[docnum],
                marks,
            )
            for docnum in docnums
        ]

    def _suggest(self, searcher: Searcher, text: str) -> str | None:
        """``text`` with each word the index does not know replaced by the nearest word it
        does know, in either language."""
        reader = searcher.reader()
        corrections = []
        spans = [(token.startchar, token.endchar) for token in ANALYZERS["fr"](text, chars=True)]
        for start, end in spans:
            word = text[start:end]
            terms = {lang: single_term(lang, word) for lang in LANGUAGES}
            if text.startswith("*", end):
                continue  # the beginning of words, not a misspelt one
            if word in OPERATOR_WORDS or any(
                term and _is_known(reader, lang, term) for lang, term in terms.items()
            ):
                continue
            if correction := self._correction(searcher, terms):
                corrections.append((start, end, correction))
        return corrected(text, corrections)

    def _correction(self, searcher: Searcher, terms: dict[str, str | None]) -> str | None:
        nearby = sorted(
            (rank, lang)
            for lang, term in terms.items()
            if term
            for rank in self._vocabulary(searcher, lang).nearest(term)
        )
        for rank, lang in nearby:
            if word := _word_for(searcher, lang, rank.term):
                return word
        return None

    def _vocabulary(self, searcher: Searcher, lang: str) -> Vocabulary:
        """The indexed terms of one language: what the segments new since the last
        misspelling (or ``warm``) add to them, and less what left the index."""
        segments = [segment for segment, _, _ in self._segments.segments(searcher)]
        return self._spelling.vocabulary(segments, lang)


def rebuild_buffer(processes: int) -> int:
    """Each rebuild writer's buffer (MB): a quarter of the machine's memory shared among
    ``processes``, between 128 MB and 4 GB.

    When a commit's postings outgrow it, Whoosh writes each of them to a file and merges
    the files back, one Python call per posting: 45 % more CPU for the same rebuild
    (400 realistic interviews, one process: 55 s with 128 MB, 38 s with 512 MB).
    """
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return max(128, min(4096, memory // 4 // processes // 2**20))


def _is_known(reader: Any, lang: str, term: str) -> bool:
    return any(reader.doc_frequency(f"{prefix}_{lang}", term) for prefix in ("text", "meta"))


def _word_for(searcher: Searcher, lang: str, term: str) -> str | None:
    """A word of the archive that ``term`` comes from ("numer" -> "numérique"), as written
    in the first live document that has it."""
    for prefix in ("text", "meta"):
        docnums = searcher.docs_for_query(query.Term(f"{prefix}_{lang}", term))
        if (docnum := next(iter(docnums), None)) is None:
            continue
        document = SearchDocument.from_dict(searcher.stored_fields(docnum)["document"])
        text = document.text.get(lang, "") if prefix == "text" else document.meta_text(lang)
        for token in ANALYZERS[lang](text, chars=True):
            if token.text == term:
                return text[token.startchar : token.endchar].lower()
    return None
