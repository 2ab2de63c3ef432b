"""The translation editor: source and translation side by side, one exchange per form.

Plain forms, each saving one exchange and redirecting back to its anchor: no JavaScript
needed. A stale save answers 409 with both texts and a form to apply yours again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import editing
from ..diffing import word_diff
from ..forms.editing import (
    ApproveAllForm,
    ExchangeTextForm,
    TextFields,
    TranslationForm,
    VersionForm,
    text_fields,
)
from ..models import Exchange, Interview, TranslationStatus
from ..passages import url_at
from ..progress import Progress

Status = TranslationStatus


@dataclass(frozen=True)
class EditorItem:
    exchange: Exchange
    status: Status  # of the translation
    fields: TextFields
    source_changes: SafeString | None  # the source's changes since it was translated

    @property
    def is_reviewed(self) -> bool:
        return self.status == Status.REVIEWED

    @property
    def is_ready_for_review(self) -> bool:
        return self.status == Status.NEEDS_REVIEW


def _editor_item(exchange: Exchange, source: str, target: str) -> EditorItem:
    status = Status(getattr(exchange, f"status_{target}") or Status.MISSING)
    changes = None
    if status == Status.NEEDS_REVISION:
        translated_from = getattr(exchange, f"translated_from_{target}") or ""
        changes = word_diff(translated_from, exchange.full_text(source))
    fields = text_fields(
        exchange,
        lang=target,
        reference_lang=source,
        question=getattr(exchange, f"question_{target}") or "",
        answer=getattr(exchange, f"answer_{target}") or "",
        version=exchange.version,
    )
    return EditorItem(exchange, status, fields, changes)


def _interview(slug: str) -> Interview:
    return get_object_or_404(Interview.objects.select_related("outlet"), slug=slug)


def _exchange(uid: str) -> Exchange:
    return get_object_or_404(Exchange.objects.select_related("interview"), uid=uid)


def _incomplete() -> HttpResponse:
    return HttpResponseBadRequest(_("The form was incomplete: reload the page."))


def editor_url(interview: Interview, exchange: Exchange | None = None) -> str:
    url = reverse("editing:translate", args=[interview.slug])
    return url_at(url, exchange.anchor if exchange else "")


def attempt(request: HttpRequest, action: Callable[[], object], success: str) -> None:
    """Run a service; tell the user it worked, or why it was refused."""
    try:
        action()
    except editing.EditRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)


@require_safe
@login_required
@permission_required("interviews.change_exchange", raise_exception=True)
def translate(request: HttpRequest, slug: str) -> HttpResponse:
    interview = _interview(slug)
    source, target = interview.original_language, interview.translation_language
    exchanges = list(interview.exchanges.all())
    context = {
        "interview": interview,
        "source": source,
        "target": target,
        "items": [_editor_item(exchange, source, target) for exchange in exchanges],
        "progress": Progress.of_statuses(getattr(e, f"status_{target}") for e in exchanges),
        "versions": ApproveAllForm.encode(exchanges),
    }
    return render(request, "editing/translate.html", context)


def _save_text(
    request: HttpRequest, exchange: Exchange, form: ExchangeTextForm, save: Callable
) -> HttpResponse:
    if not form.is_valid():
        return _incomplete()
    try:
        save(exchange=exchange, user=request.user, **form.arguments())
    except editing.EditConflict as conflict:
        return _conflict(request, conflict, ready=form.cleaned_data.get("ready"))
    messages.success(request, _("Saved."))
    return redirect(editor_url(exchange.interview, exchange))


def _conflict(
    request: HttpRequest, conflict: editing.EditConflict, *, ready: bool | None
) -> HttpResponse:
    theirs, yours = conflict.current, conflict.rejected
    reference_lang = next(code for code in theirs.interview.language_codes if code != yours.lang)
    context = {
        "exchange": theirs,
        "interview": theirs.interview,
        "theirs": theirs.full_text(yours.lang),
        "yours": yours.full_text(),
        "diff": word_diff(theirs.full_text(yours.lang), yours.full_text()),
        "fields": text_fields(
            theirs,
            lang=yours.lang,
            reference_lang=reference_lang,
            question=yours.question,
            answer=yours.answer,
            version=theirs.version,
        ),
        "ready": ready,
        "back": editor_url(theirs.interview, theirs),
    }
    return render(request, "editing/conflict.html", context, status=409)


@require_POST
@login_required
@permission_required("interviews.change_exchange", raise_exception=True)
def save_translation(request: HttpRequest, uid: str) -> HttpResponse:
    form = TranslationForm(request.POST)
    return _save_text(request, _exchange(uid), form, editing.save_translation)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("interviews.change_exchange", raise_exception=True)
def edit_source(request: HttpRequest, uid: str) -> HttpResponse:
    exchange = _exchange(uid)
    if request.method == "POST":
        return _save_text(request, exchange, ExchangeTextForm(request.POST), editing.save_source)
    interview = exchange.interview
    source = interview.original_language
    fields = text_fields(
        exchange,
        lang=source,
        reference_lang=interview.translation_language,
        question=getattr(exchange, f"question_{source}") or "",
        answer=getattr(exchange, f"answer_{source}") or "",
        version=exchange.version,
    )
    context = {"exchange": exchange, "interview": interview, "fields": fields}
    return render(request, "editing/source.html", context)


@require_POST
@login_required
@permission_required("interviews.review_translation", raise_exception=True)
def approve(request: HttpRequest, uid: str) -> HttpResponse:
    exchange = _exchange(uid)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _incomplete()
    version = form.cleaned_data["version"]
    attempt(
        request,
        lambda: editing.approve(exchange=exchange, version=version, user=request.user),
        _("Translation approved."),
    )
    return redirect(editor_url(exchange.interview, exchange))


@require_POST
@login_required
@permission_required("interviews.review_translation", raise_exception=True)
def approve_all(request: HttpRequest, slug: str) -> HttpResponse:
    interview = _interview(slug)
    form = ApproveAllForm(request.POST)
    if not form.is_valid():
        return _incomplete()
    versions = form.cleaned_data["versions"]
    attempt(
        request,
        lambda: editing.approve_all(interview=interview, versions=versions, user=request.user),
        _("The whole translation is approved and marked reviewed."),
    )
    return redirect(editor_url(interview))


def confirmed(request: HttpRequest) -> bool:
    """Whether a destructive action was confirmed by its ticked box (a step that works
    without JavaScript); if not, nothing is done and the editor is told why."""
    if request.POST.get("confirm"):
        return True
    messages.error(request, _("Nothing was done: tick the box to confirm first."))
    return False


@require_POST
@login_required
@permission_required("interviews.publish_interview", raise_exception=True)
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    interview = editing.publish(interview=_interview(slug), user=request.user)
    messages.success(request, _("Published: the interview is public."))
    return redirect(editor_url(interview))


@require_POST
@login_required
@permission_required("interviews.publish_interview", raise_exception=True)
def unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    if not confirmed(request):
        return redirect(editor_url(_interview(slug)))
    interview = editing.unpublish(interview=_interview(slug), user=request.user)
    messages.success(request, _("Unpublished: only editors see the interview now."))
    return redirect(editor_url(interview))
