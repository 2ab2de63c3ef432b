"""The engines the archive's search is compared with, on the same corpus and queries.

Each peer answers like the archive's search page does: the top 10 with highlighted
passages and the exchange in both languages (the translation beside the match).
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from .queries import BenchQuery

TOP = 10


def haystack_rebuild() -> None:
    """Clear and fill the haystack index with its own commands."""
    from django.core.management import call_command
    from haystack.management.commands import clear_index, update_index

    call_command(clear_index.Command(), interactive=False, verbosity=0)
    call_command(update_index.Command(), verbosity=0)


def haystack_count() -> int:
    from haystack.query import SearchQuerySet

    return SearchQuerySet().count()


def haystack_search(bench: BenchQuery) -> list[dict[str, Any]]:
    from haystack.query import SearchQuerySet

    results = SearchQuerySet().auto_query(bench.text)
    if bench.outlet:
        results = results.filter(outlet=bench.outlet)
    if bench.date_from:
        results = results.filter(published_on__gte=bench.date_from)
    if bench.date_to:
        results = results.filter(published_on__lte=bench.date_to)
    if bench.facets:
        results = results.facet("outlet")
        results.facet_counts()
    results = results.highlight().load_all()
    return [
        {
            "highlighted": result.highlighted,
            "fr": result.object.full_text("fr"),
            "en": result.object.full_text("en"),
        }
        for result in results[:TOP]
    ]


POSTGRES_CONFIGS = {"fr": "french", "en": "english"}


def postgres_available() -> bool:
    return connection.vendor == "postgresql"


def postgres_rebuild() -> int:
    """Text-search configurations with unaccent, a weighted tsvector per language for each
    published exchange, and their GIN indexes: the usual setup, made by this run."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for lang, base in POSTGRES_CONFIGS.items():
            cursor.execute(
                f"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'bench_{lang}') THEN
                    CREATE TEXT SEARCH CONFIGURATION bench_{lang} (COPY = {base});
                    ALTER TEXT SEARCH CONFIGURATION bench_{lang}
                      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem;
                  END IF;
                END $$
                """
            )
        cursor.execute("DROP TABLE IF EXISTS bench_exchange_text")
        vectors = ", ".join(
            f"setweight(to_tsvector('bench_{lang}', coalesce(e.question_{lang}, '')), 'A')"
            f" || setweight(to_tsvector('bench_{lang}', coalesce(e.answer_{lang}, '')), 'B')"
            f" AS vector_{lang}"
            for lang in POSTGRES_CONFIGS
        )
        cursor.execute(
            f"""
            CREATE TABLE bench_exchange_text AS
            SELECT e.id AS exchange_id, {vectors}
            FROM interviews_exchange e JOIN interviews_interview i ON i.id = e.interview_id
            WHERE i.status = 'published'
            """
        )
        cursor.execute("ALTER TABLE bench_exchange_text ADD PRIMARY KEY (exchange_id)")
        for lang in POSTGRES_CONFIGS:
            cursor.execute(
                f"CREATE INDEX bench_exchange_text_{lang} ON bench_exchange_text "
                f"USING gin (vector_{lang})"
            )
        cursor.execute("ANALYZE bench_exchange_text")
        cursor.execute("SELECT count(*) FROM bench_exchange_text")
        return cursor.fetchone()[0]


def postgres_search(bench: BenchQuery) -> list[dict[str, Any]]:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
    from django.db.models import Count, F, Q
    from django.db.models.functions import Greatest

    from .models import ExchangeText

    queries = {
        lang: SearchQuery(bench.text, config=f"bench_{lang}", search_type="websearch")
        for lang in POSTGRES_CONFIGS
    }
    matches = ExchangeText.objects.filter(Q(vector_fr=queries["fr"]) | Q(vector_en=queries["en"]))
    if bench.outlet:
        matches = matches.filter(exchange__interview__outlet__slug=bench.outlet)
    if bench.date_from:
        matches = matches.filter(exchange__interview__published_on__gte=bench.date_from)
    if bench.date_to:
        matches = matches.filter(exchange__interview__published_on__lte=bench.date_to)
    if bench.facets:
        list(
            matches.values("exchange__interview__outlet__slug")
            .annotate(count=Count("pk"))
            .order_by()
        )
    top = list(
        matches.annotate(
            rank=Greatest(
                # F(): a plain name would make SearchRank re-parse the stored vector as text.
                *(SearchRank(F(f"vector_{lang}"), query) for lang, query in queries.items())
            )
        )
        .order_by("-rank")
        .values_list("pk", flat=True)[:TOP]
    )
    # Headlines only for the page shown: ts_headline re-parses the text, and annotating the
    # ranked query with it would run it on every match (14 s for the frequent term at 10k).
    rows = (
        ExchangeText.objects.filter(pk__in=top)
        .select_related("exchange")
        .annotate(
            **{
                f"headline_{lang}": SearchHeadline(
                    f"exchange__answer_{lang}", query, config=f"bench_{lang}"
                )
                for lang, query in queries.items()
            }
        )
    )
    rows = sorted(rows, key=lambda row: top.index(row.pk))
    return [
        {
            "highlighted": (row.headline_fr, row.headline_en),
            "fr": row.exchange.full_text("fr"),
            "en": row.exchange.full_text("en"),
        }
        for row in rows
    ]
