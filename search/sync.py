"""Keep the index in step with the database, after each commit and never before.

Each change is written down (``pending.record``) in its own transaction, and registers a
callback with ``transaction.on_commit(..., robust=True)``: Django runs it once the
transaction commits, drops it if the transaction (or the savepoint around the change) rolls
back, and logs it without failing the commit if it raises. The record is deleted once the
index holds the change; a record left by a crash or a failed index write is replayed
without a human (``pending.replay``).

The callbacks of one commit run one after the other, in the order of the saves, so the
first one to run re-indexes every change the transaction made, in one index write, and the
later ones find nothing left to do. Changes registered before that first callback are those
whose callback was dropped: they were rolled back, and are forgotten. A change made in a
rolled-back savepoint of a committed transaction is re-indexed with the others; documents
are always made from the database, so only what was committed reaches the index.

A saved exchange re-indexes its own documents only; the whole interview is re-indexed when
what all its documents carry changes (its title, slug, status, names...).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from interviews.models import Exchange, Interview, Outlet, Person, Topic

from . import engine, pending
from .backends.base import IndexUnavailable
from .indexing import INDEXED_FIELDS
from .pending import Work
from .unavailable import diagnosis

logger = logging.getLogger(__name__)


class _Pending(threading.local):
    """The changes whose transaction has not committed yet, in this thread, oldest first
    (a thread has its own database connection, hence its own transactions)."""

    def __init__(self) -> None:
        self.changes: list[_Change] = []


_pending = _Pending()


@dataclass(eq=False)  # each change is itself, even when another names the same work
class _Change:
    work: Work
    record: int  # its ``PendingIndexWork`` row

    def committed(self) -> None:
        """The commit callback: re-index this change and those made after it."""
        changes = _pending.changes
        if self not in changes:
            return  # an earlier callback of the same commit has re-indexed it
        changes = changes[changes.index(self) :]
        _pending.changes.clear()  # what came before this change was rolled back
        try:
            pending.redo(change.work for change in changes)
        except IndexUnavailable as error:
            # Expected (a first import before the first rebuild, a damaged index): one line,
            # no traceback; the work waits in its record for the index to come back.
            logger.warning(
                "search index not updated for interviews %s, kept for replay: %s",
                sorted({change.work.interview for change in changes}),
                diagnosis(error),
            )
            return
        except Exception:
            # Said here in the archive's terms; Django logs the traceback and the commit stands.
            logger.error(
                "search index update failed for interviews %s: kept for replay "
                "(`check_index --repair` replays it now)",
                sorted({change.work.interview for change in changes}),
            )
            raise
        pending.done(change.record for change in changes)
        # Work a crash left behind is redone by the next commit that finds it old enough.
        pending.replay(older_than=pending.REPLAY_AFTER)


def schedule(pk: int, stale_slug: str | None = None, exchange: str = "") -> None:
    """Re-index interview ``pk`` (only exchange ``exchange``, when given) after the current
    transaction commits (never if it rolls back); when the index is in the database
    (``SearchBackend.indexes_in_transaction``), at once as well, inside the transaction."""
    work = Work(pk, exchange, stale_slug or "")
    if engine.backend().indexes_in_transaction:
        _index_now(work)
    change = _Change(work, pending.record(work))
    _pending.changes.append(change)
    transaction.on_commit(change.committed, robust=True)


def _index_now(work: Work) -> None:
    """The index write, in the transaction of the change: it commits with the change, so
    every server searches the change from its commit on, and rolls back with it. The write
    after the commit still follows: it also holds what changed without a signal (exchanges
    made by ``bulk_create`` after their interview was saved), and is the record replayed
    after a crash. A failure here is left to it."""
    try:
        pending.redo([work])
    except Exception as error:
        logger.warning(
            "search index not updated in the transaction for interview %s (%s): "
            "it will be after the commit",
            work.interview,
            diagnosis(error) if isinstance(error, IndexUnavailable) else error,
        )


# The slug an interview had before the save in progress renamed it: its documents go.
_renamed: WeakKeyDictionary[Interview, str] = WeakKeyDictionary()


def interview_saved(
    sender: type[Interview],
    instance: Interview,
    update_fields: frozenset[str] | None = None,
    **kwargs: object,
) -> None:
    if update_fields is None or update_fields & INDEXED_FIELDS:
        schedule(instance.pk, _renamed.pop(instance, None))


def interview_pre_save(sender: type[Interview], instance: Interview, **kwargs: object) -> None:
    if instance.pk:
        old = Interview.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if old and old != instance.slug:
            _renamed[instance] = old


def interview_deleted(sender: type[Interview], instance: Interview, **kwargs: object) -> None:
    # Its pk matches nothing once committed: only the slug's documents are removed.
    schedule(instance.pk, instance.slug)


def exchange_changed(sender: type[Exchange], instance: Exchange, **kwargs: object) -> None:
    if Interview.objects.filter(pk=instance.interview_id).exists():
        schedule(instance.interview_id, exchange=instance.uid)


def relations_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    pk_set: set[int] | None,
    **kwargs: object,
) -> None:
    if isinstance(instance, Interview):
        if action.startswith("post_"):
            schedule(instance.pk)
    elif action in ("post_add", "post_remove"):  # from the other side: person.interviews.add()
        for pk in pk_set or ():
            schedule(pk)
    elif action == "pre_clear" and isinstance(instance, Outlet | Person | Topic):
        related_unlinking(sender, instance)
    elif action == "post_clear" and isinstance(instance, Outlet | Person | Topic):
        related_unlinked(sender, instance)


def related_changed(
    sender: type[models.Model], instance: Outlet | Person | Topic, **kwargs: object
) -> None:
    """An outlet, person or topic was renamed: its interviews are searched by name."""
    if instance.pk:
        for pk in instance.interviews.values_list("pk", flat=True):
            schedule(pk)


# The interviews of an outlet, person or topic being deleted or cleared of its interviews,
# read before (afterwards they are no longer linked to it) and re-indexed after: an index
# written at once (in the transaction) must see them without it.
_unlinking: WeakKeyDictionary[models.Model, list[int]] = WeakKeyDictionary()


def related_unlinking(
    sender: type[models.Model], instance: Outlet | Person | Topic, **kwargs: object
) -> None:
    if instance.pk:
        _unlinking[instance] = list(instance.interviews.values_list("pk", flat=True))


def related_unlinked(
    sender: type[models.Model], instance: Outlet | Person | Topic, **kwargs: object
) -> None:
    for pk in _unlinking.pop(instance, ()):
        schedule(pk)


def connect() -> None:
    pre_save.connect(interview_pre_save, sender=Interview, dispatch_uid="search-pre")
    post_save.connect(interview_saved, sender=Interview, dispatch_uid="search-interview")
    post_delete.connect(interview_deleted, sender=Interview, dispatch_uid="search-del")
    post_save.connect(exchange_changed, sender=Exchange, dispatch_uid="search-exchange")
    post_delete.connect(exchange_changed, sender=Exchange, dispatch_uid="search-exchange-del")
    for model in (Outlet, Person, Topic):
        post_save.connect(related_changed, sender=model, dispatch_uid=f"search-{model}")
        pre_delete.connect(related_unlinking, sender=model, dispatch_uid=f"search-{model}-del")
        post_delete.connect(related_unlinked, sender=model, dispatch_uid=f"search-{model}-gone")
    for through in (Interview.interviewees.through, Interview.topics.through):
        m2m_changed.connect(relations_changed, sender=through, dispatch_uid=f"search-{through}")
