"""Citing: the "Cite" page of an interview, an exchange or a passage, and its files."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from ..citation_formats import FORMATS
from ..citations import CitationError, request_citation
from ..models import Interview


def _citation(request, slug: str):
    interview = get_object_or_404(
        Interview.objects.visible_to(request.user)
        .select_related("outlet", "interviewer")
        .prefetch_related("interviewees"),
        slug=slug,
    )
    return request_citation(
        interview,
        passage=request.GET.get("passage"),
        lang=request.GET.get("lang"),
        build_uri=request.build_absolute_uri,
    )


@require_safe
def cite(request, slug: str):
    try:
        citation = _citation(request, slug)
    except CitationError as error:
        return citation_error(request, error)
    return render(request, "interviews/cite.html", {"citation": citation})


@require_safe
def cite_file(request, slug: str, extension: str):
    try:
        citation = _citation(request, slug)
    except CitationError as error:
        return citation_error(request, error)
    return citation_download(extension, [citation.item], citation.cited.key)


def citation_error(request, error: CitationError) -> HttpResponse:
    """Why a citation cannot be made, in the interface language (HTTP 400)."""
    return render(request, "interviews/cite_error.html", {"reason": str(error)}, status=400)


def citation_download(
    extension: str, items: Iterable[dict[str, Any]], name: str
) -> StreamingHttpResponse:
    """``items`` written as a ``.<extension>`` file, streamed entry by entry."""
    citation_format = FORMATS[extension]
    response = StreamingHttpResponse(
        citation_format.write(items), content_type=citation_format.content_type
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{name}.{extension}"
    )
    return response
