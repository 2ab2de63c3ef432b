"""Index work that survives a crash: recorded with the change, done after its commit, and
redone by whoever finds it left over.

Each change writes a ``PendingIndexWork`` row in its own transaction: a rolled-back change
leaves none, a committed one leaves one until its index write succeeds. A process killed
between the commit and the index write (or an index that refused the write) leaves the row,
and ``replay()`` redoes it: web workers as they start (``archive/gunicorn.py``), every commit
for rows older than ``REPLAY_AFTER`` (so as not to redo a live process's work), and
``check_index --repair``. Redoing is idempotent (documents are made from the database as it
is now), so several processes may replay at once; on PostgreSQL each row is claimed by one
(``skip_locked``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from interviews.models import Exchange, Interview

from . import engine
from .indexing import exchange_documents, indexable_interviews, interview_documents
from .models import PendingIndexWork

logger = logging.getLogger(__name__)

REPLAY_AFTER = 30.0  # seconds: a committed change's own process is done with it by then
BATCH = 500  # rows per replayed index write


@dataclass(frozen=True)
class Work:
    """Make interview ``interview``'s documents (only those of exchange ``exchange``, when
    given) again, and drop those of ``stale_slug``."""

    interview: int
    exchange: str = ""
    stale_slug: str = ""


def record(work: Work) -> int:
    """Write ``work`` down in the current transaction; returns its row's id."""
    return PendingIndexWork.objects.create(
        interview_id=work.interview, exchange_uid=work.exchange, stale_slug=work.stale_slug
    ).pk


def done(ids: Iterable[int]) -> None:
    ids = list(ids)
    for start in range(0, len(ids), BATCH):  # within every database's parameter limit
        PendingIndexWork.objects.filter(pk__in=ids[start : start + BATCH]).delete()


def redo(works: Iterable[Work]) -> None:
    """Bring the index in line with the database for ``works``, in one index write."""
    works = list(works)
    whole = {work.interview for work in works if not work.exchange}
    uids = {work.exchange for work in works if work.exchange and work.interview not in whole}
    slugs = {work.stale_slug for work in works if work.stale_slug}
    slugs |= set(Interview.objects.filter(pk__in=whole).values_list("slug", flat=True))
    documents = [
        document
        for interview in indexable_interviews().filter(pk__in=whole)
        for document in interview_documents(interview)
    ]
    exchanges = list(Exchange.objects.filter(uid__in=uids))
    interviews = indexable_interviews(exchanges=False).in_bulk(
        {exchange.interview_id for exchange in exchanges}
    )
    documents += [
        document
        for exchange in exchanges
        if (interview := interviews.get(exchange.interview_id))
        for document in exchange_documents(interview, exchange)
    ]
    engine.backend().replace_interviews(slugs, documents, exchanges=uids)


def replay(older_than: float = 0.0) -> int:
    """Redo the recorded work older than ``older_than`` seconds; returns how many rows were
    redone. Index errors are logged, and the rows kept for the next replay."""
    replayed = 0
    while claimed := _replay_batch(timezone.now() - timedelta(seconds=older_than)):
        replayed += claimed
    return replayed


def _replay_batch(cutoff: datetime) -> int:
    # Where rows can be claimed, they are, until the index holds them. SQLite cannot claim
    # (and a long read transaction there would hold up every writer): rows are read, redone
    # and deleted, perhaps twice by two processes, which is only more work.
    claims = connection.features.has_select_for_update_skip_locked
    with transaction.atomic() if claims else nullcontext():
        rows = PendingIndexWork.objects.filter(created_at__lte=cutoff).order_by("pk")
        if claims:
            rows = rows.select_for_update(skip_locked=True)
        batch = list(rows[:BATCH])
        if not batch:
            return 0
        try:
            redo(Work(row.interview_id, row.exchange_uid, row.stale_slug) for row in batch)
        except Exception:
            logger.exception(
                "replaying %d pending search index updates failed; they are kept", len(batch)
            )
            return 0
        done(row.pk for row in batch)
    return len(batch)


def waiting() -> list[int]:
    """The records committed so far: a rebuild that reads the database after this call
    holds their work, and lets them go once it is in place (``done``)."""
    return list(PendingIndexWork.objects.values_list("pk", flat=True))


def pending() -> int:
    """How many recorded changes the index does not hold yet (or not known to)."""
    return PendingIndexWork.objects.count()


def replay_logged() -> None:
    """``replay()`` at a process's start: a database or index that cannot be used yet is
    logged, and left to the requests to report."""
    try:
        if replayed := replay():
            logger.warning("redid %d search index updates a stopped process left", replayed)
    except Exception:
        logger.exception("replaying pending search index updates failed")
