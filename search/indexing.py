"""What the archive puts in the index: one document per aligned unit, one per interview.

The database is the source of truth; these functions turn it into ``SearchDocument``s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.db import models
from django.db.models import Prefetch, QuerySet

from interviews.languages import LANGS
from interviews.models import Exchange, Interview, Person, Topic
from interviews.passages import exchange_passages, interview_key, passage_key

from .documents import SearchDocument

# What an interview's documents hold of it, besides its exchanges and names: a save that
# writes none of these fields (``update_fields``) leaves its documents as they were.
INDEXED_FIELDS = frozenset(
    {"slug", "status", "original_language", "outlet", "published_on"}
    | {f"{field}_{lang}" for field in ("title", "standfirst") for lang in LANGS}
)


# Where ``indexable_interviews`` puts each interview's people, topics and exchanges: lists
# (``Prefetch.to_attr``), not related managers, of which each read would make a queryset.
PEOPLE, TOPICS, EXCHANGES = "indexed_people", "indexed_topics", "indexed_exchanges"
# What the documents hold of an exchange: its texts in each language, where it is and its
# uid; not its other columns (the untranslated ones modeltranslation keeps, its status, what
# it was translated from), which would be read and sent for nothing (a rebuild reads every
# exchange).
_EXCHANGE_FIELDS = (
    "id",
    "interview_id",
    "position",
    "uid",
    *(f"{field}_{lang}" for field in ("question", "answer") for lang in LANGS),
)


def indexable_interviews(*, exchanges: bool = True) -> QuerySet[Interview]:
    """Published interviews with everything their documents need, in a few queries (their
    exchanges left out when only some are wanted): the interviews the functions below
    take."""
    interviews = (
        Interview.objects.published()
        .select_related("outlet")
        .prefetch_related(
            Prefetch("interviewees", to_attr=PEOPLE), Prefetch("topics", to_attr=TOPICS)
        )
        .order_by("pk")
    )
    if exchanges:
        read = Exchange.objects.order_by("position").only(*_EXCHANGE_FIELDS)
        interviews = interviews.prefetch_related(
            Prefetch("exchanges", queryset=read, to_attr=EXCHANGES)
        )
    return interviews


def _texts(obj: models.Model, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGS}


def _people(interview: Interview) -> list[Person]:
    # Sorted, so that a document's fingerprint does not depend on the database's row order.
    return sorted(getattr(interview, PEOPLE), key=lambda person: person.slug)


def _topics(interview: Interview) -> list[Topic]:
    return sorted(getattr(interview, TOPICS), key=lambda topic: topic.slug)


def _document(interview: Interview) -> Callable[..., SearchDocument]:
    """``SearchDocument`` with what every document of ``interview`` shares filled in."""
    return partial(
        SearchDocument,
        interview=interview.slug,
        original_language=interview.original_language,
        outlet=interview.outlet.slug,
        persons=tuple(person.slug for person in _people(interview)),
        topics=tuple(topic.slug for topic in _topics(interview)),
        published_on=interview.published_on,
        title=_texts(interview, "title"),
    )


def interview_documents(interview: Interview) -> Iterator[SearchDocument]:
    document, topics = _document(interview), _topics(interview)
    yield document(
        key=interview_key(interview.slug),
        exchange_uid=None,
        exchange=None,
        part="meta",
        paragraph=0,
        text=_texts(interview, "standfirst"),
        extra={
            **{
                f"topics_{lang}": ", ".join(getattr(t, f"name_{lang}") or "" for t in topics)
                for lang in LANGS
            },
            "interviewees": ", ".join(person.name for person in _people(interview)),
            "outlet": interview.outlet.name,
        },
    )
    for exchange in getattr(interview, EXCHANGES):
        yield from _passages(document, exchange)


def exchange_documents(interview: Interview, exchange: Exchange) -> Iterator[SearchDocument]:
    """The documents of one exchange of ``interview`` (an indexable one)."""
    return _passages(_document(interview), exchange)


def _passages(
    document: Callable[..., SearchDocument], exchange: Exchange
) -> Iterator[SearchDocument]:
    for passage in exchange_passages(exchange):
        yield document(
            key=passage_key(exchange.uid, passage.part, passage.paragraph),
            exchange_uid=exchange.uid,
            exchange=exchange.position,
            part=passage.part,
            paragraph=passage.paragraph,
            text=passage.texts,
            extra={},
        )


def all_documents(interviews: Iterable[Interview] | None = None) -> Iterator[SearchDocument]:
    for interview in (
        interviews if interviews is not None else indexable_interviews().iterator(chunk_size=200)
    ):
        yield from interview_documents(interview)


# Interviews per slice of ``ArchiveDocuments``: about 2,000 documents of the recombined
# corpus, read in a few queries.
SLICE = 50


@dataclass(frozen=True)
class InterviewSlice:
    """The documents of the published interviews whose primary keys run from ``first`` to
    ``last``, read from the database when iterated (by whichever process holds it)."""

    first: int
    last: int

    def __iter__(self) -> Iterator[SearchDocument]:
        return all_documents(indexable_interviews().filter(pk__range=(self.first, self.last)))


class ArchiveDocuments:
    """Every document of the archive: ``all_documents()`` when iterated, or in slices of
    ``per_slice`` interviews for an engine that reads them in several processes
    (``search.documents.SlicedDocuments``)."""

    def __init__(self, per_slice: int = SLICE) -> None:
        self.per_slice = per_slice

    def __iter__(self) -> Iterator[SearchDocument]:
        return all_documents()

    def slices(self) -> list[InterviewSlice]:
        keys = list(Interview.objects.published().order_by("pk").values_list("pk", flat=True))
        return [
            InterviewSlice(keys[start], keys[min(start + self.per_slice, len(keys)) - 1])
            for start in range(0, len(keys), self.per_slice)
        ]
