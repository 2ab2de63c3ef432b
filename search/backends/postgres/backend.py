"""PostgreSQL full-text search behind the ``SearchBackend`` interface: the index is tables
of the archive's own database, so every app server sharing the database shares it, and an
edit's index write commits or rolls back with the edit.

The tables and text search configurations are made by ``search/migrations/0002``. Each
rebuild fills a new *generation* of ``search_document`` aside, then makes it the one
searched (``search_state``) in one transaction; writes made meanwhile go to the searched
generation and to ``search_journal``, replayed onto the new one as it is swapped in.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from django.db import DatabaseError, OperationalError, connections, transaction
from django.db.backends.utils import CursorWrapper

from ...analysis import ANALYZERS, LANGUAGES, bare, bare_words, edit_distance
from ...documents import QueryError, SearchDocument, SearchHit, SearchQuery, SearchResults
from ...models import IndexedDocument
from ...query_terms import query_marks
from ...syntax import OPERATOR_WORDS, parse
from ..base import IndexUnavailable, SearchBackend
from ..hits import search_hit
from ..whoosh.backend import FACETS, _single_term
from ..whoosh.index import meta_text
from .tsquery import compile_query, config

BATCH = 1000  # documents per statement when rebuilding
MAX_PREFIX_WORDS = 500  # the most indexed words a prefix may stand for
_SUGGESTION_CANDIDATES = 20
_COLUMNS = (
    "generation, key, interview, exchange_uid, exchange, paragraph, original_language, "
    "outlet, persons, topics, published_on, fingerprint, document, "
    + ", ".join(f"words_{lang}, meta_{lang}" for lang in LANGUAGES)
)
_UPDATE = ", ".join(
    f"{column} = EXCLUDED.{column}"
    for column in (name.strip() for name in _COLUMNS.split(","))
    if column not in ("generation", "key")
)
_INSERT = (
    f"INSERT INTO search_document ({_COLUMNS}) VALUES "
    f"({', '.join(['%s'] * len(_COLUMNS.split(',')))}) "
    f"ON CONFLICT (generation, key) DO UPDATE SET {_UPDATE}"
)
_INSERT_WORD = (
    "INSERT INTO search_word (lang, folded, word) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
)


class PostgresBackend(SearchBackend):
    """The index in the tables of database ``database`` (a ``DATABASES`` alias).

    ``path`` is accepted for the interface's sake and unused: nothing is kept on disk.
    """

    indexes_in_transaction = True

    def __init__(
        self, path: object = None, *, create: bool = True, database: str = "default"
    ) -> None:
        self.database = database
        self.create = create

    # Writing

    def replace_interviews(
        self,
        slugs: Iterable[str],
        documents: Iterable[SearchDocument],
        *,
        exchanges: Iterable[str] = (),
    ) -> None:
        deleted, uids = sorted(set(slugs)), sorted(set(exchanges))
        # The last document given for a key wins, as if indexed one at a time.
        latest = list({document.key: document for document in documents}.values())
        if not (deleted or uids or latest):
            return
        with self._cursor() as cursor:
            current, building = self._state(cursor, lock="FOR SHARE")
            self._apply(cursor, current, slugs=deleted, exchanges=uids, documents=latest)
            if building is not None:
                journaled = {
                    "slugs": deleted,
                    "exchanges": uids,
                    "documents": [document.to_dict() for document in latest],
                }
                cursor.execute(
                    "INSERT INTO search_journal (generation, write) VALUES (%s, %s::jsonb)",
                    [building, json.dumps(journaled)],
                )

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Fills a new generation in one transaction (a failure leaves nothing of it), then
        swaps it in with the writes made meanwhile in another."""
        with self._cursor() as cursor:
            cursor.execute("SELECT nextval('search_generation')")
            generation = cursor.fetchone()[0]
            self._state(cursor, lock="FOR UPDATE", creating=True)
            cursor.execute("DELETE FROM search_journal")
            cursor.execute("UPDATE search_state SET building = %s", [generation])
        try:
            with self._cursor() as cursor:
                count = self._fill(cursor, generation, documents, progress)
        except BaseException:
            with self._cursor() as cursor:
                cursor.execute("DELETE FROM search_document WHERE generation = %s", [generation])
                cursor.execute(
                    "UPDATE search_state SET building = NULL WHERE building = %s", [generation]
                )
                cursor.execute("DELETE FROM search_journal WHERE generation = %s", [generation])
            raise
        with self._cursor() as cursor:
            self._state(cursor, lock="FOR UPDATE", creating=True)
            cursor.execute(
                "SELECT write FROM search_journal WHERE generation = %s ORDER BY id", [generation]
            )
            for (write,) in cursor.fetchall():
                data = json.loads(write) if isinstance(write, str) else write
                self._apply(
                    cursor,
                    generation,
                    slugs=data["slugs"],
                    exchanges=data["exchanges"],
                    documents=[SearchDocument.from_dict(d) for d in data["documents"]],
                )
            cursor.execute("UPDATE search_state SET current = %s, building = NULL", [generation])
            cursor.execute("DELETE FROM search_journal")
            cursor.execute("DELETE FROM search_document WHERE generation <> %s", [generation])
        return count

    def _fill(
        self,
        cursor: CursorWrapper,
        generation: int,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] | None,
    ) -> int:
        seen: set[str] = set()
        batch: list[SearchDocument] = []
        words: dict[tuple[str, str], str] = {}
        for document in documents:
            if document.key in seen:
                raise ValueError(f"Two documents have the key {document.key!r}")
            seen.add(document.key)
            batch.append(document)
            if len(batch) == BATCH:
                self._insert(cursor, generation, batch, words)
                batch = []
            if progress:
                progress(len(seen))
        self._insert(cursor, generation, batch, words)
        self._insert_words(cursor, words)
        return len(seen)

    def _apply(
        self,
        cursor: CursorWrapper,
        generation: int,
        *,
        slugs: list[str],
        exchanges: list[str],
        documents: list[SearchDocument],
    ) -> None:
        """One write on one generation: the interviews' and exchanges' documents go, then
        ``documents`` are added or replace those with their keys."""
        if slugs or exchanges:
            cursor.execute(
                "DELETE FROM search_document WHERE generation = %s "
                "AND (interview = ANY(%s) OR exchange_uid = ANY(%s))",
                [generation, slugs, exchanges],
            )
        words: dict[tuple[str, str], str] = {}
        self._insert(cursor, generation, documents, words)
        self._insert_words(cursor, words)

    def _insert(
        self,
        cursor: CursorWrapper,
        generation: int,
        documents: list[SearchDocument],
        words: dict[tuple[str, str], str],
    ) -> None:
        if documents:
            cursor.executemany(_INSERT, [_row(generation, d, words) for d in documents])

    def _insert_words(self, cursor: CursorWrapper, words: dict[tuple[str, str], str]) -> None:
        # Sorted: two writers inserting the same words lock them in the same order.
        rows = [(lang, folded, word) for (lang, folded), word in sorted(words.items())]
        if rows:
            cursor.executemany(_INSERT_WORD, rows)

    # Reading

    def search(self, query: SearchQuery) -> SearchResults:
        started = time.monotonic()
        try:
            query.validate(LANGUAGES)
            node = parse(query.text).node
            langs = (query.lang,) if query.lang else LANGUAGES
            return self._search(query, node, langs, started)
        except QueryError as error:
            return SearchResults(
                hits=[], total=0, page=query.page, per_page=query.per_page, error=error.problem
            )

    def keys(self) -> dict[str, str]:
        with self._cursor() as cursor:
            current, _ = self._state(cursor)
        indexed = IndexedDocument.objects.using(self.database).filter(generation=current)
        return dict(indexed.values_list("key", "fingerprint"))

    def close(self) -> None:
        return None  # the database connection is Django's

    def _search(
        self, request: SearchQuery, node: Any, langs: tuple[str, ...], started: float
    ) -> SearchResults:
        empty = SearchResults(
            hits=[],
            total=0,
            page=request.page,
            per_page=request.per_page,
            facets={name: {} for name in FACETS},
            partial=True,
        )
        limit = request.time_limit
        if limit is not None and time.monotonic() - started >= limit:
            return empty
        try:
            with self._cursor() as cursor:
                if limit is not None:
                    remaining = limit - (time.monotonic() - started)
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)",
                        [str(max(1, int(remaining * 1000)))],
                    )
                current, _ = self._state(cursor)
                queries = self._tsqueries(cursor, node, langs)
                rows = self._matches(cursor, current, request, queries)
                suggestion = self._suggest(cursor, current, request.text)
        except OperationalError as error:
            if _cancelled(error):
                return empty
            raise
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        total, found = 0, []
        for kind, value, count, document, *scores in rows:
            if kind == "hit":
                found.append((document, dict(zip(LANGUAGES, scores, strict=True))))
            elif kind == "total":
                total = count
            elif count:
                counts[kind][value] = count
        if len(langs) == 1 and total:
            counts["lang"] = {langs[0]: total}
        return SearchResults(
            hits=self._hits(node, langs, found),
            total=total,
            page=request.page,
            per_page=request.per_page,
            facets=counts,
            suggestion=suggestion,
        )

    def _tsqueries(self, cursor: CursorWrapper, node: Any, langs: tuple[str, ...]) -> list[str]:
        """Each language's ``tsquery``, as text; one round trip."""

        def expand(prefix: str, lang: str) -> list[str]:
            like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            cursor.execute(
                "SELECT folded FROM search_word WHERE lang = %s AND folded LIKE %s "
                "ORDER BY folded LIMIT %s",
                [lang, like + "%", MAX_PREFIX_WORDS + 1],
            )
            words = [word for (word,) in cursor.fetchall()]
            if len(words) > MAX_PREFIX_WORDS:
                raise QueryError("prefix_too_common", word=prefix + "*")
            return words

        compiled = [compile_query(node, lang, expand) for lang in langs]
        cursor.execute(
            "SELECT " + ", ".join(f"({part.sql})::text" for part in compiled),
            [param for part in compiled for param in part.params],
        )
        return list(cursor.fetchone())

    def _matches(
        self,
        cursor: CursorWrapper,
        generation: int,
        request: SearchQuery,
        queries: list[str],
    ) -> list[tuple[Any, ...]]:
        """The facet counts, the total and the page of hits, in one statement."""
        langs = (request.lang,) if request.lang else LANGUAGES
        by_lang = dict(zip(langs, queries, strict=True))
        params: list[Any] = []
        scores, matched = [], []
        for lang in LANGUAGES:
            if lang in by_lang:
                scores.append(
                    f"CASE WHEN d.vector_{lang} @@ %s::tsquery "
                    f"THEN ts_rank(d.vector_{lang}, %s::tsquery) END AS {lang}"
                )
                params += [by_lang[lang], by_lang[lang]]
            else:
                scores.append(f"NULL::real AS {lang}")
        for lang in langs:
            matched.append(f"d.vector_{lang} @@ %s::tsquery")
            params.append(by_lang[lang])
        filters, values = _filters(request)
        params += [generation, *values]
        order = (
            "d.published_on DESC NULLS LAST, d.interview, d.exchange NULLS FIRST, d.paragraph"
            if request.sort == "date"
            else "coalesce(m.fr, 0) + coalesce(m.en, 0) DESC, d.interview, "
            "d.exchange NULLS FIRST, d.paragraph"
        )
        params += [request.per_page, (request.page - 1) * request.per_page]
        cursor.execute(
            f"""
            WITH m AS MATERIALIZED (
                SELECT d.id, d.outlet, d.persons, d.topics, d.published_on, {", ".join(scores)}
                FROM search_document d
                WHERE ({" OR ".join(matched)}) AND d.generation = %s {filters}
            )
            SELECT 'total', NULL, count(*), NULL::jsonb, NULL::real, NULL::real FROM m
            UNION ALL SELECT 'lang', 'fr', count(m.fr), NULL, NULL, NULL FROM m
            UNION ALL SELECT 'lang', 'en', count(m.en), NULL, NULL, NULL FROM m
            UNION ALL SELECT 'outlet', m.outlet, count(*), NULL, NULL, NULL
                FROM m GROUP BY m.outlet
            UNION ALL SELECT 'person', p, count(*), NULL, NULL, NULL
                FROM m, unnest(m.persons) p GROUP BY p
            UNION ALL SELECT 'topic', t, count(*), NULL, NULL, NULL
                FROM m, unnest(m.topics) t GROUP BY t
            UNION ALL SELECT 'year', extract(year FROM m.published_on)::int::text, count(*),
                NULL, NULL, NULL
                FROM m WHERE m.published_on IS NOT NULL GROUP BY 2
            UNION ALL (
                SELECT 'hit', NULL, NULL, d.document, m.fr, m.en
                FROM m JOIN search_document d ON d.id = m.id
                ORDER BY {order} LIMIT %s OFFSET %s
            )
            """,
            params,
        )
        return list(cursor.fetchall())

    def _hits(
        self,
        node: Any,
        langs: tuple[str, ...],
        found: list[tuple[Any, dict[str, float | None]]],
    ) -> list[SearchHit]:
        marked = {lang: query_marks(node, lang) for lang in langs}
        hits = []
        for data, ranks in found:
            document = SearchDocument.from_dict(json.loads(data) if isinstance(data, str) else data)
            # A language the document did not match in scores below every match.
            scores = {lang: -1.0 if (rank := ranks[lang]) is None else rank for lang in langs}
            hits.append(search_hit(document, scores, marked))
        return hits

    # Did you mean

    def _suggest(self, cursor: CursorWrapper, generation: int, text: str) -> str | None:
        """``text`` with each word the index does not know replaced by the known word
        nearest to it (trigram similarity finds candidates, the fewest edits wins)."""
        spans = [(token.startchar, token.endchar) for token in ANALYZERS["fr"](text, chars=True)]
        words = [
            (start, end, text[start:end])
            for start, end in spans
            if text[start:end] not in OPERATOR_WORDS
        ]
        if not words:
            return None
        known = self._known(cursor, generation, [word for _, _, word in words])
        corrections = []
        for (start, end, word), is_known in zip(words, known, strict=True):
            if not is_known and (correction := self._correction(cursor, generation, word)):
                corrections.append((start, end, correction))
        if not corrections:
            return None
        for start, end, correction in reversed(corrections):
            text = text[:start] + correction + text[end:]
        return text

    def _known(self, cursor: CursorWrapper, generation: int, words: list[str]) -> list[bool]:
        """Whether any document of either language holds each word."""
        either = " OR ".join(
            f"vector_{lang} @@ phraseto_tsquery('{config(lang)}'::regconfig, %s)"
            for lang in LANGUAGES
        )
        test = f"EXISTS (SELECT 1 FROM search_document WHERE generation = %s AND ({either}))"
        params: list[Any] = []
        for word in words:
            params += [generation, *(" ".join(bare_words(word, lang)) for lang in LANGUAGES)]
        cursor.execute("SELECT " + ", ".join([test] * len(words)), params)
        return [bool(value) for value in cursor.fetchone()]

    def _correction(self, cursor: CursorWrapper, generation: int, word: str) -> str | None:
        if not any(_single_term(lang, word) for lang in LANGUAGES):
            return None
        folded = bare(word, "fr")[0]
        if len(folded) < 3:
            return None
        reach = 1 if len(folded) <= 4 else 2 if len(folded) <= 6 else 3
        cursor.execute(
            "SELECT folded, word, similarity(folded, %s) FROM search_word "
            "WHERE folded %% %s ORDER BY 3 DESC, folded LIMIT %s",
            [folded, folded, _SUGGESTION_CANDIDATES],
        )
        ranked = sorted(
            (distance, abs(len(candidate) - len(folded)), -similarity, candidate, shown)
            for candidate, shown, similarity in cursor.fetchall()
            if 0 < (distance := edit_distance(folded, candidate, reach)) <= reach
        )
        for *_, shown in ranked:
            if self._known(cursor, generation, [shown])[0]:
                return cast(str, shown)
        return None

    # The database

    def _cursor(self) -> _Cursor:
        return _Cursor(self.database)

    def _state(
        self, cursor: CursorWrapper, lock: str = "", *, creating: bool = False
    ) -> tuple[int, int | None]:
        """The generation searched and the one a rebuild is filling (or None); a missing
        index is made when the backend may create it, or when ``creating``."""
        cursor.execute("SELECT current FROM search_state")
        if cursor.fetchone()[0] is None:
            if not (self.create or creating):
                raise IndexUnavailable(IndexUnavailable.MISSING, self._location(), "never built")
            # Before any lock on the row: two writers holding it shared could not update it.
            cursor.execute(
                "UPDATE search_state SET current = nextval('search_generation') "
                "WHERE current IS NULL"
            )
        cursor.execute(f"SELECT current, building FROM search_state {lock}")
        current, building = cursor.fetchone()
        return current, building

    def _location(self) -> str:
        name = connections[self.database].settings_dict.get("NAME")
        return f"the PostgreSQL database {name!r} (tables search_*)"


