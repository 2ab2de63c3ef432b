from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import SEED_SLUG

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True, scope="session")
def static_root():
    """WhiteNoise warns when STATIC_ROOT, which collectstatic fills in production, is missing;
    the tests serve static files from the apps (the test server's own handler) and need it
    only to exist."""
    settings.STATIC_ROOT.mkdir(exist_ok=True)


@pytest.fixture(autouse=True, scope="session")
def search_backend_for_this_process_only():
    """``SEARCH_BACKEND=postgres make test`` selects the suite's backend, not that of the
    processes tests start: most run a site of their own on SQLite, where only Whoosh can
    be, and those that want another say so."""
    selected = settings.SEARCH_BACKEND  # read from the environment as settings loaded
    os.environ.pop("SEARCH_BACKEND", None)
    yield selected


@pytest.fixture(autouse=True)
def search_index(request, settings, tmp_path_factory, django_db_blocker):
    """Every test gets its own real, on-disk index, empty at the start (made here, as
    ``make setup`` makes the site's: a missing index is an error once there is content).
    An index in the database (``SEARCH_BACKEND=postgres``) is emptied after each test that
    used the database: a test that commits (``transaction=True``) leaves its documents in
    tables Django does not flush."""
    from search import engine
    from search.backends import get_backend

    # Beside the test's tmp_path, not in it: tests count the files they write there.
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("index") / "index"
    backend = get_backend(settings.SEARCH_BACKEND, path=settings.SEARCH_INDEX_DIR)
    backend.close()
    yield settings.SEARCH_INDEX_DIR
    if not backend.indexes_in_transaction:
        engine.backend().close()
    elif "_django_db_helper" in request.fixturenames:
        with django_db_blocker.unblock():
            empty_database_index()


@pytest.fixture
def whoosh_index(settings, search_index):
    """The Whoosh backend, whichever the suite runs with: for what only an index outside
    the database does (files, writes after the commit, a record kept for replay)."""
    from search.backends import get_backend

    settings.SEARCH_BACKEND = "whoosh"
    get_backend("whoosh", path=search_index).close()
    return search_index


def empty_database_index() -> None:
    """The search tables of the test database as a new archive has them: an empty index."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE search_document, search_body, search_journal, search_word, "
            "search_common, search_common_word, search_interview"
        )
        cursor.execute(
            "UPDATE search_state SET current = nextval('search_generation'), building = NULL"
        )


@pytest.fixture
def seed(db):
    """The seed interview, loaded from the fixture every new user gets."""
    from interviews.models import Interview

    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    return Interview.objects.get(slug=SEED_SLUG)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing counts as passing without running. Nor
    does a test left out of the run, but for the page audits, which `make audit` runs on
    its own (CI's last step: Lighthouse measures best on a quiet machine)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not os.environ.get("FAIL_ON_SKIP") or not reporter or exitstatus != 0:
        return
    skipped = len(reporter.stats.get("skipped", []))
    left_out = [item for item in reporter.stats.get("deselected", []) if not is_audit(item)]
    if skipped or left_out:
        reporter.write_line(
            f"FAIL_ON_SKIP: {skipped} test(s) skipped, {len(left_out)} left out", red=True
        )
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    audits = [item for item in terminalreporter.stats.get("deselected", []) if is_audit(item)]
    if audits:
        names = ", ".join(item.nodeid for item in audits)
        terminalreporter.write_line(f"Left to `make audit` (CI's last step): {names}")


def is_audit(item: pytest.Item) -> bool:
    return item.get_closest_marker("audit") is not None
