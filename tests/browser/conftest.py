from __future__ import annotations

import pytest
from django.core.management import call_command

from interviews.models import Interview
from tests.factories import SEED_SLUG

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    """Browser tests run last: once Playwright has started, its sync API leaves its event loop
    marked as running in the main thread until the session ends, and Django refuses database
    calls under a running loop (see `allow_database_beside_playwright`)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def allow_database_beside_playwright(monkeypatch):
    """The test body and live_server's fixtures call the database from the main thread, where
    Playwright's event loop is marked as running although no coroutine runs there: Django's
    SynchronousOnlyOperation guard would be a false alarm, so it is lifted for these tests."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def live_seed(transactional_db, live_server):
    """The seed interview, served by a live server the browser can reach."""
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    return Interview.objects.get(slug=SEED_SLUG)
