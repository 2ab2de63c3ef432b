"""The contract between the archive and any search engine: plain, immutable values.

The archive turns interviews into ``SearchDocument``s (one per aligned unit, carrying both
languages, plus one per interview for its metadata); an engine answers a ``SearchQuery``
with ``SearchResults``. Nothing here knows about Django or about a particular engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol, TypedDict, get_args, runtime_checkable

import orjson

Part = Literal["question", "answer", "meta"]
Sort = Literal["relevance", "date"]

PARTS: tuple[str, ...] = get_args(Part)
SORTS: tuple[str, ...] = get_args(Sort)
DEFAULT_SORT: Sort = "relevance"
# The one limit on a query's length: the search form shows it, every engine refuses more.
MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 1000


# Why a query cannot run. The wording is the search app's, in the reader's language; the
# English here is for commands, logs and tests.
ProblemCode = Literal[
    "empty",
    "too_long",
    "unknown_language",
    "unknown_sort",
    "bad_page",
    "dates_reversed",
    "not_understood",
    "nothing_to_search",
    "stale_index",
    # The query language's (``search.syntax``).
    "misplaced_wildcard",
    "prefix_too_short",
    "prefix_too_common",
    "too_nested",
    "only_excluded",
    "excluded_alternative",
]
QUERY_PROBLEMS: dict[str, str] = {
    "empty": "Type a word, or a phrase in quotes, to search for.",
    "too_long": "The query is too long ({length} characters); keep it under {limit}.",
    "unknown_language": "Unknown language {lang!r}; choose one of {choices}.",
    "unknown_sort": "Results can be sorted by {sorts}, not {sort!r}.",
    "bad_page": "Pages start at 1 and hold 1 to {limit} results.",
    "dates_reversed": "The start date is after the end date.",
    "not_understood": "This query could not be understood; try plain words.",
    "nothing_to_search": (
        "Nothing to search for: type at least one word, or a phrase in quotes "
        "(operators and punctuation alone match nothing)."
    ),
    "stale_index": (
        "The search index was built by an earlier version of the archive and cannot be "
        "searched until it is rebuilt (manage.py rebuild_index)."
    ),
    "misplaced_wildcard": (
        "In “{word}”, * is not at the end of a word: put it there to find the words "
        "beginning with what comes before it (portai* finds portail and portails)."
    ),
    "prefix_too_short": (
        "“{word}” is too short to find the words beginning with it: type at least "
        "{minimum} letters before the *."
    ),
    "prefix_too_common": (
        "Too many different words begin with “{word}”: type a few more letters before the *."
    ),
    "too_nested": "Parentheses go at most {limit} deep: remove some of them.",
    "only_excluded": (
        "{excluded} only says what to leave out: add a word to search for, as in portail -unique."
    ),
    "excluded_alternative": (
        "{excluded} cannot be an alternative after OR: leave out words after the "
        "alternatives, as in (portail OR site) -unique."
    ),
}


@dataclass(frozen=True)
class QueryProblem:
    """What is wrong with a query, as a code and the values its message names."""

    code: ProblemCode
    params: dict[str, str | int] = field(default_factory=dict)

    def __str__(self) -> str:
        return QUERY_PROBLEMS[self.code].format(**self.params)


class QueryError(Exception):
    """A query the engine cannot run, meant for the person who typed it: ``problem`` says
    why, for the archive to word in that person's language."""

    def __init__(self, code: ProblemCode, **params: str | int) -> None:
        self.problem = QueryProblem(code, params)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class SearchDocument:
    """One aligned unit (a question, or answer paragraph ``paragraph``) in every language.

    ``part="meta"`` documents carry an interview's title and standfirst (in ``text``) and,
    in ``extra``, names to search by: keys ending in ``_<lang>``, for a language of
    ``text``, belong to that language, the others (interviewee names, the outlet's name)
    to every language.

    The documents of one interview all carry its ``outlet``, ``persons``, ``topics`` and
    ``published_on``: a backend may read them once per interview (the PostgreSQL one does).
    """

    key: str
    interview: str
    exchange_uid: str | None
    exchange: int | None
    part: Part
    paragraph: int
    text: dict[str, str]
    original_language: str
    outlet: str
    persons: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    published_on: date | None = None
    title: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}, not {self.part!r}")
        if self.paragraph < 0:
            raise ValueError("paragraph must be 0 (question, meta) or a 1-based position")

    def to_dict(self) -> DocumentData:
        """JSON-ready: what engines store and journal."""
        return {
            "key": self.key,
            "interview": self.interview,
            "exchange_uid": self.exchange_uid,
            "exchange": self.exchange,
            "part": self.part,
            "paragraph": self.paragraph,
            "text": dict(self.text),
            "original_language": self.original_language,
            "outlet": self.outlet,
            "persons": list(self.persons),
            "topics": list(self.topics),
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "title": dict(self.title),
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: DocumentData) -> SearchDocument:
        published_on = data["published_on"]
        return cls(
            key=data["key"],
            interview=data["interview"],
            exchange_uid=data["exchange_uid"],
            exchange=data["exchange"],
            part=data["part"],
            paragraph=data["paragraph"],
            text=data["text"],
            original_language=data["original_language"],
            outlet=data["outlet"],
            persons=tuple(data["persons"]),
            topics=tuple(data["topics"]),
            published_on=date.fromisoformat(published_on) if published_on else None,
            title=data["title"],
            extra=data["extra"],
        )

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything searchable or displayed changes (for drift checks)."""
        return fingerprint(self.to_dict())

    def meta_text(self, lang: str) -> str:
        """What the document matches on besides its text: its interview's title and
        names, for the interview's own document only (every paragraph carries the title
        for display, not for search)."""
        if self.part != "meta":
            return ""
        return "\n".join(filter(None, [self.title.get(lang, ""), self.extra_text(lang)]))

    def extra_text(self, lang: str) -> str:
        """The ``extra`` values that belong to ``lang``, one per line."""
        return "\n".join(
            value
            for name, value in self.extra.items()
            if value and self._extra_language(name) in (lang, None)
        )

    def _extra_language(self, name: str) -> str | None:
        """The language an ``extra`` entry belongs to ("topics_fr" -> "fr"); None for all."""
        head, _, suffix = name.rpartition("_")
        return suffix if head and suffix in self.text else None


@runtime_checkable
class SlicedDocuments(Protocol):
    """Documents an engine may read whole, by iterating them, or as ``slices``: iterables
    that pickle and are read wherever they are iterated (another process, with Django set
    up on the same database), which together give the same documents."""

    def __iter__(self) -> Iterator[SearchDocument]: ...

    def slices(self) -> Sequence[Iterable[SearchDocument]]: ...


class DocumentData(TypedDict):
    """A ``SearchDocument`` as JSON: what ``to_dict`` gives and ``from_dict`` takes."""

    key: str
    interview: str
    exchange_uid: str | None
    exchange: int | None
    part: Part
    paragraph: int
    text: dict[str, str]
    original_language: str
    outlet: str
    persons: list[str]
    topics: list[str]
    published_on: str | None  # ISO 8601
    title: dict[str, str]
    extra: dict[str, str]


def fingerprint(data: DocumentData) -> str:
    """A ``SearchDocument.to_dict()``'s fingerprint, for who already has the dict."""
    return canonical_fingerprint(canonical_json(data))


