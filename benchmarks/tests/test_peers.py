from __future__ import annotations


def test_benchmark_measures_haystack_as_a_peer(tiny_report):
    assert set(tiny_report["peers"]["haystack_whoosh"]) == {"p50_ms", "p95_ms"}


def test_benchmark_measures_tantivy_as_the_ceiling(tiny_report):
    ceiling = tiny_report["ceiling"]
    assert ceiling["p50_ms"] > 0 and ceiling["rebuild_exchanges_per_s"] > 0
    assert set(ceiling["archive_over_tantivy"]) == {"p50_ms", "p95_ms", "rebuild"}


def test_benchmark_measures_rebuild_with_each_process_count_up_to_the_given(tiny_report):
    scaling = tiny_report["rebuild_scaling"]
    assert set(scaling["exchanges_per_s"]) >= {"1", str(scaling["processes_given"])}
