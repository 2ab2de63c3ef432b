from __future__ import annotations

import json

import pytest

from interviews.exporting import FORMATS

from . import run_benchmarks


@pytest.mark.django_db
def test_only_export_measures_every_format_at_every_level(tmp_path):
    output = tmp_path / "export.json"

    run = run_benchmarks(tmp_path, "--size=3", "--only=export", f"--json={output}")

    assert run.returncode == 0, run.stderr
    report = json.loads(output.read_text())
    assert report["size"]["interviews"] == 3
    expected = {"baseline"} | {
        f"{f}/{level}" for f in FORMATS for level in ("paragraph", "sentence")
    }
    assert set(report["export"]) == expected
    for figures in report["export"].values():
        assert set(figures) == {"seconds", "peak_rss_mb", "output_mb"}
        assert figures["peak_rss_mb"] > 0
