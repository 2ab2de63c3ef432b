"""Citing a whole result set: one CSL-JSON item per hit, page after page of the backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from interviews.citations import CitationError, cited_text, csl_item, permalink
from interviews.models import Exchange, Interview
from interviews.passages import parse_anchor
from interviews.roles import Reader

from . import engine
from .documents import MAX_PER_PAGE, SearchHit, SearchQuery, SearchResults
from .forms import SearchForm
from .permalinks import passage_anchor
from .problems import problem_message

# How many hits each backend call returns while a result set is cited.
EXPORT_PAGE_SIZE = MAX_PER_PAGE


def result_citations(
    form: SearchForm, *, user: Reader, build_uri: Callable[[str], str]
) -> Iterator[dict[str, Any]]:
    """Every hit of the search ``form`` describes, as CSL-JSON items, lazily: the first
    page is searched now (an empty result set or a bad query raise CitationError), the
    others as the items are consumed."""
    if not form.is_valid():
        raise CitationError(
            " ".join(str(error) for errors in form.errors.values() for error in errors)
        )
    if not form.cleaned_data["q"]:
        raise CitationError(_("Type a word, or a phrase in quotes, to cite what it finds."))
    # Complete rather than fast: no time limit, or the file would miss hits silently.
    query = replace(form.search_query(per_page=EXPORT_PAGE_SIZE, time_limit=None), page=1)
    results = engine.backend().search(query)
    if results.error:
        raise CitationError(problem_message(results.error))
    if not results.total:
        raise CitationError(_("Nothing found: there is nothing to cite."))
    return _items(query, results, user, build_uri, translation.get_language())


def _items(
    query: SearchQuery,
    results: SearchResults,
    user: Reader,
    build_uri: Callable[[str], str],
    language: str,
) -> Iterator[dict[str, Any]]:
    # Consumed while the response streams, after the view has returned: the interface
    # language is set again here.
    accessed = timezone.localdate()
    with translation.override(language):
        while results.hits:
            yield from _page_items(results.hits, user, build_uri, accessed)
            if results.page * results.per_page >= results.total:
                return
            results = engine.backend().search(replace(query, page=results.page + 1))


def _page_items(
    hits: list[SearchHit], user: Reader, build_uri: Callable[[str], str], accessed: date
) -> Iterator[dict[str, Any]]:
    """The items of one page of hits, in three queries."""
    interviews = {
        interview.slug: interview
        for interview in Interview.objects.visible_to(user)
        .filter(slug__in={hit.interview for hit in hits})
        .select_related("outlet", "interviewer")
        .prefetch_related("interviewees")
    }
    exchanges = {
        exchange.uid: exchange
        for exchange in Exchange.objects.filter(
            uid__in={hit.exchange_uid for hit in hits if hit.exchange_uid}
        )
    }
    for hit in hits:
        interview = interviews.get(hit.interview)
        if interview is None:  # unpublished since it was indexed
            continue
        anchor = passage_anchor(hit)
        try:
            cited = cited_text(
                interview,
                hit.lang,
                exchange=exchanges.get(hit.exchange_uid) if hit.exchange_uid else None,
                ref=parse_anchor(anchor) if anchor else None,
            )
        except CitationError:  # edited since it was indexed: the index will catch up
            continue
        url = permalink(build_uri, interview, cited.lang, cited.anchor)
        yield csl_item(cited, url=url, accessed=accessed)