class _Cursor:
    """A cursor inside an atomic block of the backend's database; missing tables (no
    migrations run, or not PostgreSQL) are an ``IndexUnavailable``."""

    def __init__(self, database: str) -> None:
        self.database = database
        self._atomic = transaction.atomic(using=database)

    def __enter__(self) -> CursorWrapper:
        connection = connections[self.database]
        if connection.vendor != "postgresql":
            raise IndexUnavailable(
                IndexUnavailable.UNREADABLE,
                f"the {connection.vendor} database",
                "the PostgreSQL search backend needs a PostgreSQL database",
            )
        self._atomic.__enter__()
        self._cursor = connection.cursor()
        return self._cursor

    def __exit__(self, *exc: Any) -> None:
        self._cursor.close()
        try:
            self._atomic.__exit__(*exc)
        finally:
            error = exc[1]
            if (
                isinstance(error, DatabaseError)
                and "search_" in str(error)
                and ("does not exist" in str(error))
            ):
                raise IndexUnavailable(
                    IndexUnavailable.MISSING,
                    "the PostgreSQL database",
                    "its search tables are missing: run `manage.py migrate`",
                ) from error


def _filters(request: SearchQuery) -> tuple[str, list[Any]]:
    clauses, values = [], []
    for value, clause in (
        (request.outlet, "d.outlet = %s"),
        (request.interview, "d.interview = %s"),
        (request.person, "d.persons @> ARRAY[%s]::text[]"),
        (request.topic, "d.topics @> ARRAY[%s]::text[]"),
        (request.date_from, "d.published_on >= %s"),
        (request.date_to, "d.published_on <= %s"),
    ):
        if value is not None:
            clauses.append(f"AND {clause}")
            values.append(value)
    return " ".join(clauses), values


