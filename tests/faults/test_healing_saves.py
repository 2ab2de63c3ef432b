"""A save killed at any point: the committed text is found without a human, the rolled-back
one never; ``check_index --repair`` repairs drift. Real processes, real database (SQLite
file or this run's PostgreSQL test database), real on-disk index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import SEED_SLUG

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds any one command may take
WORD = "zygomatique"
BACKDATE = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from search.models import PendingIndexWork as P; "
    "P.objects.update(created_at=timezone.now() - timedelta(minutes=5))"
)


def command(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return command(env, "manage.py", *args, check=check)


def save(env: dict[str, str], point: str, word: str = WORD, position: int = 1) -> int:
    """Run a save killed at ``point``; its exit status (-9 when killed)."""
    return command(
        env, "tests/faults/healing_save.py", point, word, str(position), check=False
    ).returncode


def found(env: dict[str, str], word: str = WORD) -> bool:
    hits = json.loads(manage(env, "search_archive", word, "--json").stdout)
    return any(hit["interview"] == SEED_SLUG for hit in hits)


def pending(env: dict[str, str]) -> int:
    code = "from search.models import PendingIndexWork as P; print(P.objects.count())"
    return int(manage(env, "shell", "-v0", "-c", code).stdout)


def in_sync(env: dict[str, str]) -> bool:
    return manage(env, "check_index", check=False).returncode == 0


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite database holding the seed, copied by each test."""
    path = tmp_path_factory.mktemp("healing") / "template.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    manage(env, "migrate", "-v0")
    return path


@pytest.fixture
def env(tmp_path, sqlite_template) -> dict[str, str]:
    """What the processes of one test share: a database holding the seed, and an index
    built from it."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        shutil.copy(sqlite_template, tmp_path / "archive.sqlite3")
        url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "CONN_MAX_AGE": "0",
    }
    manage(env, "loaddata", "fixtures/seed.json", "-v0")
    manage(env, "rebuild_index", "--noinput", "-v0")
    assert in_sync(env)
    return env


def start_a_worker(env: dict[str, str]) -> None:
    """What gunicorn runs in each worker as it starts (``archive/gunicorn.py``)."""
    command(
        env,
        "-c",
        "import django; django.setup(); "
        "from archive.gunicorn import post_worker_init; post_worker_init(None)",
    )


@pytest.mark.parametrize("point", ["after-commit", "mid-index", "after-index"])
def test_a_save_killed_after_its_commit_is_found_once_a_worker_starts(env, point):
    assert save(env, point) == -9
    assert pending(env) == 1
    start_a_worker(env)
    assert found(env)
    assert pending(env) == 0
    assert in_sync(env)


def test_a_save_killed_after_its_commit_is_redone_by_a_later_commit(env):
    assert save(env, "after-commit") == -9
    assert not found(env)
    manage(env, "shell", "-v0", "-c", BACKDATE)  # its process would have indexed it long since
    assert save(env, "none", "hippocampe", position=2) == 0
    assert found(env) and found(env, "hippocampe")
    assert pending(env) == 0
    assert in_sync(env)


def test_a_later_commit_leaves_recent_work_to_its_own_process(env):
    """Work younger than ``REPLAY_AFTER`` may be a live process's, about to be done."""
    assert save(env, "after-commit") == -9
    assert save(env, "none", "hippocampe", position=2) == 0
    assert pending(env) == 1
    assert not found(env)


def test_a_save_killed_before_its_commit_leaves_nothing(env):
    assert save(env, "before-commit") == -9
    assert pending(env) == 0
    start_a_worker(env)
    assert not found(env)
    assert in_sync(env)


def test_repair_redoes_pending_work(env):
    assert save(env, "after-commit") == -9
    result = manage(env, "check_index", "--repair")
    assert "replayed 1 pending index updates" in result.stdout
    assert found(env)
    assert in_sync(env)


def test_repair_reindexes_exactly_what_drifted(env):
    # Changes that send no signal (a bulk update, a raw delete): the index never hears of them.
    code = (
        "from interviews.models import Exchange, Interview; "
        f"Exchange.objects.filter(interview__slug='{SEED_SLUG}', position=1)"
        f".update(answer_fr='{WORD}'); "
        f"Exchange.objects.filter(interview__slug='{SEED_SLUG}', position=2)._raw_delete('default')"
    )
    manage(env, "shell", "-v0", "-c", code)
    result = manage(env, "check_index", check=False)
    assert result.returncode == 1
    assert "out of date" in result.stdout and "unexpected" in result.stdout
    result = manage(env, "check_index", "--repair")
    assert f"repaired: 1 interviews re-indexed ({SEED_SLUG})" in result.stdout
    assert "Index in sync" in result.stdout
    assert found(env)
    assert in_sync(env)


def test_repair_removes_a_deleted_interview(env):
    code = f"from interviews.models import Interview; Interview.objects.filter(slug='{SEED_SLUG}')"
    manage(env, "shell", "-v0", "-c", f"{code}.update(status='draft')")
    assert not in_sync(env)
    manage(env, "check_index", "--repair")
    assert in_sync(env)
    assert not found(env, "data centers")
