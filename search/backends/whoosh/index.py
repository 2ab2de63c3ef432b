"""The Whoosh index on disk: its schema, and the generations several processes share.

On disk, ``path`` holds index generations (each a Whoosh index) and small files that let
several processes share them::

    CURRENT          name of the live generation, replaced atomically by a rebuild
    <name>/LAYOUT    which ``SCHEMA`` the generation was built with
    LOCK             held by every write, and by a rebuild while it swaps generations
    REBUILD          held by a rebuild for its whole run
    BUILDING         name of the generation a rebuild is filling (or was, if it died)
    <name>/          a Whoosh index
    <name>.journal   writes made while <name> was built, replayed into it before the swap

Readers never lock: each backend keeps one searcher and refreshes it when the index moved.
Locks say who holds them, and the lock of a dead process is broken (see ``locks``).
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

from whoosh import columns, fields, index, query
from whoosh.searching import Searcher

from ...analysis import ANALYZERS, LANGUAGES, WORD_ANALYZERS, CommonGrams
from ...documents import DocumentData, SearchDocument, fingerprint
from ..base import IndexUnavailable
from .failures import failures
from .internals import merge_small, writer
from .locks import held, held_by_the_living
from .postings import Grams, Text

LOCK_TIMEOUT = 60.0
# How long a rebuild waits for another one before saying which one runs.
REBUILD_WAIT = 5.0
# Changes whenever ``SCHEMA`` or what goes in its fields changes: a generation built
# otherwise must be rebuilt (``rebuild_index``) before it can be searched.
LAYOUT = "4: common grams, numeric columns, unstemmed words, Snowball 3 stems"


def _text_fields() -> dict[str, fields.FieldType]:
    # A word the analyzer splits ("re-election") is searched as the phrase it was.
    text = {
        f"{prefix}_{lang}": Text(analyzer=ANALYZERS[lang], phrase=True, multitoken_query="phrase")
        for prefix in ("text", "meta")
        for lang in LANGUAGES
    }
    # Found by phrases only, never scored on their own: see ``CommonGrams``.
    grams = {GRAMS[f"text_{lang}"]: Grams(CommonGrams(ANALYZERS[lang])) for lang in LANGUAGES}
    # Every word of a language's text and metadata as written (folded, not stemmed):
    # where ``word*`` looks, since a stem is no word's beginning ("portée" -> "port").
    words = {WORDS[lang]: Text(analyzer=WORD_ANALYZERS[lang], phrase=False) for lang in LANGUAGES}
    return text | grams | words


def _number() -> fields.COLUMN:
    # Read as arrays for filters and sorting, never searched: a column, no postings.
    return fields.COLUMN(columns.NumericColumn("I", default=0))


def yyyymmdd(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


# The common-grams field of each text field.
GRAMS = {f"text_{lang}": f"grams_{lang}" for lang in LANGUAGES}
# The unstemmed words of each language.
WORDS = {lang: f"words_{lang}" for lang in LANGUAGES}

SCHEMA = fields.Schema(
    key=fields.ID(unique=True, sortable=True),
    fingerprint=fields.COLUMN(columns.VarBytesColumn()),
    interview=fields.ID(),
    outlet=fields.ID(),
    persons=fields.KEYWORD(),
    topics=fields.KEYWORD(),
    year=fields.ID(),
    published_on=_number(),  # yyyymmdd; 0 when unknown
    exchange=_number(),
    paragraph=_number(),
    document=fields.STORED,
    **_text_fields(),
)


def document_fields(document: SearchDocument) -> dict[str, Any]:
    data = document.to_dict()
    values: dict[str, Any] = {
        "key": document.key,
        "fingerprint": fingerprint(data).encode(),
        "interview": document.interview,
        "outlet": document.outlet,
        "persons": " ".join(document.persons),
        "topics": " ".join(document.topics),
        "paragraph": document.paragraph,
        "document": data,
    }
    if document.exchange is not None:
        values["exchange"] = document.exchange
    if document.published_on:
        values["published_on"] = yyyymmdd(document.published_on)
        values["year"] = str(document.published_on.year)
    for lang in LANGUAGES:
        # Empty fields are left out: each one given costs the writer, even empty.
        if text := document.text.get(lang, ""):
            values[f"text_{lang}"] = values[GRAMS[f"text_{lang}"]] = text
        if meta := document.meta_text(lang):
            values[f"meta_{lang}"] = meta
        if words := "\n".join(filter(None, (text, meta))):
            values[WORDS[lang]] = words
    return values


def indexed_fingerprints(
    source: index.Index | Searcher, *, layout: bool = True
) -> dict[str, bytes]:
    """Every live document's key, with the fingerprint it was indexed with; without
    ``layout`` (a generation of an older ``LAYOUT``, whose columns may differ), only the
    keys, each with an empty fingerprint."""
    searcher = source if isinstance(source, Searcher) else source.searcher()
    try:
        reader = searcher.reader()
        if not reader.doc_count():
            return {}  # an empty index has no columns to read
        keys = reader.column_reader("key")
        if not layout:
            return {keys[d]: b"" for d in reader.all_doc_ids()}
        fingerprints = reader.column_reader("fingerprint")
        return {keys[d]: fingerprints[d] for d in reader.all_doc_ids()}
    finally:
        if searcher is not source:
            searcher.close()


class Write(TypedDict, total=False):
    """One write, as journaled for a running rebuild: the interviews (slugs) and exchanges
    (uids) whose documents go, then the documents to add or replace by key."""

    delete_interviews: list[str]
    delete_exchanges: list[str]
    index: list[DocumentData]


def _apply(ix: index.Index, write: Write) -> None:
    w = writer(ix, timeout=LOCK_TIMEOUT, delay=0.01)
    try:
        for slug in write.get("delete_interviews", ()):
            w.delete_by_term("interview", slug)
        if uids := write.get("delete_exchanges"):
            _delete_exchanges(w, set(uids))
        for data in write.get("index", ()):
            w.update_document(**document_fields(SearchDocument.from_dict(data)))
    except BaseException:
        w.cancel()
        raise
    w.commit(mergetype=merge_small)


def _delete_exchanges(w: Any, uids: set[str]) -> None:
    """An exchange's keys begin ``<uid>:``: the prefix finds its documents without reading
    the others; the stored ``exchange_uid`` confirms each (an interview's ``<slug>:meta``
    could share the prefix)."""
    searcher = w.searcher()
    try:
        for uid in uids:
            for docnum in searcher.docs_for_query(query.Prefix("key", f"{uid}:")):
                if searcher.stored_fields(docnum)["document"]["exchange_uid"] in uids:
                    w.delete_document(docnum)
    finally:
        searcher.close()


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    with open(temporary, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class Generations:
    """Index generations in one directory: which is live, and how to replace it.

    With ``create``, an empty index is made at ``path`` if there is none; otherwise a
    missing one raises ``IndexUnavailable(MISSING)`` until ``replace`` makes it.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if create and not (path / "CURRENT").exists():
            path.mkdir(parents=True, exist_ok=True)
            self._start()

    def current(self) -> str:
        try:
            return (self.path / "CURRENT").read_text().strip()
        except FileNotFoundError:
            if self.path.is_dir() and any(self.path.glob("gen-*")):
                raise IndexUnavailable(
                    IndexUnavailable.DAMAGED, str(self.path), "no CURRENT file"
                ) from None
            raise IndexUnavailable(IndexUnavailable.MISSING, str(self.path)) from None

    def open(self, name: str) -> index.Index:
        # The schema in code wins over the one pickled in the index.
        with failures(self.path, writing=False):
            return index.open_dir(str(self.path / name), schema=SCHEMA)

    @contextmanager
    def locked(self) -> Iterator[None]:
        with held(self.path / "LOCK", timeout=LOCK_TIMEOUT, holder="an index write"):
            yield

    def write(self, write: Write) -> None:
        """Apply ``write`` to the live generation, and journal it for a running rebuild."""
        with self.locked():
            _apply(self.open(self.current()), write)
            building = self.path / "BUILDING"
            # A BUILDING file left by a rebuild that died holds nothing worth keeping.
            if building.exists() and held_by_the_living(self.path / "REBUILD"):
                journal = self.path / f"{building.read_text().strip()}.journal"
                with open(journal, "a") as handle:
                    handle.write(json.dumps(write, ensure_ascii=False) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())

    def replace(self, fill: Callable[[index.Index, bool], int]) -> int:
        """Fill a new generation with ``fill``, replay the writes made meanwhile, then make
        it live in one step. One rebuild at a time: a second one waits ``REBUILD_WAIT``
        seconds, then raises ``LockBusy`` naming the first. Returns what ``fill`` returns;
        if it fails, the live generation stays as it was.

        A rebuild that died (killed, or failed) leaves its generation named in BUILDING,
        with what it committed: the next one resumes it (``fill`` is then told so, and
        given it to complete) rather than starting again, if it was built with this
        ``LAYOUT``."""
        self.path.mkdir(parents=True, exist_ok=True)
        with held(self.path / "REBUILD", timeout=REBUILD_WAIT, holder="a rebuild"):
            with self.locked():
                name = self._resumable()
                resumed = name is not None
                if name is None:
                    name = f"gen-{time.time_ns()}-{os.getpid()}"
                    # Named before it exists: a rebuild killed at any point leaves its
                    # generation named in BUILDING, for the next one to resume or remove.
                    _write_atomically(self.path / "BUILDING", name)
                    self._create(name)
                # Emptied when resumed: the writes journaled for a rebuild that died are
                # in the database the resumed one reads, and replayed after it they could
                # undo what it reads.
                journal = self.path / f"{name}.journal"
                journal.write_text("")
            ix = self.open(name)
            result = fill(ix, resumed)
            with self.locked():
                for line in journal.read_text().splitlines():
                    _apply(ix, json.loads(line))
                _write_atomically(self.path / "CURRENT", name)
                (self.path / "BUILDING").unlink(missing_ok=True)
                self._clean_up()
        return result

    def _resumable(self) -> str | None:
        """The generation a dead rebuild was filling, if it can be completed; anything
        else it left is removed (with the REBUILD lock held, nobody fills it any more)."""
        building = self.path / "BUILDING"
        if not building.exists():
            return None
        name = building.read_text().strip()
        live = self.current() if (self.path / "CURRENT").exists() else None
        if name and name != live and self.has_current_layout(name):
            try:
                index.open_dir(str(self.path / name), schema=SCHEMA).close()
            except Exception:
                pass  # never committed, or damaged: built again
            else:
                return name
        # Killed after its swap, the rebuild left BUILDING naming the live generation.
        if name and name != live:
            shutil.rmtree(self.path / name, ignore_errors=True)
        (self.path / f"{name}.journal").unlink(missing_ok=True)
        building.unlink()
        return None

    def _start(self) -> None:
        with self.locked():
            if not (self.path / "CURRENT").exists():
                name = f"gen-{time.time_ns()}-{os.getpid()}"
                self._create(name)
                _write_atomically(self.path / "CURRENT", name)

    def _create(self, name: str) -> None:
        (self.path / name).mkdir()
        index.create_in(str(self.path / name), SCHEMA)
        (self.path / name / "LAYOUT").write_text(LAYOUT)

    def has_current_layout(self, name: str) -> bool:
        """Whether generation ``name`` was built with this code's ``SCHEMA``."""
        layout = self.path / name / "LAYOUT"
        return layout.exists() and layout.read_text() == LAYOUT

    def _clean_up(self) -> None:
        """Keep the live generation and the newest other one (searchers opened before a
        swap may still read it); drop the rest, failed rebuilds and journals included."""
        if not (self.path / "CURRENT").exists():
            return  # the first rebuild failed: nothing is live, nothing else is left
        live = self.current()
        others = sorted(
            entry for entry in self.path.iterdir() if entry.is_dir() and entry.name != live
        )
        for entry in others[:-1]:
            shutil.rmtree(entry, ignore_errors=True)
        for journal in self.path.glob("*.journal"):
            journal.unlink()
