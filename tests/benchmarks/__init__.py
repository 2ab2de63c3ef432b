"""Helpers shared by the benchmark tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from benchmarks.database import drop_database


def run_benchmarks(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m benchmarks *args`` on a database of its own, of the same kind as the
    tests' (dropped afterwards), with its indexes under ``tmp_path``."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        url_for_run = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}_run"
        )
    else:
        url_for_run = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url_for_run,
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "BENCH_HAYSTACK_DIR": str(tmp_path / "haystack"),
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "benchmarks", *args],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )
    finally:
        drop_database(url_for_run)


def tiny_run_report(tmp_path: Path) -> dict[str, Any]:
    """The JSON report of a whole run at a tiny size (3 interviews, each figure measured once)."""
    output = tmp_path / "bench.json"
    run = run_benchmarks(tmp_path, "--size=3", "--repeat=1", "--web-seconds=1", f"--json={output}")
    assert run.returncode == 0, run.stderr
    return json.loads(output.read_text())
