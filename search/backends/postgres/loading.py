"""Loading a generation built aside: documents made into rows and copied, in batches,
into its tables (``writing.create``) with ``COPY``, with no index to keep up to date;
then indexed and attached (``writing.finish``). Over one cursor (``fill``), or by several
processes, each with a ``Loader`` of its own (``parallel``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES
from ...documents import SearchDocument
from . import common, writing
from .rows import BODY, COLUMNS, VECTORS, Row, Rows
from .vectors import Placed, place

BATCH = 2000  # documents per COPY when rebuilding
# A row's columns that are its interview's (``common.INTERVIEW``, after the generation).
_OF_INTERVIEW = [COLUMNS.index(column) for column in common.INTERVIEW[1:]]


def fill(
    cursor: CursorWrapper,
    generation: int,
    documents: Iterable[SearchDocument],
    progress: Callable[[int], None] | None,
) -> int:
    """Generation ``generation`` made of ``documents`` over one cursor, in tables of its
    own (``writing.create``, ``Loader``, ``writing.finish``); how many documents it holds."""
    writing.create(cursor, generation)
    loader, count = Loader(generation), 0
    # Whole batches are read before each COPY: reading ``documents`` may need the
    # connection (the archive's are read from the database as they come).
    for batch in batches(documents):
        loader.load(cursor, batch)
        count = counted(progress, count, len(batch))
    chosen = [loader.tally.words] if loader.tally.words else []
    writing.finish(cursor, generation, loader.rows, chosen)
    return count


def counted(progress: Callable[[int], None] | None, count: int, more: int) -> int:
    """``count`` + ``more``, each count on the way given to ``progress``."""
    if progress:
        for running in range(count + 1, count + more + 1):
            progress(running)
    return count + more


def batches(
    documents: Iterable[SearchDocument], size: int = BATCH
) -> Iterator[list[SearchDocument]]:
    """``documents`` in lists of ``size``; raises ``ValueError`` on a key given twice."""
    seen: set[str] = set()
    batch: list[SearchDocument] = []
    for document in documents:
        if document.key in seen:
            raise ValueError(f"Two documents have the key {document.key!r}")
        seen.add(document.key)
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Loader:
    """Copies batches of documents into generation ``generation``'s tables, remembering
    their words and each word's lexeme (``rows``)."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.rows = Rows(generation)
        self.tally = common.Tally(generation)
        self._arrays = _Arrays()
        self._interviews: set[str] = set()  # those whose row is written

    def load(self, cursor: CursorWrapper, batch: list[SearchDocument]) -> None:
        made = [self.rows.row(document) for document in batch]
        tally = self.tally
        placed: Iterable[dict[str, Placed]] = map(self._places, made)
        if tally.words is None:  # the first batch: the common words chosen from it
            placed = list(placed)
            tally.choose(placed)
        self._copy(cursor, "document", COLUMNS + VECTORS, self._documents(made, placed))
        self._copy(cursor, "body", BODY, [row.body for row in made])
        counts = writing.table(self.generation, "common")
        with cursor.copy(f"COPY {counts} ({', '.join(common.COMMON)}) FROM STDIN") as copy:
            copy.write(tally.lines())
        self._copy(cursor, "interview", common.INTERVIEW, self._new_interviews(made))

    def _places(self, row: Row) -> dict[str, Placed]:
        return {lang: place(*row.lexemes[lang]) for lang in LANGUAGES}

    def _documents(
        self, made: list[Row], placed: Iterable[dict[str, Placed]]
    ) -> Iterator[tuple[Any, ...]]:
        """Each row with its vectors, its common words counted on the way; one at a
        time, so that a document's lexemes are not kept beyond it."""
        tally, arrays = self.tally, self._arrays
        for row, lexemes in zip(made, placed, strict=True):
            tally.add(row.interview, lexemes)
            vectors = (lexemes[lang].vector for lang in LANGUAGES)
            yield (*row.with_arrays(arrays.__getitem__), *vectors)

    def _copy(
        self, cursor: CursorWrapper, kind: str, columns: tuple[str, ...], rows: Iterable[Any]
    ) -> None:
        name = writing.table(self.generation, kind)
        with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _new_interviews(self, made: list[Row]) -> Iterator[tuple[Any, ...]]:
        for row in made:
            if row.interview not in self._interviews:
                self._interviews.add(row.interview)
                columns = row.with_arrays(self._arrays.__getitem__)
                yield (self.generation, *(columns[at] for at in _OF_INTERVIEW))


class _Arrays(dict[tuple[str, ...], str]):
    """Each tuple of strings -> that ``text[]`` as text ('{"a","b"}'), written on first
    sight: the documents of an interview share their people and topics, and a string is
    copied without psycopg's dumping of a list, element by element."""

    def __missing__(self, values: tuple[str, ...]) -> str:
        quoted = ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
        made = self[values] = "{" + ",".join(quoted) + "}"
        return made
