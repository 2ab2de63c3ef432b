"""What the archive puts in the index: one document per aligned unit, one per interview.

The database is the source of truth; these functions turn it into ``SearchDocument``s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from django.db import models
from django.db.models import Prefetch, QuerySet

from interviews.languages import LANGS
from interviews.models import Exchange, Interview
from interviews.passages import exchange_passages, interview_key, passage_key

from .documents import SearchDocument


def indexable_interviews() -> QuerySet[Interview]:
    """Published interviews with everything their documents need, in a few queries."""
    return (
        Interview.objects.published()
        .select_related("outlet")
        .prefetch_related(
            "interviewees",
            "topics",
            Prefetch("exchanges", queryset=Exchange.objects.order_by("position")),
        )
        .order_by("pk")
    )


def _texts(obj: models.Model, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGS}


def interview_documents(interview: Interview) -> Iterator[SearchDocument]:
    # Sorted, so that a document's fingerprint does not depend on the database's row order.
    people = sorted(interview.interviewees.all(), key=lambda person: person.slug)
    topics = sorted(interview.topics.all(), key=lambda topic: topic.slug)
    document = partial(
        SearchDocument,
        interview=interview.slug,
        original_language=interview.original_language,
        outlet=interview.outlet.slug,
        persons=tuple(person.slug for person in people),
        topics=tuple(topic.slug for topic in topics),
        published_on=interview.published_on,
        title=_texts(interview, "title"),
    )
    names = ", ".join(person.name for person in people)
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
            "interviewees": names,
            "outlet": interview.outlet.name,
        },
    )
    for exchange in interview.exchanges.all():
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
