"""One interview exported as TMX, TEI, CSV or JSON (``export.<format>?level=…``)."""

from __future__ import annotations

from django.views.decorators.http import require_safe

from ..exporting.downloads import download, refusal, requested_format, site_url
from ..exporting.selection import interviews_export
from ..exporting.units import ExportError, InterviewNotFound, parse_level
from ..models import Interview


@require_safe
def interview_export(request, slug: str, format: str):
    chosen = requested_format(format)
    try:
        export = interviews_export(
            [slug],
            level=parse_level(request.GET.get("level")),
            base_url=site_url(request),
            # Drafts only for those who may read them; for anyone else they do not exist.
            visible=Interview.objects.visible_to(request.user),
        )
    except InterviewNotFound as problem:
        return refusal(request, str(problem), status=404)
    except ExportError as problem:
        return refusal(request, str(problem))
    return download(export, chosen, filename=slug)
