"""What a save costs until it is searchable: in a usual interview, and in a long one.

A save goes through ``interviews.editing`` as an editor's does (version check, history,
commit, index write); the clock runs from the call until a search finds the new word.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from interviews import editing
from interviews.languages import LANGS
from interviews.models import Exchange, Interview

SAMPLES = 5
LONG = 300  # exchanges in the long interview
LONG_SLUG = "bench-long-interview"


def to_searchable(exchange: Exchange, word: str) -> float:
    from search import engine
    from search.documents import SearchQuery

    user, _ = get_user_model().objects.get_or_create(username="bench-editor")
    lang = exchange.interview.original_language
    start = time.perf_counter()
    editing.save_source(
        exchange=exchange,
        question=getattr(exchange, f"question_{lang}"),
        answer=f"{getattr(exchange, f'answer_{lang}')} {word}",
        version=exchange.version,
        user=user,
    )
    while not engine.backend().search(SearchQuery(text=word, lang=lang)).total:
        if time.perf_counter() - start > 30:
            raise RuntimeError(f"{word!r} still not searchable 30 s after the save")
        time.sleep(0.001)
    return time.perf_counter() - start


def worst_save(interview: Interview, tag: str) -> float:
    """The worst of a few saves spread over ``interview``'s exchanges, in seconds."""
    exchanges = list(interview.exchanges.order_by("position"))
    chosen = exchanges[:: max(1, len(exchanges) // SAMPLES)][:SAMPLES]
    return max(
        to_searchable(exchange, f"sauvegardezq{tag}{'abcdefghij'[n]}")
        for n, exchange in enumerate(chosen)
    )


def long_interview(template: Interview) -> Interview:
    """A published interview of ``LONG`` exchanges, their texts taken from the corpus."""
    texts = list(Exchange.objects.exclude(interview__slug=LONG_SLUG).order_by("pk")[:LONG])
    with transaction.atomic():
        interview = Interview.objects.get(pk=template.pk)
        interview.pk, interview.slug = None, LONG_SLUG
        interview.save()
        interview.interviewees.set(template.interviewees.all())
        Exchange.objects.bulk_create(
            Exchange(
                interview=interview,
                position=position,
                **_texts(texts[(position - 1) % len(texts)]),
            )
            for position in range(1, LONG + 1)
        )
    return interview


def _texts(exchange: Exchange) -> dict[str, str]:
    return {
        f"{field}_{lang}": getattr(exchange, f"{field}_{lang}")
        for field in ("question", "answer")
        for lang in LANGS
    }


def figures() -> dict[str, Any]:
    """Worst save-to-searchable (seconds) in the corpus's first interview and in one of
    ``LONG`` exchanges (made for the run, then deleted: the corpus stays as it was)."""
    usual = Interview.objects.published().exclude(slug=LONG_SLUG).order_by("pk").first()
    assert usual is not None, "the corpus has no published interview"
    Interview.objects.filter(slug=LONG_SLUG).delete()
    long = long_interview(usual)
    try:
        return {
            "usual_interview_s": round(worst_save(usual, "u"), 4),
            "usual_exchanges": usual.exchanges.count(),
            f"interview_of_{LONG}_exchanges_s": round(worst_save(long, "l"), 4),
        }
    finally:
        long.delete()
