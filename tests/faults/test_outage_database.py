"""The database unreachable, for real: a server that refuses connections, a SQLite file whose
directory has gone. Pages answer the 503 page in the URL's language and heal when the database
returns; commands print one line naming the connection, and no traceback."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.factories import SEED_SLUG
from tests.processes import run_manage

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ["--workers", "1", "--log-level", "warning", "--bind"]
TIMEOUT = 60  # seconds; every command and request here returns well within it


def free_port() -> int:
    """A port nothing listens on once this returns: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*args: str, database_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": database_url, "SEARCH_INDEX_DIR": str(tmp_path / "ix")}
    return run_manage(*args, env=env, timeout=TIMEOUT)


@pytest.mark.parametrize(
    "command", [("migrate",), ("check_index",), ("rebuild_index", "--noinput"), ("load_seed",)]
)
def test_a_command_names_the_refusing_postgresql_in_one_line(command, tmp_path):
    port = free_port()
    done = manage(*command, database_url=f"postgres://u@127.0.0.1:{port}/db", tmp_path=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"Cannot reach the database 'default' (postgresql at 127.0.0.1:{port}): "
        "connection refused. Is PostgreSQL running?"
    ]


def test_a_command_names_the_sqlite_file_it_cannot_open(tmp_path):
    missing = tmp_path / "gone" / "archive.sqlite3"
    done = manage("check_index", database_url=f"sqlite:///{missing}", tmp_path=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Cannot reach the database 'default' (sqlite at {missing}): "
        "cannot open the file. Does its directory exist?"
    ]


def test_traceback_flag_still_shows_the_traceback(tmp_path):
    port = free_port()
    url = f"postgres://u@127.0.0.1:{port}/db"
    done = manage("migrate", "--traceback", database_url=url, tmp_path=tmp_path)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "OperationalError" in done.stderr


class Site:
    """A gunicorn serving the archive from a SQLite file, whose directory a test can take away
    and give back. Connections are not kept between requests (CONN_MAX_AGE=0): an open SQLite
    file outlives its directory's move, where a server's outage closes every connection."""

    def __init__(self, tmp_path: Path) -> None:
        self.data = tmp_path / "data"
        self.away = tmp_path / "away"
        self.data.mkdir()
        self.env = os.environ | {
            "DATABASE_URL": f"sqlite:///{self.data / 'archive.sqlite3'}",
            "SEARCH_INDEX_DIR": str(tmp_path / "index"),
            "CONN_MAX_AGE": "0",
            "DEBUG": "true",  # production needs collectstatic's manifest, beside the point here
        }
        for command in (["migrate", "-v0"], ["load_seed"], ["rebuild_index", "--noinput"]):
            self.manage(*command)
        self.port = free_port()
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "archive.wsgi", *GUNICORN, f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and self.server.poll() is None, "no server"
                time.sleep(0.1)

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=TIMEOUT,
        )

    def get(self, path: str, data: dict[str, str] | None = None):
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body)
        try:
            return self.opener.open(request, timeout=TIMEOUT)
        except urllib.error.HTTPError as error:
            return error

    def log_in(self, username: str, password: str) -> None:
        page = self.get("/en/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        assert self.get("/en/accounts/login/", form).url.endswith("/en/")

    def database_down(self) -> None:
        self.data.rename(self.away)

    def database_back(self) -> None:
        self.away.rename(self.data)

    def stop(self) -> str:
        self.server.terminate()
        return self.server.communicate(timeout=TIMEOUT)[1]


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    site.stop()
    shutil.rmtree(tmp_path, ignore_errors=True)


PAGES = ["/{lang}/", f"/{{lang}}/interviews/{SEED_SLUG}/", "/{lang}/search/?q=data"]
UNAVAILABLE = {"fr": "Momentanément indisponible", "en": "Unavailable for a moment"}


def test_every_page_answers_503_in_its_language_and_heals(site):
    for lang in ("fr", "en"):
        for page in PAGES:
            assert site.get(page.format(lang=lang)).status == 200
    site.database_down()
    for lang, title in UNAVAILABLE.items():
        for page in PAGES:
            response = site.get(page.format(lang=lang))
            body = response.read().decode()
            assert response.status == 503, page
            assert response.headers["Retry-After"] == "30"
            assert f'<html lang="{lang}">' in body and f"<h1>{title}</h1>" in body
    site.database_back()
    for page in PAGES:
        assert site.get(page.format(lang="fr")).status == 200
    log = site.stop()
    assert "Cannot reach the database 'default' (sqlite at" in log


def test_a_signed_in_editor_gets_the_503_page_too(site):
    site.manage("shell", "-c", _make_editor)
    site.log_in("editor", "a long enough password")
    assert site.get("/en/edit/").status == 200
    site.database_down()
    response = site.get("/en/edit/")
    assert response.status == 503
    assert "<h1>Unavailable for a moment</h1>" in response.read().decode()


_make_editor = (
    "from django.contrib.auth.models import User;"
    "User.objects.create_superuser('editor', 'e@example.org', 'a long enough password')"
)
