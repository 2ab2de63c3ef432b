"""The web batch import: a ZIP of interviews in, each imported on its own by
``interviews.batches`` (as ``manage.py import_batch`` does), and the report as a table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce, wraps
from operator import or_

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from .. import batches
from ..forms.batches import BatchUploadForm
from ..importing import ImportProblem
from ..limits import check_batch
from ..models import Exchange, Interview
from .editing import editor_url

# What a form with a file of the largest size a batch may have needs besides the file.
REQUEST_MARGIN = 100_000


@dataclass(frozen=True)
class ReportRow:
    result: batches.BatchResult
    label: str
    interview: Interview | None
    doubtful: list[tuple[int, str]]  # exchange number, its address in the translation editor


def _refuse_too_large(view: Callable[[HttpRequest], HttpResponse]):
    """``view``, CSRF-protected, answering an upload larger than a batch may be with the
    form and the limit before the body is read (the CSRF check would read it first)."""
    protected = csrf_protect(view)

    @wraps(view)
    def within_limit(request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: its own checks answer the rest
        if length > settings.IMPORT_MAX_BATCH_BYTES + REQUEST_MARGIN:
            try:
                check_batch(size=length)
            except ImportProblem as problem:
                return _page(request, _form(request), problem=str(problem), status=413)
        return protected(request)

    return csrf_exempt(within_limit)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("interviews.import_interview", raise_exception=True)
@_refuse_too_large
def import_batch(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, _form(request))
    form = _form(request, data=(request.POST, request.FILES))
    if "publish" in request.POST and "publish" not in form.fields:
        raise PermissionDenied
    if not form.is_valid():
        return _page(request, form)
    try:
        results = batches.import_batch(
            form.cleaned_data["archive"],
            publish=form.cleaned_data.get("publish", False),
            user=request.user,
            outlet=form.cleaned_data["outlet"] or None,
        )
    except batches.BatchProblem as problem:
        form.add_error("archive", str(problem))
        return _page(request, form)
    return _page(request, _form(request), report=report_rows(results))


def _form(request: HttpRequest, data: tuple = ()) -> BatchUploadForm:
    may_publish = request.user.has_perm("interviews.publish_interview")
    return BatchUploadForm(*data, may_publish=may_publish)


def _page(
    request: HttpRequest,
    form: BatchUploadForm,
    *,
    report: list[ReportRow] | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "report": report,
        "problem": problem,
        "summary": batches.summary(row.result for row in report or []),
        "limits": {
            "files": settings.IMPORT_MAX_BATCH_FILES,
            "bytes": settings.IMPORT_MAX_BATCH_BYTES,
        },
    }
    return render(request, "editing/import_batch.html", context, status=status)


def report_rows(results: list[batches.BatchResult]) -> list[ReportRow]:
    """Each result with its interview and links to its doubtful exchanges: two queries."""
    imported = {r.detail: r for r in results if r.status == batches.IMPORTED}
    interviews = Interview.objects.select_related("outlet").in_bulk(imported, field_name="slug")
    doubtful = [r for r in imported.values() if r.doubtful and r.detail in interviews]
    exchanges: dict[tuple[int, int], Exchange] = {}
    if doubtful:
        wanted = reduce(
            or_, (Q(interview=interviews[r.detail], position__in=r.doubtful) for r in doubtful)
        )
        exchanges = {(e.interview_id, e.position): e for e in Exchange.objects.filter(wanted)}
    rows = []
    for result in results:
        interview = interviews.get(result.detail) if result.status == batches.IMPORTED else None
        links = [
            (number, editor_url(interview, exchanges[interview.pk, number]))
            for number in result.doubtful
            if interview and (interview.pk, number) in exchanges
        ]
        rows.append(ReportRow(result, str(batches.STATUS_LABELS[result.status]), interview, links))
    return rows
