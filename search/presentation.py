"""Search results made ready for templates: links, attributions, language names, facet
labels, and the query as it was understood."""

from __future__ import annotations

import functools
import html
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from interviews.markup import SentenceSpan, Span, passage_html
from interviews.models import Interview, Outlet, Person, Topic
from interviews.passages import passage_locator
from interviews.sentences import align_sentences
from interviews.speakers import speaker_name

from . import engine, syntax
from .analysis import match_spans
from .backends.base import IndexUnavailable
from .documents import QueryError, SearchHit
from .permalinks import hit_cite_url, hit_url
from .problems import note_message
from .query_terms import Marks, query_marks

# A facet lists this many values (of, say, hundreds of people): the most frequent.
FACET_VALUES_SHOWN = 20


_MARK = re.compile(r"(</?mark>)")


def mark_spans(highlighted: str) -> tuple[str, tuple[Span, ...]]:
    """A hit's ``highlighted`` HTML as its plain text and where the ``<mark>``s lie in it."""
    plain: list[str] = []
    spans: list[Span] = []
    start = length = 0
    for piece in _MARK.split(highlighted):
        if piece == "<mark>":
            start = length
        elif piece == "</mark>":
            spans.append((start, length))
        else:
            text = html.unescape(piece)
            plain.append(text)
            length += len(text)
    return "".join(plain), tuple(spans)


@dataclass(frozen=True)
class PresentedHit:
    hit: SearchHit
    url: str
    title: str
    title_lang: str
    translation_html: SafeString
    cite_url: str
    locator: str  # where the hit is in its interview ("exchange 4, paragraph 2"), if inside
    speaker: str  # who says it (an interview's own hit, its title or names, has none)
    outlet: str


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    selected: bool


def present_hits(hits: list[SearchHit], query: str) -> list[PresentedHit]:
    """The page's hits, each attributed (who says it, where): two queries at most, none
    for interviews whose hits were attributed before in this state of the index."""
    slugs = {hit.interview for hit in hits}
    attributions = _kept(index_generation(), ("attributions",), slugs, _attributions, None)
    node = _parsed(query)
    presented = []
    for hit in hits:
        title_lang = next(
            (lang for lang in (get_language(), hit.lang, *hit.title) if hit.title.get(lang)),
            hit.lang,
        )
        attribution = attributions.get(hit.interview)
        presented.append(
            PresentedHit(
                hit=hit,
                url=hit_url(hit, query=query),
                title=hit.title.get(title_lang, ""),
                title_lang=title_lang,
                translation_html=aligned_translation(
                    hit, query_marks(node, hit.translation_lang) if node else Marks()
                ),
                cite_url=hit_cite_url(hit),
                locator=passage_locator(hit.exchange, hit.part, hit.paragraph)
                if hit.exchange
                else "",
                speaker=attribution.speaker(hit.part) if attribution else "",
                outlet=attribution.outlet.name if attribution else "",
            )
        )
    return presented


@dataclass(frozen=True)
class _Attribution:
    """Who speaks in an interview, by name only."""

    outlet: Outlet
    interviewer: Person | None
    interviewees: list[Person]

    def speaker(self, part: str) -> str:
        if part == "meta":
            return ""
        return speaker_name(
            part,
            interviewer=self.interviewer,
            interviewees=self.interviewees,
            outlet=self.outlet,
        )


def _attributions(slugs: Collection[str]) -> dict[str, _Attribution]:
    """The names each interview's hits are attributed to: two queries of names alone (a
    page's hits need no more of their interviews)."""
    rows = (
        Interview.objects.filter(slug__in=slugs)
        .order_by()
        .values_list("slug", "outlet__name", "interviewer__name")
    )
    interviewees: dict[str, list[Person]] = defaultdict(list)
    for slug, name in (
        Interview.interviewees.through.objects.filter(interview__slug__in=slugs)
        .order_by("person__name", "person__pk")
        .values_list("interview__slug", "person__name")
    ):
        interviewees[slug].append(Person(name=name))
    return {
        slug: _Attribution(
            Outlet(name=outlet),
            Person(name=interviewer) if interviewer is not None else None,
            interviewees[slug],
        )
        for slug, outlet, interviewer in rows
    }


def _parsed(query: str) -> syntax.Node | None:
    try:
        return syntax.parse(query).node
    except QueryError:
        return None


def aligned_translation(hit: SearchHit, marks: Marks) -> SafeString:
    """The hit's translation, with the sentences that translate the matching ones
    emphasised, and the query's words marked where the translation has them.

    The words are marked as the translation's language analyses them (its stemming, its
    stop words): that catches what both languages write alike (names, figures, borrowed
    words such as "outsourcing" or "data centers", cognates that stem alike) and a query
    typed in the translation's language; it cannot catch a translation ("portail" is not
    marked in "portal"): the emphasised sentence shows where that lies.
    """
    text, spans = mark_spans(hit.highlighted)
    aligned = align_sentences({hit.lang: text, hit.translation_lang: hit.translation})
    matching = {
        index
        for index, sentence in enumerate(aligned.sentences[hit.lang])
        if any(start < sentence.end and sentence.start < end for start, end in spans)
    }
    emphasised = {
        index
        for bead in aligned.beads
        if matching.intersection(bead.indices[hit.lang])
        for index in bead.indices[hit.translation_lang]
    }
    sentences = [
        SentenceSpan(s.start, s.end, emphasised=index in emphasised)
        for index, s in enumerate(aligned.sentences[hit.translation_lang])
    ]
    words = match_spans(
        hit.translation, hit.translation_lang, marks.terms, marks.phrases, marks.prefixes
    )
    return passage_html(hit.translation, sentences=sentences, marks=words)


