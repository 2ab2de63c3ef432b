"""The addresses an answer gives: an interview's on the web (per language), in the API and
its exports, and the links between the pages of a list."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import translation

from interviews.exporting import FORMATS
from interviews.languages import LANGS

from .problems import ApiProblem


def web_urls(request: HttpRequest, name: str, *args: str) -> dict[str, str]:
    """The reader's page ``name`` in each language."""
    urls = {}
    for lang in LANGS:
        with translation.override(lang):
            urls[lang] = request.build_absolute_uri(reverse(name, args=args))
    return urls


def interview_links(request: HttpRequest, slug: str) -> dict[str, Any]:
    return {
        "api": request.build_absolute_uri(reverse("api:interview", args=[slug])),
        "web": web_urls(request, "interviews:detail", slug),
        "exports": {
            name: request.build_absolute_uri(reverse("interviews:export", args=[slug, name]))
            for name in FORMATS
        },
    }


def page_number(value: int, count: int, per_page: int) -> tuple[int, int]:
    """The page asked for and the last one; a page past the last is refused."""
    pages = max(1, -(-count // per_page))
    if value > pages:
        raise ApiProblem(
            404,
            translation.gettext("There are %(pages)s pages; there is no page %(page)s.")
            % {"pages": pages, "page": value},
        )
    return value, pages


def page_links(request: HttpRequest, page: int, pages: int) -> dict[str, str | None]:
    """Absolute links to this list's pages, with the parameters in a stable order (so that
    two clients asking for the same page use the same address, and share caches)."""

    def link(number: int) -> str:
        query = QueryDict(mutable=True)
        for name in sorted(request.GET):
            if name != "page":
                query.setlist(name, request.GET.getlist(name))
        if number > 1:
            query["page"] = str(number)
        encoded = query.urlencode()
        return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))

    return {
        "self": link(page),
        "first": link(1),
        "last": link(pages),
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
    }


def page_of(request: HttpRequest, count: int, page: int, per_page: int) -> dict[str, Any]:
    """A list's page header: counts and links (``page`` checked against ``count``)."""
    page, pages = page_number(page, count, per_page)
    return {
        "count": count,
        "page": page,
        "per_page": per_page,
        "pages": pages,
        "links": page_links(request, page, pages),
    }
