from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection

from benchmarks import corpus
from interviews.models import Exchange, Interview
from search import engine
from search.documents import SearchQuery

from . import tiny_run_report


def test_corpus_is_the_same_for_the_same_seed():
    assert list(corpus.generate(3, seed=7)) == list(corpus.generate(3, seed=7))
    assert list(corpus.generate(3, seed=7)) != list(corpus.generate(3, seed=8))


def test_corpus_interviews_have_about_eight_exchanges_of_about_four_paragraphs():
    interviews = list(corpus.generate(20))
    exchanges = [exchange for interview in interviews for exchange in interview.exchanges]
    paragraphs = [len(exchange.answer["fr"]) for exchange in exchanges]
    assert 7 <= len(exchanges) / len(interviews) <= 9
    assert 3 <= sum(paragraphs) / len(paragraphs) <= 5
    assert all(len(e.answer["fr"]) == len(e.answer["en"]) for e in exchanges)


def test_corpus_text_comes_from_the_real_articles_in_fixtures():
    pools = corpus.text_pools()
    seed_fr = (corpus.FIXTURES / "seed" / "fr.txt").read_text()
    assert len(pools["fr"].sentences) > 100 and len(pools["en"].sentences) > 50
    assert any(sentence in seed_fr for sentence in pools["fr"].sentences)
    assert not any("newsletter" in s.lower() for s in pools["fr"].sentences)


@pytest.mark.django_db(transaction=True)
def test_corpus_loads_through_the_models_and_the_rebuild_makes_it_searchable():
    corpus.load(3, seed=7)

    generated = list(corpus.generate(3, seed=7))
    exchanges = Exchange.objects.order_by("interview__slug", "position")
    assert Interview.objects.published().count() == 3
    assert exchanges.count() == sum(len(item.exchanges) for item in generated)
    assert all(
        re.fullmatch(r"[0-9a-f]{12}", uid) for uid in exchanges.values_list("uid", flat=True)
    )
    first = exchanges.first()
    assert first.paragraphs("en") == generated[0].exchanges[0].answer["en"]

    call_command("rebuild_index", verbosity=0)
    word = generated[0].exchanges[0].question["fr"].split()[0]
    assert engine.backend().search(SearchQuery(text=word, lang="fr")).total


@pytest.mark.django_db
def test_benchmark_writes_the_agreed_json(tmp_path):
    """A whole run at a tiny size, on a database of its own of the same kind as the tests'."""
    report = tiny_run_report(tmp_path)
    assert set(report) == {
        "profile",
        "size",
        "search",
        "search_answers_kept",
        "ceiling",
        "growth",
        "rebuild_scaling",
        "incremental_rebuild",
        "peers",
        "rebuild_exchanges_per_s",
        "save_to_searchable_s",
        "save",
        "reading_view",
        "api",
        "web",
    }
    assert report["size"]["interviews"] == 3 and report["size"]["exchanges"] > 3
    assert set(report["search"]) == {"p50_ms", "p95_ms", "p99_ms"}
    assert set(report["growth"]) == {"rebuild_s", "index_mb", "worker_rss_mb"}
    assert report["incremental_rebuild"]["changed_interviews"] == 1
    assert "Re-indexed 1 changed interviews" in report["incremental_rebuild"]["output"]
    # Tantivy's figures need the bench extra: benchmarks/tests/test_peers.py checks them.
    # haystack's figures need the bench extra: benchmarks/tests/test_peers.py checks them.
    assert set(report["peers"]) == {"haystack_whoosh", "postgres_fts"}
    if connection.vendor == "postgresql":
        assert set(report["peers"]["postgres_fts"]) == {"p50_ms", "p95_ms"}
    else:
        assert report["peers"]["postgres_fts"] is None
    assert isinstance(report["rebuild_exchanges_per_s"], float)
    assert isinstance(report["save_to_searchable_s"], float)
    assert set(report["save"]) == {
        "usual_interview_s",
        "usual_exchanges",
        "interview_of_300_exchanges_s",
    }
    assert 0 < report["save"]["usual_interview_s"] < 30
    assert set(report["reading_view"]) == {"ms", "queries"}
    assert isinstance(report["reading_view"]["queries"], int)
    assert set(report["api"]) == {"detail", "list", "search"}
    assert all(set(figures) == {"ms", "queries"} for figures in report["api"].values())
    assert set(report["web"]) == {
        "reading_rps",
        "reading_p95_ms",
        "search_rps",
        "search_p95_ms",
        "errors",
        "api_detail_rps",
        "api_detail_p95_ms",
        "api_search_rps",
        "api_search_p95_ms",
        "api_errors",
    }
    assert report["web"]["errors"] == 0 and report["web"]["api_errors"] == 0
