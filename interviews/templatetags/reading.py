"""Template filters of the reading view."""

from __future__ import annotations

from django import template

from ..models import Interview
from ..passages import url_at

register = template.Library()


@register.filter
def permalink(anchor: str, interview: Interview) -> str:
    """The permalink of the passage ``anchor`` of ``interview`` (``passages.url_at``)."""
    return url_at(interview.get_absolute_url(), anchor)
