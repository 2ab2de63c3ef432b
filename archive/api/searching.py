"""Search, as the search page offers it (phrases, filters, facets, sort, pages), with each
hit's matched words as offsets in its text and its aligned translation beside it.

The search form validates (one source for the limits and their messages), the engine
answers, ``search.presentation`` labels facets and finds the marks: this only says it in
JSON.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from interviews.exporting import FORMATS
from interviews.languages import LANGS
from search import engine
from search.documents import MAX_QUERY_LENGTH, SORTS, SearchHit, SearchQuery, SearchResults
from search.forms import LAST_PAGE, SearchForm
from search.kept_pages import KeptPages
from search.permalinks import hit_cite_url, hit_url, passage_anchor
from search.presentation import index_generation, mark_spans, present_facets
from search.problems import problem_message

from . import schemas
from .http import cacheable
from .links import page_of
from .problems import ApiProblem, invalid_parameters

router = Router(tags=["search"])

MAX_PER_PAGE = 50


class SearchParameters(Schema):
    q: str = Field(
        description="Words, or a phrase in quotes; accents, case and apostrophes do not matter.",
        max_length=MAX_QUERY_LENGTH,
        pattern=r"\w",  # at least one word: punctuation alone matches nothing
    )
    lang: Literal[LANGS] | None = Field(None, description="Only hits in this language.")  # type: ignore[valid-type]
    outlet: str | None = Field(None, description="An outlet's slug.")
    person: str | None = Field(None, description="An interviewee's slug.")
    topic: str | None = Field(None, description="A topic's slug.")
    date_from: date | None = None
    date_to: date | None = None
    sort: Literal[SORTS] = "relevance"  # type: ignore[valid-type]
    page: int = Field(1, ge=1, le=LAST_PAGE)
    per_page: int = Field(10, ge=1, le=MAX_PER_PAGE)


@router.get(
    "/search/",
    response={
        200: schemas.SearchResults,
        400: schemas.Problem,
        404: schemas.Problem,
        429: schemas.Problem,
        503: schemas.Problem,
    },
    url_name="search",
    summary="Search the published interviews, in both languages",
)
@cacheable
def search(request: HttpRequest, parameters: Query[SearchParameters]):
    form = SearchForm(_form_data(parameters))
    if not form.is_valid():
        errors = [
            {"parameter": name, "reason": str(error)}
            for name, messages in form.errors.items()
            for error in messages
        ]
        return invalid_parameters(request, errors)
    if not form.cleaned_data["q"]:
        raise ApiProblem(400, _("Type a word, or a phrase in quotes, to search for."))
    query = form.search_query(per_page=parameters.per_page, time_limit=settings.SEARCH_TIME_LIMIT)
    generation = index_generation()
    results = engine.backend().search(query)
    if results.error:
        raise ApiProblem(400, problem_message(results.error))
    page = page_of(request, results.total, parameters.page, parameters.per_page)
    # Links are absolute: the address as asked (scheme, host, query string) is the key.
    return _kept_answers.get(
        None if results.partial else generation,
        request.build_absolute_uri(),
        lambda: _answer(request, query, results, page),
    )


# The answers asked under the index's generation, by address.
_kept_answers: KeptPages[dict[str, Any]] = KeptPages()


def _answer(
    request: HttpRequest, query: SearchQuery, results: SearchResults, page: dict[str, Any]
) -> dict[str, Any]:
    here = request.build_absolute_uri(request.path)
    return {
        **page,
        "query": query.text,
        "partial": results.partial,
        "suggestion": results.suggestion,
        "facets": {
            name: {
                "values": [
                    {
                        "value": value.value,
                        "label": str(value.label),
                        "count": value.count,
                        "selected": value.selected,
                        "url": here + value.url,
                    }
                    for value in facet.values
                ],
                "more": facet.more,
            }
            for name, facet in present_facets(results.facets, request.GET).items()
        },
        "exports": _exports(request),
        "results": [_hit(request, hit, query.text) for hit in results.hits],
    }


def _form_data(parameters: SearchParameters) -> dict[str, str]:
    data = parameters.dict(exclude={"per_page"}, exclude_none=True)
    return {name: str(value) for name, value in data.items()}


def _exports(request: HttpRequest) -> dict[str, str]:
    """Every passage this search finds, in each export format."""
    query = request.GET.copy()
    for name in ("page", "per_page"):
        query.pop(name, None)
    return {
        name: request.build_absolute_uri(reverse("search:export", args=[name]))
        + "?"
        + query.urlencode()
        for name in FORMATS
    }


def _hit(request: HttpRequest, hit: SearchHit, query: str) -> dict[str, Any]:
    text, marks = mark_spans(hit.highlighted)
    anchor = passage_anchor(hit) or None
    links = {
        "web": request.build_absolute_uri(hit_url(hit, query=query)),
        "cite": request.build_absolute_uri(hit_cite_url(hit)),
        "interview": request.build_absolute_uri(reverse("api:interview", args=[hit.interview])),
    }
    if anchor:
        links["passage"] = request.build_absolute_uri(reverse("api:passage", args=[anchor]))
    return {
        "interview": hit.interview,
        "title": {lang: hit.title.get(lang, "") for lang in LANGS},
        "published_on": hit.published_on,
        "part": hit.part,
        "exchange": hit.exchange,
        "paragraph": hit.paragraph,
        "anchor": anchor,
        "lang": hit.lang,
        "text": text,
        "highlights": [{"start": start, "end": end} for start, end in marks],
        "translation": {"lang": hit.translation_lang, "text": hit.translation},
        "score": hit.score,
        "links": links,
    }
