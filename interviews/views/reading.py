"""The reading view: one interview, original and translation side by side."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ..models import Interview
from ..reading import interview_rows, parse_columns


@require_safe
def interview_detail(request, slug: str):
    interview = get_object_or_404(
        Interview.objects.visible_to(request.user)
        .select_related("outlet", "interviewer", "reviewed_by")
        .prefetch_related("interviewees", "topics", "exchanges"),
        slug=slug,
    )
    columns = parse_columns(request.GET.get("show"), interview)
    context = {
        "interview": interview,
        "columns": columns,
        "exchanges": interview_rows(interview, columns),
        "swapped_columns": ",".join(reversed(columns)),
    }
    return render(request, "interviews/interview_detail.html", context)
