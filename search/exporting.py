"""Every passage a search finds, as an export (the search page's and ``export_corpus --query``).

The search app chooses the passages; ``interviews.exporting`` loads and writes them, as it
does the corpus: the dependency runs from search to interviews only.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from interviews.exporting.selection import Found, original_languages, passages_export
from interviews.exporting.units import Export, ExportError
from interviews.models import Interview
from interviews.passages import PassageRef

from . import engine
from .documents import MAX_PER_PAGE, SearchQuery
from .problems import problem_message


def search_export(
    query: SearchQuery, *, level: str, base_url: str = "", within: list[str] | None = None
) -> Export:
    """Every passage ``query`` finds (not only a page), grouped by interview, interviews in
    the order of their best hit; ``within`` keeps those of the published interviews named."""
    if within is not None:
        within = list(original_languages(Interview.objects.published(), within))
    if not query.text.strip():
        raise ExportError(_("Type a word, or a phrase in quotes, to search for."))
    export = passages_export(
        search_passages(query),
        level=level,
        title=_("Search: %(query)s") % {"query": query.text},
        base_url=base_url,
        within=within,
    )
    if not export.count:
        raise ExportError(_("The search found no passage to export."))
    return export


def search_passages(query: SearchQuery) -> Found:
    """Every passage ``query`` finds, page after page, per interview in the order of its
    best hit. Title and standfirst matches are no passage: they are left out."""
    found: Found = {}
    page = 1
    while True:
        results = engine.backend().search(replace(query, page=page, per_page=MAX_PER_PAGE))
        if results.error:
            raise ExportError(problem_message(results.error))
        if results.partial:
            raise ExportError(
                _("The search took too long to export all its results: narrow it down.")
            )
        for hit in results.hits:
            if hit.exchange_uid is not None:
                ref = PassageRef(hit.exchange_uid, hit.part, hit.paragraph)
                found.setdefault(hit.interview, set()).add(ref)
        if not results.hits or page * MAX_PER_PAGE >= results.total:
            return found
        page += 1