@dataclass(frozen=True)
class QueryReading:
    """How the query was read: shown when it differs from what was typed or was fixed."""

    understood: str
    notes: list[str]


def query_reading(text: str) -> QueryReading | None:
    """The query as understood and how it was read otherwise than typed, if it was, or if
    its reading is worth seeing ("a b OR c" is "(a b) OR c"); None when there is nothing
    to say, or the query could not be read at all (its error says why)."""
    try:
        parsed = syntax.parse(text)
    except QueryError:
        return None
    if not parsed.notes and parsed.understood == " ".join(text.split()):
        return None
    return QueryReading(parsed.understood, [note_message(note) for note in parsed.notes])


def _labels(facet: str, values: list[str], generation: str | None) -> dict[str, str]:
    if facet == "lang":
        return {value: get_language_info(value)["name_translated"] for value in values}
    if facet not in _NAMED:
        return {value: value for value in values}
    read = functools.partial(_names, facet)
    names = _kept(generation, (facet, get_language()), values, read, "")
    return {value: names[value] or value for value in values}


_NAMED: dict[str, type[Outlet] | type[Person] | type[Topic]] = {
    "outlet": Outlet,
    "person": Person,
    "topic": Topic,
}


def _names(facet: str, values: Collection[str]) -> dict[str, str]:
    # A topic's name is translated: read through the model, in the active language.
    return {row.slug: row.name for row in _NAMED[facet].objects.filter(slug__in=values)}


Kept = TypeVar("Kept")

# What the database says of indexed values (a facet's names in one interface language;
# who speaks in each interview), with the index generation it was read under. Renaming
# an outlet, a person or a topic, or changing who an interview is with, re-indexes its
# interviews: a new generation drops what was read under the old one.
_kept_under_generation: dict[tuple[str, ...], tuple[str, dict[str, Any]]] = {}


def _kept(
    generation: str | None,
    what: tuple[str, ...],
    values: Collection[str],
    read: Callable[[Collection[str]], Mapping[str, Kept]],
    missing: Kept,
) -> dict[str, Kept]:
    """``read(values)``, each value read once per ``generation`` of the index (every
    time if it is None); ``missing`` for a value ``read`` does not answer."""
    if generation is None:
        found = read(values)
        return {value: found.get(value, missing) for value in values}
    kept = _kept_under_generation.get(what)
    if kept is None or kept[0] != generation:
        kept = _kept_under_generation[what] = (generation, {})
    if new := [value for value in values if value not in kept[1]]:
        kept[1].update(dict.fromkeys(new, missing) | dict(read(new)))
    return {value: kept[1][value] for value in values}


def index_generation() -> str | None:
    """The state of the index searches read now, or None where it cannot be read (the
    search itself then says why)."""
    try:
        return engine.backend().generation()
    except IndexUnavailable:
        return None


@dataclass(frozen=True)
class Facet:
    """The most frequent values of a facet, and how many others there are."""

    values: list[FacetValue]
    more: int

    def items_html(self) -> SafeString:
        """The values as the page lists them: built here, where a template's loop costs
        a tenth of a page's time (five facets of up to twenty values each)."""
        return format_html_join(
            "",
            '<li><a href="{}"{}>{}</a> <span class="count">{}</span></li>',
            (
                (value.url, _CURRENT if value.selected else "", value.label, localize(value.count))
                for value in self.values
            ),
        )


_CURRENT = mark_safe(' aria-current="true"')


def present_facets(facets: dict[str, dict[str, int]], params: QueryDict) -> dict[str, Facet]:
    """Each facet's most frequent values with their counts and a link that toggles the
    filter; a selected value is always among them."""
    presented = {}
    # The page's parameters, back on the first page; each link changes one or two of them.
    base = page_parameters(params)
    generation = index_generation()
    for facet, counts in facets.items():
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        shown = ranked[:FACET_VALUES_SHOWN]
        shown += [item for item in ranked[FACET_VALUES_SHOWN:] if _selected(facet, item[0], params)]
        labels = _labels(facet, [value for value, _ in shown], generation)
        values = []
        for value, count in shown:
            selected = _selected(facet, value, params)
            changes: dict[str, str | None]
            if facet == "year":
                changes = {"date_from": f"{value}-01-01", "date_to": f"{value}-12-31"}
            else:
                changes = {facet: None if selected else value}
            values.append(
                FacetValue(
                    value, labels.get(value, value), count, query_link(base, changes), selected
                )
            )
        presented[facet] = Facet(values, len(ranked) - len(shown))
    return presented


def page_parameters(params: QueryDict) -> dict[str, list[str]]:
    """A page's parameters, back on its first page: what ``query_link`` changes."""
    return {name: values for name, values in params.lists() if name != "page"}


def query_link(base: dict[str, list[str]], changes: Mapping[str, str | None]) -> str:
    """``base`` as a query string with ``changes`` (None removes a parameter), as
    ``QueryDict.urlencode()`` writes it, without copying a ``QueryDict`` for each link."""
    query = {**base, **{name: [value] for name, value in changes.items() if value is not None}}
    pairs = [
        (name, value)
        for name, values in query.items()
        if changes.get(name, "") is not None
        for value in values
    ]
    return "?" + urlencode(pairs)


def _selected(facet: str, value: str, params: QueryDict) -> bool:
    if facet == "year":
        return bool(params.get("date_from") == f"{value}-01-01")
    return bool(params.get(facet) == value)
