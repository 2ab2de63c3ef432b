"""Search results made ready for templates: links, language names, facet labels."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, get_language_info

from interviews.models import Outlet, Person, Topic

from .documents import SearchHit
from .permalinks import hit_url


@dataclass(frozen=True)
class PresentedHit:
    hit: SearchHit
    url: str
    title: str
    title_lang: str


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    selected: bool


def present_hits(hits: list[SearchHit], query: str) -> list[PresentedHit]:
    presented = []
    for hit in hits:
        title_lang = next(
            (lang for lang in (get_language(), hit.lang, *hit.title) if hit.title.get(lang)),
            hit.lang,
        )
        presented.append(
            PresentedHit(
                hit=hit,
                url=hit_url(hit, query=query),
                title=hit.title.get(title_lang, ""),
                title_lang=title_lang,
            )
        )
    return presented


def _labels(facet: str, values: list[str]) -> dict[str, str]:
    if facet == "outlet":
        return dict(Outlet.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "person":
        return dict(Person.objects.filter(slug__in=values).values_list("slug", "name"))
    if facet == "topic":
        return {topic.slug: topic.name for topic in Topic.objects.filter(slug__in=values)}
    if facet == "lang":
        return {value: get_language_info(value)["name_translated"] for value in values}
    return {value: value for value in values}


def present_facets(facets: dict[str, dict[str, int]], params) -> dict[str, list[FacetValue]]:
    """Each facet's values with their counts and a link that toggles the filter."""
    presented = {}
    for facet, counts in facets.items():
        labels = _labels(facet, list(counts))
        values = []
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            query = params.copy()
            query.pop("page", None)
            selected = params.get(facet) == value
            if facet == "year":
                selected = params.get("date_from") == f"{value}-01-01"
                query["date_from"], query["date_to"] = f"{value}-01-01", f"{value}-12-31"
            elif selected:
                query.pop(facet)
            else:
                query[facet] = value
            values.append(
                FacetValue(
                    value, labels.get(value, value), count, "?" + query.urlencode(), selected
                )
            )
        presented[facet] = values
    return presented