def canonical_json(data: DocumentData) -> bytes:
    """``data`` as compact JSON in UTF-8, its keys sorted (``json.dumps`` with
    ``sort_keys=True, ensure_ascii=False, separators=(",", ":")`` writes the same): what a
    fingerprint is taken of."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)


def canonical_fingerprint(canonical: bytes) -> str:
    """The fingerprint of a document given as ``canonical_json`` gives it."""
    return hashlib.sha256(canonical).hexdigest()[:32]


@dataclass(frozen=True)
class SearchQuery:
    text: str
    lang: str | None = None
    outlet: str | None = None
    person: str | None = None
    topic: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: Sort = DEFAULT_SORT
    page: int = 1
    per_page: int = 10
    time_limit: float | None = None
    interview: str | None = None  # the slug of the one interview to search in

    def validate(self, languages: Collection[str]) -> None:
        """Raise ``QueryError`` for what no engine should try to run; ``languages`` are
        those the engine searches in."""
        if not self.text.strip():
            raise QueryError("empty")
        if len(self.text) > MAX_QUERY_LENGTH:
            raise QueryError("too_long", length=len(self.text), limit=MAX_QUERY_LENGTH)
        if self.lang is not None and self.lang not in languages:
            raise QueryError("unknown_language", lang=self.lang, choices=", ".join(languages))
        if self.sort not in SORTS:
            raise QueryError("unknown_sort", sort=self.sort, sorts=", ".join(SORTS))
        if self.page < 1 or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError("bad_page", limit=MAX_PER_PAGE)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError("dates_reversed")


@dataclass(frozen=True)
class SearchHit:
    """One matching aligned unit, shown in the language that matched beside the other one.

    ``highlighted`` is ``text`` HTML-escaped, with the matched words in ``<mark>``: it is
    safe to insert into a page as is.
    """

    key: str
    interview: str
    exchange_uid: str | None
    exchange: int | None
    part: Part
    paragraph: int
    lang: str
    text: str
    highlighted: str
    translation: str
    translation_lang: str
    score: float
    published_on: date | None
    title: dict[str, str]


# What every search counts its matches by.
FACETS = ("lang", "outlet", "person", "topic", "year")


@dataclass(frozen=True)
class SearchResults:
    """A page of hits; ``total`` and ``facets`` count the whole result set.

    ``facets`` maps each of ``FACETS`` to value -> count.
    ``partial`` means the time limit stopped the search: counts and hits cover what was
    found by then. ``error`` says why a query could not run (there are no hits then).
    """

    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    partial: bool = False
    error: QueryProblem | None = None
