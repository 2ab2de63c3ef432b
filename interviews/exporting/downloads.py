"""Exports over HTTP: a streamed download, the page that says why there is none, and the
download links a page shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import FORMATS, Format
from .units import LEVELS, PARAGRAPH, SENTENCE, Export

LEVEL_LABELS = {PARAGRAPH: _("By paragraph"), SENTENCE: _("By sentence")}


def requested_format(name: str) -> Format:
    """The format an ``export.<name>`` URL asks for; any other name is no page at all."""
    if name not in FORMATS:
        raise Http404
    return FORMATS[name]


def site_url(request: HttpRequest) -> str:
    """Where the permalinks in an export point: this site."""
    return request.build_absolute_uri("/").rstrip("/")


def download(export: Export, format: Format, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(format.write(export), content_type=format.content_type)
    response["Content-Disposition"] = f"attachment; filename={filename}.{format.name}"
    return response


def refusal(request: HttpRequest, message: str, *, status: int = 400) -> HttpResponse:
    """The page that says why there is no download."""
    return render(request, "exporting/refused.html", {"message": message}, status=status)


def export_links(
    url: Callable[[str], str], params: QueryDict | None = None
) -> list[dict[str, Any]]:
    """For a page's download links: each level, with a link per format. ``url(format)`` is
    the export's path; ``params``, the query string it keeps (a search's)."""
    query = (params or QueryDict()).copy()
    query.pop("page", None)
    groups = []
    for level in LEVELS:
        query["level"] = level
        links = [
            {
                "format": name,
                "label": name.upper(),
                "title": format.description,
                "url": f"{url(name)}?{query.urlencode()}",
            }
            for name, format in FORMATS.items()
        ]
        groups.append({"level": level, "label": LEVEL_LABELS[level], "links": links})
    return groups
