"""The Whoosh index on disk: its schema, and the generations several processes share.

On disk, ``path`` holds index generations (each a Whoosh index) and small files that let
several processes share them::

    CURRENT          name of the live generation, replaced atomically by a rebuild
    <name>/LAYOUT    which ``SCHEMA`` the generation was built with
    LOCK             held by every write, and by a rebuild while it swaps generations
    REBUILD          held by a rebuild for its whole run
    BUILDING         name of the generation a rebuild is filling
    <name>/          a Whoosh index
    <name>.journal   writes made while <name> was built, replayed into it before the swap

Readers never lock: each backend keeps one searcher and refreshes it when the index moved.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any, TypedDict

from whoosh import columns, fields, formats, index, query

from ...analysis import ANALYZERS, LANGUAGES, CommonGrams
from ...documents import DocumentData, SearchDocument, fingerprint
from .internals import writer

LOCK_TIMEOUT = 60.0
# Changes whenever ``SCHEMA`` or what goes in its fields changes: a generation built
# otherwise must be rebuilt (``rebuild_index``) before it can be searched.
LAYOUT = "2: common grams, numeric columns"


def _text_fields() -> dict[str, fields.FieldType]:
    # A word the analyzer splits ("re-election") is searched as the phrase it was.
    text = {
        f"{prefix}_{lang}": fields.TEXT(
            analyzer=ANALYZERS[lang], phrase=True, multitoken_query="phrase"
        )
        for prefix in ("text", "meta")
        for lang in LANGUAGES
    }
    # Found by phrases only, never scored on their own: see ``CommonGrams``.
    grams = {
        GRAMS[f"text_{lang}"]: fields.FieldType(
            formats.Positions(), CommonGrams(ANALYZERS[lang]), scorable=False
        )
        for lang in LANGUAGES
    }
    return text | grams


def _number() -> fields.COLUMN:
    # Read as arrays for filters and sorting, never searched: a column, no postings.
    return fields.COLUMN(columns.NumericColumn("I", default=0))


def yyyymmdd(day: date) -> int:
    return day.year * 10_000 + day.month * 100 + day.day


# The common-grams field of each text field.
GRAMS = {f"text_{lang}": f"grams_{lang}" for lang in LANGUAGES}

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
        if meta := meta_text(document, lang):
            values[f"meta_{lang}"] = meta
    return values


def meta_text(document: SearchDocument, lang: str) -> str:
    """Only the interview's own document matches on its title and names: every paragraph
    carries the title for display, not for search."""
    if document.part != "meta":
        return ""
    return "\n".join(filter(None, [document.title.get(lang, ""), document.extra_text(lang)]))


class Write(TypedDict, total=False):
    """One write, as journaled for a running rebuild: the interviews (slugs) and exchanges
    (uids) whose documents go, then the documents to add or replace by key."""

    delete_interviews: list[str]
    delete_exchanges: list[str]
    index: list[DocumentData]


def _apply(ix: index.Index, write: Write) -> None:
    with writer(ix, timeout=LOCK_TIMEOUT, delay=0.01) as w:
        for slug in write.get("delete_interviews", ()):
            w.delete_by_term("interview", slug)
        if uids := write.get("delete_exchanges"):
            _delete_exchanges(w, set(uids))
        for data in write.get("index", ()):
            w.update_document(**document_fields(SearchDocument.from_dict(data)))


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


@contextmanager
def _flock(path: Path, *, timeout: float | None = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive lock on ``path`` between processes and threads alike (each call opens
    its own file description); waits at most ``timeout`` seconds, or forever if None."""
    with open(path, "a") as handle:
        if timeout is None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        else:
            deadline = time.monotonic() + timeout
            while not _try_flock(handle):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{path} stayed locked for {timeout}s")
                time.sleep(0.005)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try_flock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _is_locked(path: Path) -> bool:
    with open(path, "a") as handle:
        if not _try_flock(handle):
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    with open(temporary, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


class Generations:
    """Index generations in one directory: which is live, and how to replace it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        with self.locked():
            if not (path / "CURRENT").exists():
                _write_atomically(path / "CURRENT", self._create())

    def current(self) -> str:
        return (self.path / "CURRENT").read_text().strip()

    def open(self, name: str) -> index.Index:
        # The schema in code wins over the one pickled in the index.
        return index.open_dir(str(self.path / name), schema=SCHEMA)

    @contextmanager
    def locked(self) -> Iterator[None]:
        with _flock(self.path / "LOCK"):
            yield

    def write(self, write: Write) -> None:
        """Apply ``write`` to the live generation, and journal it for a running rebuild."""
        with self.locked():
            _apply(self.open(self.current()), write)
            building = self.path / "BUILDING"
            # A BUILDING file left by a rebuild that died holds nothing worth keeping.
            if building.exists() and _is_locked(self.path / "REBUILD"):
                journal = self.path / f"{building.read_text().strip()}.journal"
                with open(journal, "a") as handle:
                    handle.write(json.dumps(write, ensure_ascii=False) + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())

    def replace(self, fill: Callable[[index.Index], int]) -> int:
        """Fill a new generation with ``fill``, replay the writes made meanwhile, then make
        it live in one step. One rebuild at a time: a second one waits for the first.
        Returns what ``fill`` returns; if it fails, the live generation stays as it was."""
        with _flock(self.path / "REBUILD", timeout=None):
            with self.locked():
                name = self._create()
                journal = self.path / f"{name}.journal"
                journal.touch()
                _write_atomically(self.path / "BUILDING", name)
            try:
                ix = self.open(name)
                result = fill(ix)
                with self.locked():
                    for line in journal.read_text().splitlines():
                        _apply(ix, json.loads(line))
                    _write_atomically(self.path / "CURRENT", name)
            finally:
                with self.locked():
                    (self.path / "BUILDING").unlink(missing_ok=True)
                    if self.current() != name:
                        shutil.rmtree(self.path / name, ignore_errors=True)
                    self._clean_up()
        return result

    def _create(self) -> str:
        name = f"gen-{time.time_ns()}-{os.getpid()}"
        (self.path / name).mkdir()
        index.create_in(str(self.path / name), SCHEMA)
        (self.path / name / "LAYOUT").write_text(LAYOUT)
        return name

    def has_current_layout(self, name: str) -> bool:
        """Whether generation ``name`` was built with this code's ``SCHEMA``."""
        layout = self.path / name / "LAYOUT"
        return layout.exists() and layout.read_text() == LAYOUT

    def _clean_up(self) -> None:
        """Keep the live generation and the newest other one (searchers opened before a
        swap may still read it); drop the rest, failed rebuilds and journals included."""
        live = self.current()
        others = sorted(
            entry for entry in self.path.iterdir() if entry.is_dir() and entry.name != live
        )
        for entry in others[:-1]:
            shutil.rmtree(entry, ignore_errors=True)
        for journal in self.path.glob("*.journal"):
            journal.unlink()
