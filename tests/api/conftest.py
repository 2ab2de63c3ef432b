from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import make_user


@pytest.fixture(autouse=True)
def fresh_request_budget():
    """Each test starts with a whole budget of API requests (counted in the cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user(groups=["Editors"]))
    return client


def rebuild_index() -> None:
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())


def body(response) -> dict:
    return json.loads(response.content)
