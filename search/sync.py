"""Keep the index in step with the database, after each commit and never before.

Saves inside one transaction are collected and each touched interview is re-indexed once,
when (and only if) the transaction commits.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from interviews.models import Exchange, Interview, Outlet, Person, Topic

from . import engine
from .indexing import indexable_interviews, interview_documents

_pending = threading.local()
logger = logging.getLogger(__name__)


def reindex_interviews(pks: set[int], stale_slugs: set[str] = frozenset()) -> None:
    """Replace the documents of these interviews with what the database holds now."""
    backend = engine.backend()
    slugs = set(stale_slugs) | set(
        Interview.objects.filter(pk__in=pks).values_list("slug", flat=True)
    )
    documents = [
        document
        for interview in indexable_interviews().filter(pk__in=pks)
        for document in interview_documents(interview)
    ]
    backend.replace_interviews(slugs, documents)


@dataclass
class _Batch:
    """Interviews touched by the current transaction, re-indexed once when it commits."""

    pks: set[int] = field(default_factory=set)
    stale_slugs: set[str] = field(default_factory=set)

    def flush(self) -> None:
        if getattr(_pending, "batch", None) is self:
            _pending.batch = None
        try:
            reindex_interviews(self.pks, self.stale_slugs)
        except Exception:
            # The data is committed and safe; `check_index` reports the drift and
            # `rebuild_index` repairs it. A failed index write must not fail the request.
            logger.exception("search index update failed for interviews %s", sorted(self.pks))


def schedule(pk: int, stale_slug: str | None = None) -> None:
    """Re-index interview ``pk`` after the current transaction commits (never if it rolls back)."""
    connection = transaction.get_connection()
    batch = getattr(_pending, "batch", None)
    # A rolled-back transaction drops its callbacks: a batch not among them is stale.
    if batch is None or not any(entry[1] == batch.flush for entry in connection.run_on_commit):
        batch = _Batch()
        if connection.in_atomic_block:
            _pending.batch = batch
            batch.pks.add(pk)
            if stale_slug:
                batch.stale_slugs.add(stale_slug)
            transaction.on_commit(batch.flush)
            return
    batch.pks.add(pk)
    if stale_slug:
        batch.stale_slugs.add(stale_slug)
    if not connection.in_atomic_block:
        batch.flush()


def interview_saved(sender, instance: Interview, **kwargs) -> None:
    schedule(instance.pk, getattr(instance, "_previous_slug", None))


def interview_pre_save(sender, instance: Interview, **kwargs) -> None:
    if instance.pk:
        old = Interview.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if old and old != instance.slug:
            instance._previous_slug = old


def interview_deleted(sender, instance: Interview, **kwargs) -> None:
    # Its pk matches nothing once committed: only the slug's documents are removed.
    schedule(instance.pk, instance.slug)


def exchange_changed(sender, instance: Exchange, **kwargs) -> None:
    if Interview.objects.filter(pk=instance.interview_id).exists():
        schedule(instance.interview_id)


def relations_changed(sender, instance, action: str, pk_set, **kwargs) -> None:
    if isinstance(instance, Interview):
        if action.startswith("post_"):
            schedule(instance.pk)
    elif action in ("post_add", "post_remove"):  # from the other side: person.interviews.add()
        for pk in pk_set:
            schedule(pk)
    elif action == "pre_clear":
        related_changed(sender, instance)


def related_changed(sender, instance: Outlet | Person | Topic, **kwargs) -> None:
    """An outlet, person or topic was renamed or deleted: its interviews are searched by name."""
    if instance.pk:
        for pk in instance.interviews.values_list("pk", flat=True):
            schedule(pk)


def connect() -> None:
    pre_save.connect(interview_pre_save, sender=Interview, dispatch_uid="search-pre")
    post_save.connect(interview_saved, sender=Interview, dispatch_uid="search-interview")
    post_delete.connect(interview_deleted, sender=Interview, dispatch_uid="search-del")
    post_save.connect(exchange_changed, sender=Exchange, dispatch_uid="search-exchange")
    post_delete.connect(exchange_changed, sender=Exchange, dispatch_uid="search-exchange-del")
    for model in (Outlet, Person, Topic):
        post_save.connect(related_changed, sender=model, dispatch_uid=f"search-{model}")
        # Before the delete: afterwards its interviews are no longer linked to it.
        pre_delete.connect(related_changed, sender=model, dispatch_uid=f"search-{model}-del")
    for through in (Interview.interviewees.through, Interview.topics.through):
        m2m_changed.connect(relations_changed, sender=through, dispatch_uid=f"search-{through}")
