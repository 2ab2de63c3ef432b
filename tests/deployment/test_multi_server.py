"""Two app servers, one PostgreSQL database: what several servers behind a load balancer
see of each other's edits, with each search backend.

Each server is its own gunicorn process with its own working directory and its own
(Whoosh) index directory: nothing on disk is shared, only the database. With the
PostgreSQL backend the index is in that database: an edit saved through one server is
found by the other at once, and a rebuild run from either leaves both in sync. With Whoosh
each server searches its own files: the other never sees the edit, which is why Whoosh is
for one machine only (README, "Deployment").
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.factories import SEED_SLUG
from tests.faults.test_outage_database import free_port
from tests.processes import ROOT, run_manage

TIMEOUT = 60  # seconds; every command and request returns well within it
EXCHANGE = "a1d0c3e05001"  # the seed's first exchange
WORD = "zygomatique"
EDITOR = ("editor", "a long enough password")


def postgres_url() -> str:
    """A database of its own on the PostgreSQL the suite uses (or CI's, on a SQLite run)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        server = f"{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
        return f"postgres://{server}/{database['NAME']}_servers"
    url = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/archive_ci")
    return url.rpartition("/")[0] + "/archive_servers"


def _recreate(url: str, template: str | None = None) -> None:
    server, _, name = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if template is not None:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Iterator[str]:
    """A database migrated once, holding the seed interview and an editor (indexed by
    the PostgreSQL backend as it was loaded): each test's database is a copy of it."""
    url = postgres_url() + "_template"
    _recreate(url, template="template0")
    env = os.environ | {
        "DATABASE_URL": url,
        "SEARCH_BACKEND": "postgres",
        "SEARCH_INDEX_DIR": str(tmp_path_factory.mktemp("setup") / "index"),
    }
    for command in (["migrate", "-v0"], ["load_seed"], ["shell", "-c", _MAKE_EDITOR]):
        done = run_manage(*command, env=env)
        assert done.returncode == 0, done.stderr
    yield url
    _recreate(url)


@pytest.fixture
def database(migrated) -> Iterator[str]:
    url = postgres_url()
    _recreate(url, template=migrated.rpartition("/")[2])
    yield url
    _recreate(url)


class Server:
    """gunicorn serving the archive from ``home`` (its working directory, which holds its
    Whoosh index), on ``database`` with ``backend``."""

    def __init__(self, home: Path, database: str, backend: str) -> None:
        home.mkdir()
        self.env = os.environ | {
            "DATABASE_URL": database,
            "SEARCH_BACKEND": backend,
            "SEARCH_INDEX_DIR": str(home / "index"),
            "DEBUG": "true",  # production needs collectstatic's manifest, beside the point
        }
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--pythonpath",
                str(ROOT),
                "--config",
                str(ROOT / "archive" / "gunicorn.py"),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "archive.wsgi",
            ],
            cwd=home,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        deadline = time.monotonic() + TIMEOUT
        while not self._answers():
            assert self.process.poll() is None, self.process.communicate()[1]
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)

    def _answers(self) -> bool:
        try:
            return self.request("/en/").status == 200
        except OSError:
            return False

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A command in this server's environment."""
        return run_manage(*args, env=self.env, timeout=TIMEOUT)

    def request(self, path: str, form: dict[str, object] | None = None):
        body = urllib.parse.urlencode(form, doseq=True).encode() if form else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body)
        try:
            return self.opener.open(request, timeout=TIMEOUT)
        except urllib.error.HTTPError as error:
            return error

    def submit(self, path: str, **fields: object):
        """The form at ``path`` sent with ``fields`` and its CSRF token."""
        page = self.request(path).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        return self.request(path, {"csrfmiddlewaretoken": token[1], **fields})

    def save_answer(self, answer: str) -> None:
        """As an editor does: signed in, the exchange's source form, at its version."""
        username, password = EDITOR
        assert self.submit("/en/accounts/login/", username=username, password=password).status
        form = self.request(f"/en/edit/exchanges/{EXCHANGE}/source/").read().decode()
        version = re.search(r'name="version" value="(\d+)"', form)
        assert version, form[:500]
        saved = self.submit(
            f"/en/edit/exchanges/{EXCHANGE}/source/",
            question="Quels axes ?",
            paragraphs=[answer],
            version=version[1],
        )
        assert saved.status == 200

    def finds(self, word: str) -> bool:
        page = self.request(f"/en/search/?{urllib.parse.urlencode({'q': word})}")
        assert page.status == 200
        return f"/interviews/{SEED_SLUG}/" in page.read().decode()

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate(timeout=TIMEOUT)


@pytest.fixture
def servers(database, tmp_path, request) -> Iterator[tuple[Server, Server]]:
    """Two servers with the backend ``request.param`` on one database; each has rebuilt
    its index once."""
    backend = request.param
    started = []
    try:
        for name in ("one", "two"):
            started.append(Server(tmp_path / name, database, backend))
            assert started[-1].manage("rebuild_index", "--noinput").returncode == 0
        yield started[0], started[1]
    finally:
        for server in started:
            server.stop()


_MAKE_EDITOR = (
    "from django.contrib.auth.models import User;"
    f"User.objects.create_superuser('{EDITOR[0]}', 'e@example.org', '{EDITOR[1]}')"
)


def found_within(server: Server, word: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not server.finds(word):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("servers", ["postgres"], indirect=True)
def test_an_edit_saved_on_one_server_is_found_on_the_other_within_a_second(servers):
    one, two = servers
    assert not two.finds(WORD)
    one.save_answer(f"Un mot rare : {WORD}.")
    assert found_within(two, WORD, seconds=1.0)


@pytest.mark.parametrize("servers", ["postgres"], indirect=True)
def test_a_rebuild_from_either_server_leaves_both_in_sync(servers):
    one, two = servers
    one.save_answer(f"Un mot rare : {WORD}.")
    for rebuilding, other in ((two, one), (one, two)):
        assert rebuilding.manage("rebuild_index", "--noinput").returncode == 0
        for server in (one, two):
            checked = server.manage("check_index")
            assert checked.returncode == 0, checked.stdout + checked.stderr
            assert "Index in sync" in checked.stdout
        assert other.finds(WORD)


@pytest.mark.parametrize("servers", ["whoosh"], indirect=True)
def test_with_whoosh_the_other_server_never_sees_the_edit(servers):
    """Each server's Whoosh index is its own files: the edit reaches the index of the
    server it was saved on, and only that one."""
    one, two = servers
    one.save_answer(f"Un mot rare : {WORD}.")
    assert found_within(one, WORD, seconds=5.0)
    assert not found_within(two, WORD, seconds=1.0)
    assert two.manage("check_index").returncode != 0  # its index has drifted
