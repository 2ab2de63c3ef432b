from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from interviews import passages
from interviews.citations import cite_query

from .documents import SearchHit


def passage_anchor(hit: SearchHit) -> str:
    if hit.exchange_uid is None:
        return ""
    return passages.passage_anchor(hit.exchange_uid, hit.part, hit.paragraph)


def hit_url(hit: SearchHit, *, query: str = "", lang: str | None = None) -> str:
    """The reading view at the hit's passage; with ``query`` the match is highlighted there."""
    with translation.override(lang or translation.get_language() or hit.lang):
        url = reverse("interviews:detail", args=[hit.interview])
    if query:
        url += "?" + urlencode({"q": query})
    anchor = passage_anchor(hit)
    return passages.url_at(url, anchor)


def hit_cite_url(hit: SearchHit) -> str:
    """The "Cite" page of the hit's passage (or interview), in the language that matched."""
    query = cite_query(passage_anchor(hit), hit.lang)
    return reverse("interviews:cite", args=[hit.interview]) + "?" + query
