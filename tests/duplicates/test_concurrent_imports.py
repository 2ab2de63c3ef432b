"""Two editors import the same article at the same moment, from two server processes: one
interview, the others refused as duplicates.

Each import looks for duplicates, then writes. Unless imports take turns, all of them look
before any has written: each writes its own copy, or fails on the new outlet's unique name."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from interviews.models import Interview
from tests.processes import ROOT, run_manage

pytestmark = pytest.mark.django_db(transaction=True)

IMPORTS = 3
TIMEOUT = 120

# Each process parses and aligns the seed, waits for the start file, then imports it.
IMPORTER = """
import sys, time
from pathlib import Path
import django
django.setup()
from interviews.importing import align_interview, parse_article
from interviews.services import DuplicateImport, import_interview
from interviews.sources import read_source
seed, start = Path(sys.argv[1]), Path(sys.argv[2])
sources = [read_source(seed / f"{lang}.txt", lang=lang) for lang in ("fr", "en")]
fr, en = (parse_article(s.content, lang=s.lang, filename=s.filename) for s in sources)
aligned = align_interview(fr, en, original="fr")
(start.parent / f"ready-{sys.argv[3]}").touch()
while not start.exists():
    time.sleep(0.001)
try:
    import_interview(aligned, sources)
    print("imported")
except DuplicateImport:
    print("duplicate")
"""


def database_url(tmp_path: Path) -> str:
    """A database the processes share: this test's own on PostgreSQL; on SQLite (whose test
    database lives in this process's memory) a file, migrated first, as a server's would be."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        return (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
            f"{settings['NAME']}"
        )
    url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    migrated = run_manage("migrate", "-v0", env=os.environ | {"DATABASE_URL": url})
    assert migrated.returncode == 0, migrated.stderr
    return url


def interviews_in(url: str) -> int:
    if connection.vendor == "postgresql":
        return Interview.objects.count()
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as database:
        return database.execute("SELECT COUNT(*) FROM interviews_interview").fetchone()[0]


def test_identical_imports_at_the_same_moment_make_one_interview(tmp_path):
    url = database_url(tmp_path)
    env = os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "archive.settings"}
    start = tmp_path / "start"
    seed = ROOT / "fixtures" / "seed"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(seed), str(start), str(n)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(IMPORTS)
    ]
    deadline = time.monotonic() + TIMEOUT
    while len(list(tmp_path.glob("ready-*"))) < IMPORTS and time.monotonic() < deadline:
        time.sleep(0.01)
    start.touch()  # all at once
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, err
        outcomes.append(out.strip())

    assert sorted(outcomes) == ["duplicate"] * (IMPORTS - 1) + ["imported"]
    assert interviews_in(url) == 1
