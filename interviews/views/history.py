"""An interview's history: who changed what and when, refused edits, and restoring."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import editing, history
from ..models import Interview
from .editing import attempt, confirmed


@require_safe
@login_required
@permission_required("interviews.view_draft", raise_exception=True)
def interview_history(request: HttpRequest, slug: str) -> HttpResponse:
    interview = get_object_or_404(Interview, slug=slug)
    context = {"interview": interview, "timeline": history.timeline(interview)}
    return render(request, "editing/history.html", context)


@require_POST
@login_required
@permission_required(
    ["interviews.change_interview", "interviews.change_exchange"], raise_exception=True
)
def restore(request: HttpRequest, slug: str, revision_id: int) -> HttpResponse:
    interview = get_object_or_404(Interview, slug=slug)
    if not confirmed(request):
        return redirect("editing:history", slug=interview.slug)
    attempt(
        request,
        lambda: editing.restore(interview=interview, revision_id=revision_id, user=request.user),
        _("The earlier version is restored; its translation is to be reviewed again."),
    )
    return redirect("editing:history", slug=interview.slug)
