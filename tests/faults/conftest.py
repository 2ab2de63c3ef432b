"""A site of its own for the fault tests: commands run as separate processes (as an
operator runs them) on a SQLite file, each test with its own index directory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.processes import run_manage

ROOT = Path(__file__).resolve().parents[2]
# Enough for a rebuild to start writer processes (one per 500 documents, see ``fill``).
INTERVIEWS = 15


@pytest.fixture(scope="session")
def site_database(tmp_path_factory) -> str:
    """A migrated database of ``INTERVIEWS`` published interviews."""
    folder = tmp_path_factory.mktemp("site")
    url = f"sqlite:///{folder / 'archive.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120
    )
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); "
            f"from benchmarks.corpus import load; load({INTERVIEWS})",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "archive.settings"},
        check=True,
        timeout=120,
    )
    return url


@pytest.fixture
def site(site_database, tmp_path) -> dict[str, str]:
    """The environment of the site's commands: its database, an index not built yet
    (not the test's own ``search_index``, which exists)."""
    return {
        **os.environ,
        "DATABASE_URL": site_database,
        "SEARCH_INDEX_DIR": str(tmp_path / "site-index"),
    }


Manage = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def manage(site) -> Manage:
    """``manage(*args)``: run a command to its end (at most ``timeout`` seconds)."""

    def run(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
        return run_manage(*args, env=site, timeout=timeout)

    return run


def start_rebuild(site: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "rebuild_index", "-v0"],
        cwd=ROOT,
        env=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], object], timeout: float = 60) -> object:
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)
    return found


def children(pid: int) -> set[int]:
    """The running processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def one_line_diagnosis(result: subprocess.CompletedProcess[str]) -> str:
    """The command failed with one line and no traceback: that line."""
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
