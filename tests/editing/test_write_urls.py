"""Every URL of the site, walked from the URL configuration, refuses unauthorised writes.

Nothing is listed by hand: a URL added later is checked as soon as it is routed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import LocalePrefixPattern, RegexPattern
from django.utils import translation
from reversion.models import Revision

from interviews import editing
from tests.editing import EDITORS, REVIEWERS, log_in
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

SKIPPED = ("admin/", "i18n/", "accounts/")  # Django protects these itself
PLACEHOLDER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")


def _piece(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        assert not regex.groups, f"fill the groups of {regex.pattern} in this test"
        return regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    return str(pattern)


def walk(entries: Iterable, prefix: str = "", converters: dict | None = None) -> Iterator:
    """(route, converters) of every URL pattern, through every include."""
    for entry in entries:
        piece = _piece(entry.pattern)
        if piece.startswith(SKIPPED):
            continue
        found = {**(converters or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + piece, found)
        else:
            yield prefix + piece, found


with translation.override("en"):
    ROUTES = dict(walk(get_resolver().url_patterns))


@pytest.fixture
def values():
    """Real objects' values for the path converters, by name first, then by type."""
    interview = make_interview(exchanges=2)
    editing.publish(interview=interview, user=None)  # one revision to restore
    return {
        "slug": interview.slug,
        "uid": interview.exchanges.first().uid,
        "revision_id": Revision.objects.latest("pk").pk,
        "format": "csv",
        IntConverter: interview.pk,
        UUIDConverter: uuid.UUID(int=0),
        None: interview.slug,
    }


def url_for(route: str, values: dict) -> str:
    converters = ROUTES[route]

    def fill(match: re.Match) -> str:
        name = match["name"]
        if name in values:
            return str(values[name])
        kind = type(converters[name])
        return str(values.get(kind, values[None]))

    return "/" + PLACEHOLDER.sub(fill, route)


def test_the_walk_finds_the_public_and_the_editing_urls():
    assert "en/interviews/<slug:slug>/" in ROUTES
    assert "en/edit/interviews/<slug:slug>/publish/" in ROUTES
    assert not any(route.startswith(("en/admin/", "en/accounts/", "i18n/")) for route in ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_anonymous_post_is_sent_to_log_in_or_refused(client, values, route):
    response = client.post(url_for(route, values))
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code in (403, 405)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_post_by_a_user_without_a_role_is_refused(client, values, route):
    log_in(client)
    assert client.post(url_for(route, values)).status_code in (403, 405)


@pytest.mark.parametrize("role", [EDITORS, REVIEWERS])
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_post_accepted_from_a_role_needs_the_csrf_token(client, values, route, role):
    url = url_for(route, values)
    user = log_in(client, role)
    if client.post(url).status_code in (403, 405):
        return  # not a write this role may make
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(url).status_code == 403
