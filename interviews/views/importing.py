"""The web import: the two texts in, their structure checked and corrected, a draft out.

Three steps on one URL, each a plain form: the texts; the preview, whose paragraphs the
editor may correct and re-check; the import itself. The preview form carries everything,
so nothing waits on the server between the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from ..duplicates import IfExists, find_duplicates
from ..forms.importing import ROLE_CHOICES, ImportPreviewForm, ImportSourcesForm
from ..import_provenance import provenance_words
from ..importing import AlignedInterview, ImportProblem
from ..importing.corrections import Review, review
from ..importing.preview import preview_rows
from ..languages import other_language
from ..limits import parse_within_limits, review_within_limits
from ..services import import_interview as save_interview
from ..sources import RawSource
from ..translation_check import report as plausibility_report

PREVIEW, RECHECK, IMPORT, PUBLISH = "preview", "recheck", "import", "publish"


def _within_request_limits(view: Callable[[HttpRequest], HttpResponse]):
    """``view``, CSRF-protected, answering a request too large for Django to read (more
    than DATA_UPLOAD_MAX_*, which the import limits size) with the import form and the
    limits, where Django would answer a bare 400."""
    protected = csrf_protect(view)

    @wraps(view)
    def within_limits(request: HttpRequest) -> HttpResponse:
        try:
            request.POST  # noqa: B018 (read here, where its failure can be answered)
        except (RequestDataTooBig, TooManyFieldsSent):
            return _sources_page(request, ImportSourcesForm(), too_large=_too_large())
        return protected(request)

    # The CSRF middleware would read the request first; the check is made inside instead.
    return csrf_exempt(within_limits)


def _too_large() -> str:
    return _(
        "What was sent is more than an import may hold: at most %(bytes)s bytes, "
        "%(exchanges)s exchanges and %(paragraphs)s paragraphs in each language."
    ) % {
        "bytes": number_format(settings.IMPORT_MAX_SOURCE_BYTES, force_grouping=True),
        "exchanges": number_format(settings.IMPORT_MAX_EXCHANGES, force_grouping=True),
        "paragraphs": number_format(settings.IMPORT_MAX_PARAGRAPHS, force_grouping=True),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("interviews.import_interview", raise_exception=True)
@_within_request_limits
def import_interview(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _sources_page(request, ImportSourcesForm())
    # Enter pressed in a text box submits the form with its first button: Preview.
    action = request.POST.get("action", PREVIEW)
    if action == PREVIEW:
        return _preview(request)
    if action == PUBLISH and not request.user.has_perm("interviews.publish_interview"):
        raise PermissionDenied
    if action not in (RECHECK, IMPORT, PUBLISH):
        return _incomplete()
    form = ImportPreviewForm(request.POST)
    if not form.is_valid():
        return _incomplete()
    original, outlet = form.cleaned_data["original"], form.cleaned_data["outlet"]
    try:
        articles = parse_within_limits(form.sources)
    except ImportProblem:
        return _incomplete()  # these texts were parsed for the preview: the form was altered
    result = review_within_limits(
        articles, review(articles, original=original, corrections=form.corrections())
    )
    if result.aligned and action != RECHECK:
        publish = action == PUBLISH
        try:
            interview = save_interview(
                result.aligned,
                form.sources,
                publish=publish,
                user=request.user,
                outlet=outlet,
                if_exists=form.cleaned_data["if_exists"] or IfExists.REFUSE,
            )
        except ImportProblem as problem:
            messages.error(request, str(problem))
        else:
            done = _("Imported and published.") if publish else _("Imported as a draft.")
            messages.success(request, done)
            return redirect(reverse("editing:translate", args=[interview.slug]))
    return _preview_page(request, form, result, original, form.sources, outlet)


def _preview(request: HttpRequest) -> HttpResponse:
    """Step 1 sent: the texts parsed and aligned as they are, or the form with the reason."""
    form = ImportSourcesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _sources_page(request, form)
    try:
        articles = parse_within_limits(form.sources)
    except ImportProblem as problem:
        form.add_error(None, str(problem))
        return _sources_page(request, form)
    original, outlet = form.cleaned_data["original"], form.cleaned_data["outlet"]
    preview = ImportPreviewForm.carrying(form.sources, original=original, outlet=outlet)
    result = review(articles, original=original)
    return _preview_page(request, preview, result, original, form.sources, outlet)


def _incomplete() -> HttpResponse:
    return HttpResponseBadRequest(_("The form was incomplete: reload the page."))


def _sources_page(
    request: HttpRequest, form: ImportSourcesForm, *, too_large: str = ""
) -> HttpResponse:
    context = {"form": form, "too_large": too_large}
    return render(request, "editing/import.html", context, status=413 if too_large else 200)


def _preview_page(
    request: HttpRequest,
    form: ImportPreviewForm,
    result: Review,
    original: str,
    sources: list[RawSource],
    outlet: str,
) -> HttpResponse:
    if result.problem:
        messages.error(request, result.problem)
    translation = other_language(original)
    columns = [lang for lang in (original, translation) if lang in result.structure]
    plausibility = plausibility_report(result.aligned)
    context = {
        "form": form,
        "aligned": result.aligned,
        "groups": preview_rows(result, columns),
        "titles": _pair(result.aligned, "title", original, translation),
        "standfirsts": _pair(result.aligned, "standfirst", original, translation),
        "original": original,
        "translation": translation,
        "columns": columns,
        "roles": ROLE_CHOICES,
        "plausibility": plausibility,
        "checks": {exchange.number for exchange in plausibility.exchanges}
        if plausibility
        else set(),
        "provenance": provenance_words(result.aligned.provenance) if result.aligned else {},
        "duplicates": (
            find_duplicates(result.aligned, sources, outlet=outlet) if result.aligned else []
        ),
    }
    return render(request, "editing/import_preview.html", context)


def _pair(aligned: AlignedInterview | None, name: str, *langs: str) -> tuple[str, ...]:
    """The interview's ``name`` (title, standfirst) in each of ``langs``."""
    return tuple(getattr(aligned, name)[lang] for lang in langs) if aligned else ()
