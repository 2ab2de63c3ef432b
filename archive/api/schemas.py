"""The shapes the API answers with: its OpenAPI document is generated from these.

An interview's own shape is the JSON export's (``interviews/exporting/jsondoc.py``,
``docs/export-json.md``): the API serves what the export writes, plus links.
"""

from __future__ import annotations

from datetime import date

from ninja import Schema
from pydantic import BaseModel, Field

Texts = dict[str, str]  # language code -> text ("" when missing)


class Problem(Schema):
    """An error, as RFC 9457 describes it (``application/problem+json``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict[str, str]] = Field(
        default_factory=list, description="Each invalid parameter and why."
    )


class Links(Schema):
    """Where the same thing is, for a person (``web``, per language) and a program."""

    api: str
    web: Texts
    exports: dict[str, str] = Field(description="Format -> URL of the interview's export.")


class Language(Schema):
    lang: str
    original: bool
    status: str = Field(description="`original`, or the translation's status.")
    translator: str


class OutletRef(Schema):
    name: str
    slug: str
    website: str


class PersonRef(Schema):
    name: str
    slug: str
    role: Texts


class TopicRef(Schema):
    slug: str
    name: Texts


class Source(Schema):
    lang: str
    filename: str
    content_type: str
    sha256: str
    imported_at: str


class PassageText(Schema):
    lang: str
    text: str
    original: bool
    status: str = Field(description="The translation status of this language's text.")


class BeadText(Schema):
    lang: str
    text: str
    sentences: list[str]


class Bead(Schema):
    """Sentences of each language that translate each other."""

    bead: int
    anchor: str
    texts: list[BeadText]


class Passage(Schema):
    anchor: str
    permalink: str
    part: str = Field(description="`question` or `answer`.")
    paragraph: int = Field(description="0 for the question, from 1 for answer paragraphs.")
    texts: list[PassageText]
    sentences: list[Bead] = Field(default_factory=list)


class Exchange(Schema):
    number: int
    uid: str
    anchor: str
    permalink: str
    passages: list[Passage]


class InterviewMetadata(Schema):
    """What the list and the whole interview both say of an interview."""

    slug: str
    status: str
    title: Texts
    standfirst: Texts
    original_language: str
    languages: list[Language]
    outlet: OutletRef
    published_on: date | None
    source_url: str
    interviewees: list[PersonRef]
    interviewer: PersonRef | None
    topics: list[TopicRef]


class InterviewSummary(InterviewMetadata):
    """An interview's metadata, as a list shows it."""

    links: Links


class Interview(InterviewMetadata):
    """The whole interview: the JSON export's shape (sentence level), with its links."""

    url: str
    sources: list[Source]
    exchanges: list[Exchange]
    links: Links


class PassageDetail(Schema):
    """One passage (or each of an exchange's) with its aligned translation."""

    interview: InterviewSummary
    exchange: int
    passages: list[Passage]


class PageLinks(Schema):
    self: str
    first: str
    last: str
    prev: str | None
    next: str | None


class Page(Schema):
    count: int
    page: int
    per_page: int
    pages: int
    links: PageLinks


class InterviewList(Page):
    results: list[InterviewSummary]


class Counted(Schema):
    slug: str
    name: str | Texts
    interviews: int
    links: dict[str, str]


class CountedList(Page):
    results: list[Counted]


class Plain(BaseModel):
    """A shape the API builds from dicts alone, validated by pydantic as it is: ninja's
    ``Schema`` wraps each object in a getter that looks for ORM values (managers, files)
    first, which took a fifth of the API search's time (a hundred facet values a page)."""


class Span(Plain):
    start: int
    end: int


class HitTranslation(Plain):
    """The hit's aligned unit in the other language ("" when not translated yet)."""

    lang: str
    text: str


class Hit(Plain):
    interview: str
    title: Texts
    published_on: date | None
    part: str = Field(description="`question`, `answer`, or `meta` (title and standfirst).")
    exchange: int | None
    paragraph: int
    anchor: str | None
    lang: str
    text: str
    highlights: list[Span] = Field(description="Where the matched words are in `text`.")
    translation: HitTranslation
    score: float
    links: dict[str, str]


class FacetValue(Plain):
    value: str
    label: str
    count: int
    selected: bool
    url: str


class Facet(Plain):
    values: list[FacetValue]
    more: int


class SearchResults(Page):
    query: str
    partial: bool
    suggestion: str | None
    facets: dict[str, Facet]
    exports: dict[str, str]
    results: list[Hit]
