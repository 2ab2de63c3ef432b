"""Answering a query: its ``tsquery`` per language, then the total, every facet and the
page of hits in one statement.

The matches are read once and grouped as they are read, per interview, each group with
its count, its counts per language, its best score and the interview's outlet, people,
topics and date (the same in each of its documents). The total and every facet are
counted over the groups, not over every match, so that a word found in 100,000 passages
costs one pass over them, then a few thousand rows. The page is ranked from the matches
of the groups that can hold it only: those up to the k-th group (k the page's last place)
by best score then interview, or by date then interview; every match of a later group
comes after the k best matches of the groups before it.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES, bare_words, fold
from ...documents import QueryError, SearchDocument, SearchHit, SearchQuery
from ...query_terms import query_marks
from ...syntax import MAX_PREFIX_WORDS, Node
from ..hits import search_hit
from .common import BOTH
from .tsquery import SINGLE, Compiled, compile_match, compile_query


def tsqueries(
    cursor: CursorWrapper, generation: int, node: Node, langs: tuple[str, ...]
) -> tuple[list[str], dict[str, str], dict[str, Compiled]]:
    """Each language's ``tsquery``, as text, in one round trip; for the languages whose
    query is one word, that text (the word's lexeme, quoted); and for those where the
    ``tsquery`` finds more than a prefix stands for, the condition a match meets
    (``tsquery.compile_match``)."""

    @cache  # a prefix is expanded for its tsquery, then its condition
    def expansion(prefix: str, lang: str) -> tuple[list[str], set[str]]:
        """The words beginning with ``prefix`` in ``lang``, and those of them whose lexeme
        words that do not begin with it have too."""
        cursor.execute(
            "SELECT w.folded, w.lexeme <> '' AND EXISTS (SELECT FROM search_word o "
            "WHERE o.lang = w.lang AND o.lexeme = w.lexeme AND NOT starts_with(o.folded, %s)) "
            "FROM search_word w WHERE w.lang = %s AND w.folded LIKE %s "
            "ORDER BY w.folded LIMIT %s",
            [prefix, lang, _like(prefix) + "%", MAX_PREFIX_WORDS + 1],
        )
        words = cursor.fetchall()
        if len(words) > MAX_PREFIX_WORDS:
            raise QueryError("prefix_too_common", word=prefix + "*")
        return [word for word, _ in words], {word for word, shared in words if shared}

    def expand(prefix: str, lang: str) -> list[str]:
        return expansion(prefix, lang)[0]

    def shared(prefix: str, lang: str) -> set[str]:
        return expansion(prefix, lang)[1]

    def written(prefix: str, lang: str, exact: list[str], shorter: list[str]) -> list[str]:
        """The keys of the documents holding one of the stems ``shorter`` and none of
        ``exact`` that hold a word beginning with ``prefix`` in ``lang`` (in their text,
        or, for an interview's own document, its title and names)."""
        held = f"d.vector_{lang} @@ %s::tsquery"
        # The keys first, then their bodies through their index (joined, the bodies of
        # the whole generation would be read).
        cursor.execute(
            "SELECT b.document FROM search_body b WHERE b.generation = %s AND b.key = ANY(ARRAY("
            f"SELECT d.key FROM search_document d WHERE d.generation = %s AND {held}"
            + (f" AND NOT {held}" if exact else "")
            + "))",
            [
                generation,
                generation,
                " | ".join(shorter),
                *([" | ".join(exact)] if exact else []),
            ],
        )
        keys = []
        for (data,) in cursor.fetchall():
            document = _stored(data)
            text = f"{document.text.get(lang, '')}\n{document.meta_text(lang)}"
            # Only a text holding the prefix once folded may hold a word beginning with it.
            if prefix in fold(text.lower()) and any(
                word.startswith(prefix) for word in bare_words(text, lang)
            ):
                keys.append(document.key)
        return keys

    compiled = [compile_query(node, lang, expand) for lang in langs]
    conditions = {
        lang: condition
        for lang in langs
        if (condition := compile_match(node, lang, expand, written, shared)) is not None
    }
    cursor.execute(
        "SELECT " + ", ".join(f"({part.sql})::text" for part in compiled),
        [param for part in compiled for param in part.params],
    )
    texts = list(cursor.fetchone())
    single = {
        lang: text
        for lang, text, part in zip(langs, texts, compiled, strict=True)
        if part.sql == SINGLE and part.params[0] and " " not in part.params[0]
    }
    return texts, single, conditions


def _like(text: str) -> str:
    """``text`` as a ``LIKE`` pattern matches it, its wildcards escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches(
    cursor: CursorWrapper,
    generation: int,
    request: SearchQuery,
    queries: list[str],
    common: str | None = None,
    conditions: dict[str, Compiled] | None = None,
) -> list[tuple[Any, ...]]:
    """The total, the facet counts and the page of hits, as rows of (kind, value,
    count, document, score in French, score in English); a hit's count is its place.

    ``common``: a language whose query is one common word of the generation (its lexeme
    the language's query), counted from its interviews' counts (``common``), the other
    languages' matches read one by one. ``conditions``: per language, the condition a
    match meets where it is not its ``tsquery``'s (``tsqueries``)."""
    langs = (request.lang,) if request.lang else LANGUAGES
    params: dict[str, Any] = {
        f"q_{lang}": query for lang, query in zip(langs, queries, strict=True)
    }
    matching = {lang: f"d.vector_{lang} @@ %(q_{lang})s::tsquery" for lang in langs}
    for lang, condition in (conditions or {}).items():
        named = _named(condition, f"m_{lang}", params)
        # Within its tsquery: the rows it matches, found through its index, then checked.
        matching[lang] = f"({matching[lang]} AND {named})" if condition.within else named
    scores = {
        lang: f"CASE WHEN {matching[lang]} THEN ts_rank(d.vector_{lang}, %(q_{lang})s::tsquery) END"
        if lang in langs
        else "NULL::real"
        for lang in LANGUAGES
    }
    filters, values = _filters(request)
    first = (request.page - 1) * request.per_page
    params |= values | {
        "generation": generation,
        "limit": request.per_page,
        "offset": first,
        "last": first + request.per_page - 1,
    }

    def scored(languages: tuple[str, ...]) -> str:
        """The documents matching in one of ``languages``, each with its score in every
        language searched."""
        matched = " OR ".join(matching[lang] for lang in languages)
        return f"""
            SELECT d.key, d.interview, d.exchange, d.paragraph, d.outlet, d.persons,
                d.topics, d.published_on, {scores["fr"]} AS fr, {scores["en"]} AS en
            FROM search_document d
            WHERE d.generation = %(generation)s AND ({matched}) {filters}"""

    score = "coalesce(s.fr, 0) + coalesce(s.en, 0)"
    # Each match's scores are worked out once (OFFSET 0 keeps the subquery whole).
    if common is None:
        grouped = f"""
            -- An interview's outlet, people, topics and date, the same in each of its
            -- documents, are carried by min() rather than hashed with every match.
            SELECT s.interview, min(s.outlet) AS outlet, min(s.persons) AS persons,
                min(s.topics) AS topics, min(s.published_on) AS published_on,
                count(*) AS n, count(s.fr) AS fr, count(s.en) AS en, max({score}) AS best
            FROM ({scored(langs)} OFFSET 0) s
            GROUP BY 1"""
    else:
        counts = _counted(common)
        others = () if common == BOTH else tuple(lang for lang in langs if lang != common)
        if others:
            # A document matching in the common word's language too is counted there.
            alone = {
                lang: "0" if lang == common else f"(s.{lang} IS NOT NULL)::int"
                for lang in LANGUAGES
            }
            counts += f"""
            UNION ALL
            SELECT s.interview, (s.{common} IS NULL)::int, {alone["fr"]}, {alone["en"]},
                {score}
            FROM ({scored(others)} OFFSET 0) s"""
        grouped = f"""
            SELECT d.interview, d.outlet, d.persons, d.topics, d.published_on, s.n, s.fr,
                s.en, s.best
            FROM (
                SELECT s.interview, sum(s.n) AS n, sum(s.fr) AS fr, sum(s.en) AS en,
                    max(s.best) AS best
                FROM ({counts}) s GROUP BY 1
            ) s JOIN (
                -- Read whole once and hashed (OFFSET 0), not looked up per interview.
                SELECT * FROM search_interview d
                WHERE d.generation = %(generation)s {filters} OFFSET 0
            ) d ON d.interview = s.interview"""
    if request.sort == "date":
        order = "s.published_on DESC NULLS LAST, s.interview, s.exchange NULLS FIRST, s.paragraph"
        # The matches of a group share their date and interview, which come first.
        day = "coalesce(g.published_on, '-infinity'::date)"
        cut = f"SELECT {day} AS day, g.interview FROM g ORDER BY 1 DESC, 2"
        ahead = f"{day} > c.day OR ({day} = c.day AND g.interview <= c.interview)"
    else:
        order = f"{score} DESC, s.interview, s.exchange NULLS FIRST, s.paragraph"
        cut = "SELECT g.best, g.interview FROM g ORDER BY 1 DESC, 2"
        ahead = "g.best > c.best OR (g.best = c.best AND g.interview <= c.interview)"
    cursor.execute(
        f"""
        WITH g AS MATERIALIZED ({grouped}
        ), c AS MATERIALIZED (
            {cut} OFFSET %(last)s LIMIT 1
        ), page AS MATERIALIZED (
            SELECT s.key, s.fr, s.en FROM ({scored(langs)}
                AND d.interview IN (
                    SELECT g.interview FROM g
                    WHERE NOT EXISTS (SELECT FROM c) OR EXISTS (SELECT FROM c WHERE {ahead})
                )
            ) s
            ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s
        ), numbered AS (
            -- A materialised page is read back in its order.
            SELECT page.*, row_number() OVER () AS position FROM page
        )
        SELECT 'total', NULL, sum(g.n), NULL::text, NULL::real, NULL::real FROM g
        UNION ALL SELECT 'lang', 'fr', sum(g.fr), NULL, NULL, NULL FROM g
        UNION ALL SELECT 'lang', 'en', sum(g.en), NULL, NULL, NULL FROM g
        UNION ALL SELECT 'outlet', g.outlet, sum(g.n), NULL, NULL, NULL
            FROM g GROUP BY g.outlet
        UNION ALL SELECT 'person', p, sum(g.n), NULL, NULL, NULL
            FROM g, unnest(g.persons) p GROUP BY p
        UNION ALL SELECT 'topic', t, sum(g.n), NULL, NULL, NULL
            FROM g, unnest(g.topics) t GROUP BY t
        UNION ALL SELECT 'year', y.year, sum(y.n), NULL, NULL, NULL
            FROM (SELECT extract(year FROM g.published_on)::int::text AS year, g.n FROM g) y
            WHERE y.year IS NOT NULL GROUP BY y.year
        UNION ALL SELECT 'hit', NULL, n.position, d.document, n.fr, n.en
            FROM numbered n JOIN search_body d
            ON d.key = n.key AND d.generation = %(generation)s
        """,
        params,
    )
    return list(cursor.fetchall())


def hits(
    node: Node, langs: tuple[str, ...], found: list[tuple[Any, dict[str, float | None]]]
) -> list[SearchHit]:
    marked = {lang: query_marks(node, lang) for lang in langs}
    shown = []
    for data, ranks in found:
        document = _stored(data)
        # A language the document did not match in scores below every match.
        scores = {lang: -1.0 if (rank := ranks[lang]) is None else rank for lang in langs}
        shown.append(search_hit(document, scores, marked))
    return shown


def _stored(data: Any) -> SearchDocument:
    """A document as ``search_body`` stores it (its JSON)."""
    return SearchDocument.from_dict(json.loads(data) if isinstance(data, str) else data)


def _named(condition: Compiled, name: str, params: dict[str, Any]) -> str:
    """``condition``'s SQL with its parameters named ``name``, ``name``_1… in ``params``."""
    pieces = condition.sql.split("%s")
    sql = pieces[0]
    for number, (piece, value) in enumerate(zip(pieces[1:], condition.params, strict=True)):
        params[f"{name}_{number}"] = value
        sql += f"%({name}_{number})s{piece}"
    return sql


def _counted(common: str) -> str:
    """The counts per interview of a query's one common word (``common``): in one
    language, or in both (``BOTH``: the documents holding it in the one and in the other,
    less those holding it in both, counted twice); an interview in several rows."""
    kinds = (*LANGUAGES, BOTH) if common == BOTH else (common,)
    return " UNION ALL ".join(
        f"""
            SELECT c.interview, {"-" if kind == BOTH else ""}c.n AS n,
                {", ".join(f"{'c.n' if lang == kind else '0'} AS {lang}" for lang in LANGUAGES)},
                c.best
            FROM search_common c WHERE c.generation = %(generation)s AND c.lang = '{kind}'
                AND c.lexeme = %(q_{LANGUAGES[0] if kind == BOTH else kind})s"""
        for kind in kinds
    )


def _filters(request: SearchQuery) -> tuple[str, dict[str, Any]]:
    clauses, values = [], {}
    for name, value, clause in (
        ("outlet", request.outlet, "d.outlet = %(outlet)s"),
        ("interview", request.interview, "d.interview = %(interview)s"),
        ("person", request.person, "d.persons @> ARRAY[%(person)s]::text[]"),
        ("topic", request.topic, "d.topics @> ARRAY[%(topic)s]::text[]"),
        ("date_from", request.date_from, "d.published_on >= %(date_from)s"),
        ("date_to", request.date_to, "d.published_on <= %(date_to)s"),
    ):
        if value is not None:
            clauses.append(f"AND {clause}")
            values[name] = value
    return " ".join(clauses), values