def _row(
    generation: int, document: SearchDocument, words: dict[tuple[str, str], str]
) -> tuple[Any, ...]:
    """``document`` as a row of ``search_document``; its words go into ``words``."""
    data = document.to_dict()
    texts = []
    for lang in LANGUAGES:
        text = document.text.get(lang, "")
        meta = meta_text(document, lang)
        for source in (text, meta):
            words.update(_vocabulary(source, lang))
        texts += [" ".join(bare_words(text, lang)), " ".join(bare_words(meta, lang))]
    return (
        generation,
        document.key,
        document.interview,
        document.exchange_uid,
        document.exchange,
        document.paragraph,
        document.original_language,
        document.outlet,
        list(document.persons),
        list(document.topics),
        document.published_on,
        document.fingerprint,
        json.dumps(data, ensure_ascii=False),
        *texts,
    )


def _vocabulary(text: str, lang: str) -> Iterator[tuple[tuple[str, str], str]]:
    """The words did-you-mean may offer: ((lang, folded), the word lowercased as written)."""
    for token in ANALYZERS[lang](text, chars=True, mode="index"):
        written = text[token.startchar : token.endchar].lower()
        folded = bare(written, lang)[0]
        if len(folded) >= 3 and not folded.isdigit():
            yield (lang, folded), written


def _cancelled(error: OperationalError) -> bool:
    """Whether ``statement_timeout`` stopped the statement."""
    return getattr(error.__cause__, "sqlstate", None) == "57014"
