"""The search page, and its whole result set exported: parse the request, ask the
backend, render or stream."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from interviews.citations import CitationError
from interviews.exporting.downloads import (
    download,
    export_links,
    refusal,
    requested_format,
    site_url,
)
from interviews.exporting.units import ExportError, parse_level
from interviews.reviewing import passage_labels
from interviews.views.citing import citation_download, citation_error

from . import engine
from .citing import result_citations
from .documents import MAX_PER_PAGE, SearchResults
from .exporting import search_export
from .forms import SearchForm
from .kept_pages import KeptPages
from .presentation import (
    index_generation,
    page_parameters,
    present_facets,
    present_hits,
    query_link,
    query_reading,
)
from .problems import problem_message
from .unavailable import unavailable_as_503

PAGE_SIZE = 10


@require_safe
@unavailable_as_503
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        content = _results_content(request, form)
    else:
        content = render_to_string(CONTENT_TEMPLATE, {"form": form, "results": None})
    return render(request, "search/search.html", {"form": form, "content": content})


# Everything of the page under its title but the site's header and footer: the form, and
# the results; rendered without the request (no context processor needs running twice).
CONTENT_TEMPLATE = "search/partials/content.html"


def _results_content(request: HttpRequest, form: SearchForm) -> SafeString:
    query = form.search_query(per_page=PAGE_SIZE, time_limit=settings.SEARCH_TIME_LIMIT)
    generation = index_generation()
    results = engine.backend().search(query)
    labels = passage_labels(hit.exchange_uid for hit in results.hits if hit.exchange_uid)

    def content() -> SafeString:
        context = {
            "form": form,
            "results": results,
            "labels": labels,
            "problem": problem_message(results.error) if results.error else None,
            "reading": query_reading(query.text),
            "hits": present_hits(results.hits, query.text),
            "facets": present_facets(results.facets, request.GET),
            "pages": _page_links(request.GET, results),
            "suggestion_url": _link(request.GET, q=results.suggestion)
            if results.suggestion
            else None,
            "cite_query": _link(request.GET),
            "export_links": export_links(
                lambda name: reverse("search:export", args=[name]), request.GET
            ),
        }
        return render_to_string(CONTENT_TEMPLATE, context)

    # A partial answer may be whole next time: never kept.
    key = (request.get_full_path(), tuple(sorted(labels.items())))
    return _kept_results.get(None if results.partial else generation, key, content)


# The part of the page under its title, under the index's generation, by address (as typed:
# its links carry its query string) and by its hits' translation labels (not in the index).
_kept_results: KeptPages[SafeString] = KeptPages()


@require_safe
@unavailable_as_503
def cite_results(request: HttpRequest, extension: str) -> HttpResponseBase:
    """Every hit of the search, as one citation file."""
    try:
        items = result_citations(
            SearchForm(request.GET), user=request.user, build_uri=request.build_absolute_uri
        )
    except CitationError as error:
        return citation_error(request, error)
    return citation_download(extension, items, "citations")


@require_safe
@unavailable_as_503
def export(request: HttpRequest, format: str) -> HttpResponseBase:
    """Every passage the search finds, not only a page, in one file."""
    chosen = requested_format(format)
    form = SearchForm(request.GET)
    if not form.is_valid():
        return refusal(request, form.error_message())
    query = form.search_query(per_page=MAX_PER_PAGE, time_limit=settings.SEARCH_TIME_LIMIT)
    try:
        export = search_export(
            query, level=parse_level(request.GET.get("level")), base_url=site_url(request)
        )
    except ExportError as problem:
        return refusal(request, str(problem))
    return download(export, chosen, filename=slugify(f"search {query.text}")[:80].strip("-"))


def _link(params: QueryDict, **changes: str) -> str:
    """This page's query string with ``changes``, back on the first page unless one is given."""
    return query_link(page_parameters(params), dict(changes))


def _page_links(params: QueryDict, results: SearchResults) -> dict[str, str | int | None]:
    last = max(1, -(-results.total // results.per_page))

    def link(page: int) -> str | None:
        if not 1 <= page <= last or page == results.page:
            return None
        return _link(params, page=str(page))

    return {"previous": link(results.page - 1), "next": link(results.page + 1), "last": last}
