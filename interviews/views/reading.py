"""The reading view: one interview, original and translation side by side."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..citations import citable_languages
from ..embedded_metadata import embedded_metadata
from ..exporting.downloads import export_links
from ..models import Interview
from ..reading import (
    column_labels,
    header_texts,
    interview_rows,
    mark_matches,
    parse_columns,
    reading_page,
    view_options,
)


@require_safe
def interview_detail(request, slug: str):
    interview = get_object_or_404(
        Interview.objects.visible_to(request.user)
        .select_related("outlet", "interviewer", "reviewed_by")
        .prefetch_related("interviewees", "topics"),
        slug=slug,
    )
    columns = parse_columns(request.GET.get("show"), interview)
    search_text = request.GET.get("q", "")
    page = reading_page(interview, number=request.GET.get("page"), at=request.GET.get("at"))
    exchanges, search_matches = mark_matches(
        interview_rows(interview, page, columns), interview=interview.slug, text=search_text
    )
    # Switching columns keeps the match highlighted, and the page.
    kept: dict[str, str | int] = {"q": search_text} if search_text.strip() else {}
    if page.number > 1:
        kept["page"] = page.number
    context = {
        "interview": interview,
        "columns": columns,
        "column_labels": column_labels(interview, columns),
        "exchanges": exchanges,
        "page": page,
        # The other pages keep the columns and the highlighted search.
        "page_query": urlencode(
            {name: request.GET[name] for name in ("show", "q") if request.GET.get(name)}
        ),
        "view_options": view_options(interview, columns),
        **vars(header_texts(interview, columns)),
        "search_text": search_text.strip(),
        "search_matches": search_matches,
        "search_param": f"&{urlencode(kept)}" if kept else "",
        "cite_languages": citable_languages(interview, columns),
        "metadata": embedded_metadata(interview, request.build_absolute_uri),
        "export_links": export_links(
            lambda name: reverse("interviews:export", args=[interview.slug, name])
        ),
    }
    return render(request, "interviews/interview_detail.html", context)
