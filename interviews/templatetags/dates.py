"""Dates as HTML's ``<time datetime>`` takes them."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: datetime) -> str:
    """``value`` in the current time zone, to the second: ``2026-03-02T10:30:00+01:00``
    (HTML allows no more than three decimals of a second; Django's ``c`` writes six)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
