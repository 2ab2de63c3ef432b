from __future__ import annotations

import pytest

from tests.benchmarks import tiny_run_report


@pytest.mark.django_db
def test_benchmark_measures_haystack_as_a_peer(tmp_path):
    report = tiny_run_report(tmp_path)

    assert set(report["peers"]["haystack_whoosh"]) == {"p50_ms", "p95_ms"}
