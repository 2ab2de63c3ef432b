"""Template tags telling readers whether a translation was reviewed (``interviews.reviewing``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

from ..reviewing import TranslationLabel, passage_labels

register = template.Library()


@register.simple_tag
def translation_labels(hits: Iterable[Any]) -> dict[str, TranslationLabel]:
    """The translation label of each search hit's exchange, by uid (one query a page);
    ``hits`` are presented hits (``.hit.exchange_uid``)."""
    return passage_labels(item.hit.exchange_uid for item in hits if item.hit.exchange_uid)


@register.simple_tag
def label_of(labels: Mapping[str, TranslationLabel], uid: str | None) -> TranslationLabel | None:
    """The label of exchange ``uid`` in ``labels``; None where none was looked up."""
    return labels.get(uid) if uid and labels else None
