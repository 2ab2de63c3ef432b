"""The PostgreSQL full-text peer's table, created by the benchmark run (never migrated):
one row per exchange, a weighted ``tsvector`` per language, each with a GIN index."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from interviews.models import Exchange


class ExchangeText(models.Model):
    exchange = models.OneToOneField(
        Exchange, models.DO_NOTHING, primary_key=True, related_name="+", db_constraint=False
    )
    vector_fr = SearchVectorField()
    vector_en = SearchVectorField()

    class Meta:
        managed = False
        db_table = "bench_exchange_text"

    def __str__(self) -> str:
        return f"text of exchange {self.exchange_id}"
