"""Template tags telling readers whether a translation was reviewed (``interviews.reviewing``)."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from ..reviewing import TranslationLabel

register = template.Library()


@register.simple_tag
def label_of(labels: Mapping[str, TranslationLabel], uid: str | None) -> TranslationLabel | None:
    """The label of exchange ``uid`` in ``labels``; None where none was looked up."""
    return labels.get(uid) if uid and labels else None
