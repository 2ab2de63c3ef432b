from __future__ import annotations

import os

import pytest
from django.core.management import call_command

from interviews.models import Interview
from tests.factories import SEED_SLUG

pytestmark = pytest.mark.browser


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering, which would undo it
def pytest_collection_modifyitems(items):
    """Browser tests run last: once Playwright has started, its sync API leaves its event loop
    marked as running in the main thread, and Django refuses database calls under a running
    loop (see `allow_database_beside_playwright`)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True, scope="session")
def allow_database_beside_playwright():
    """Lifts Django's SynchronousOnlyOperation guard from the first browser test on.

    Playwright's sync API marks its event loop as running in the main thread, and it stays
    marked until the process ends (even once Playwright has stopped). Django then refuses
    every database call made there, although no coroutine runs: the browser tests', the live
    server's and the test database's own teardown. So the guard is lifted for the rest of the
    session, not undone, and the browser tests run last: every other test keeps it.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture
def live_seed(transactional_db, live_server):
    """The seed interview, served by a live server the browser can reach."""
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    return Interview.objects.get(slug=SEED_SLUG)
