"""The matches marked in the reading view when it is reached from a search hit (``?q=``).

``SearchConfig.ready()`` hands ``mark_rows`` to ``interviews.reading.use_match_marker``:
the interviews app never imports this one.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.conf import settings

from interviews.languages import LANGS
from interviews.reading import ExchangeRows

from . import engine
from .documents import MAX_PER_PAGE, SearchQuery
from .permalinks import passage_anchor
from .presentation import mark_spans

logger = logging.getLogger(__name__)


def passage_highlights(interview: str, text: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The passages of interview ``interview`` that match the query ``text``, in each language.

    Maps (row anchor, language) to (the passage's text as indexed, the same text HTML-escaped
    with the match in ``<mark>``). A query that cannot run highlights nothing.
    """
    highlights = {}
    for lang in LANGS:
        results = engine.backend().search(
            SearchQuery(
                text,
                lang=lang,
                interview=interview,
                per_page=MAX_PER_PAGE,
                time_limit=settings.SEARCH_TIME_LIMIT,
            )
        )
        for hit in results.hits:
            if (anchor := passage_anchor(hit)) and "<mark>" in hit.highlighted:
                highlights[anchor, hit.lang] = (hit.text, hit.highlighted)
    return highlights


def mark_rows(
    exchanges: list[ExchangeRows], *, interview: str, text: str
) -> tuple[list[ExchangeRows], int]:
    """``exchanges`` with the matches of ``text`` marked in their cells, and how many rows
    hold a match.

    A cell keeps its plain text when the index holds another version of it (an edit the
    index has not caught up with): a highlight must never show words that are not there.
    """
    try:
        highlights = passage_highlights(interview, text) if text.strip() else {}
    except Exception:
        # Highlighting is a courtesy: the interview is shown even when the index is broken.
        logger.exception("search highlighting failed for interview %s", interview)
        highlights = {}
    if not highlights:
        return exchanges, 0
    highlighted, matches = [], 0
    for item in exchanges:
        rows = []
        for row in item.rows:
            cells = []
            for cell in row.cells:
                indexed, marked = highlights.get((row.anchor, cell.lang), (None, ""))
                plain, marks = mark_spans(marked)
                fresh = indexed == cell.text == plain
                cells.append(replace(cell, marks=marks) if fresh and marks else cell)
            matches += cells != list(row.cells)
            rows.append(replace(row, cells=tuple(cells)))
        highlighted.append(replace(item, rows=tuple(rows)))
    return highlighted, matches
