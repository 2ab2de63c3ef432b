"""The one table the search app owns: index work committed but not yet done."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PendingIndexWork(models.Model):
    """An interview (or one of its exchanges) whose documents must be made again from the
    database. Written in the transaction of the change it follows, so it exists exactly
    when the change was committed; deleted once the index holds the change."""

    # Not foreign keys: the row must outlive a deleted interview or exchange, whose
    # documents are then removed.
    interview_id = models.BigIntegerField()
    exchange_uid = models.CharField(max_length=12, blank=True)  # "" for the whole interview
    stale_slug = models.CharField(max_length=200, blank=True)  # a renamed or deleted slug
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "pending index work"
        verbose_name_plural = "pending index work"

    def __str__(self) -> str:
        return f"{self.interview_id} {self.exchange_uid or '*'}"


class IndexedDocument(models.Model):
    """A document of the PostgreSQL search backend's index, in one generation of it (see
    ``search.backends.postgres``; its stored JSON is in ``search_body``). The table, its
    ``tsvector`` columns and their indexes are made by the migrations, on PostgreSQL only:
    Django never manages it."""

    generation = models.IntegerField()
    key = models.TextField()
    interview = models.TextField()
    fingerprint = models.TextField()

    class Meta:
        db_table = "search_document"
        managed = False

    def __str__(self) -> str:
        return self.key
