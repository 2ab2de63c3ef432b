"""Answering a query: its ``tsquery`` per language, then the total, every facet and the
page of hits in one statement.

The matches are read once, into a materialised set; the facets are counted over their
distinct combinations of outlet, people, topics and year (about one per interview),
not over every match, so that a word found in 100,000 passages costs one grouping of
them, then a few thousand rows.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.backends.utils import CursorWrapper

from ...analysis import LANGUAGES
from ...documents import QueryError, SearchDocument, SearchHit, SearchQuery
from ...query_terms import query_marks
from ...syntax import Node
from ..hits import search_hit
from .tsquery import compile_query

MAX_PREFIX_WORDS = 500  # the most indexed words a prefix may stand for


def tsqueries(cursor: CursorWrapper, node: Node, langs: tuple[str, ...]) -> list[str]:
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


def matches(
    cursor: CursorWrapper, generation: int, request: SearchQuery, queries: list[str]
) -> list[tuple[Any, ...]]:
    """The total, the facet counts and the page of hits, as rows of (kind, value,
    count, document, score in French, score in English); a hit's count is its place."""
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
        "m.published_on DESC NULLS LAST, m.interview, m.exchange NULLS FIRST, m.paragraph"
        if request.sort == "date"
        else "coalesce(m.fr, 0) + coalesce(m.en, 0) DESC, m.interview, "
        "m.exchange NULLS FIRST, m.paragraph"
    )
    params += [request.per_page, (request.page - 1) * request.per_page, generation]
    cursor.execute(
        f"""
        WITH m AS MATERIALIZED (
            SELECT d.key, d.interview, d.exchange, d.paragraph, d.outlet, d.persons,
                d.topics, d.published_on, {", ".join(scores)}
            FROM search_document d
            WHERE ({" OR ".join(matched)}) AND d.generation = %s {filters}
        ), g AS MATERIALIZED (
            SELECT m.outlet, m.persons, m.topics,
                extract(year FROM m.published_on)::int::text AS year,
                count(*) AS n, count(m.fr) AS fr, count(m.en) AS en
            FROM m GROUP BY 1, 2, 3, 4
        ), page AS MATERIALIZED (
            SELECT m.key, m.fr, m.en FROM m ORDER BY {order} LIMIT %s OFFSET %s
        ), numbered AS (
            -- A materialised page is read back in its order.
            SELECT page.*, row_number() OVER () AS position FROM page
        )
        SELECT 'total', NULL, sum(g.n), NULL::jsonb, NULL::real, NULL::real FROM g
        UNION ALL SELECT 'lang', 'fr', sum(g.fr), NULL, NULL, NULL FROM g
        UNION ALL SELECT 'lang', 'en', sum(g.en), NULL, NULL, NULL FROM g
        UNION ALL SELECT 'outlet', g.outlet, sum(g.n), NULL, NULL, NULL
            FROM g GROUP BY g.outlet
        UNION ALL SELECT 'person', p, sum(g.n), NULL, NULL, NULL
            FROM g, unnest(g.persons) p GROUP BY p
        UNION ALL SELECT 'topic', t, sum(g.n), NULL, NULL, NULL
            FROM g, unnest(g.topics) t GROUP BY t
        UNION ALL SELECT 'year', g.year, sum(g.n), NULL, NULL, NULL
            FROM g WHERE g.year IS NOT NULL GROUP BY g.year
        UNION ALL SELECT 'hit', NULL, n.position, d.document, n.fr, n.en
            FROM numbered n JOIN search_document d ON d.key = n.key AND d.generation = %s
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
        document = SearchDocument.from_dict(json.loads(data) if isinstance(data, str) else data)
        # A language the document did not match in scores below every match.
        scores = {lang: -1.0 if (rank := ranks[lang]) is None else rank for lang in langs}
        shown.append(search_hit(document, scores, marked))
    return shown


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
