"""The editors' dashboard: every interview's translation progress, and one's own work."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..forms.editing import DashboardFilterForm
from ..history import recent_work
from ..models import Interview
from ..progress import Progress, with_progress

PAGE_SIZE = 50


@require_safe
@login_required
@permission_required("interviews.view_draft", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET or None)
    interviews = with_progress(Interview.objects.select_related("outlet"))
    interviews = form.filter(interviews)
    page = Paginator(interviews, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [(interview, Progress.of_annotations(interview)) for interview in page],
        "query": query.urlencode(),
        "recent_work": recent_work(request.user),
    }
    return render(request, "editing/dashboard.html", context)
