"""Login throttling: LOGIN_FAILURE_LIMIT wrong passwords for a username from one address,
and that pair is refused for the cool-off, right password or not."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"


def log_in(client, username: str, password: str, *, lang: str = "en", address: str = "10.0.0.1"):
    return client.post(
        f"/{lang}/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, username: str, times: int, **where) -> None:
    for _ in range(times):
        log_in(client, username, "wrong", **where)


def test_the_right_password_after_one_failure_too_few_logs_in(client):
    user = make_user(password=PASSWORD)
    fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_the_right_password_after_the_limit_is_refused_with_a_translated_message(client):
    user = make_user(password=PASSWORD)
    fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    refused = log_in(client, user.username, PASSWORD, lang="fr")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "suspendue pendant 15 minutes, même avec le bon mot de passe" in refused.content.decode()
    assert "paused for 15 minutes" in log_in(client, user.username, PASSWORD).content.decode()


def test_a_success_clears_the_count(client):
    user = make_user(password=PASSWORD)
    fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, user.username, PASSWORD).status_code == 302
    client.logout()
    fail(client, user.username, settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_the_lock_holds_one_username_from_one_address(client):
    """Nobody can lock an editor out from elsewhere, nor lock a whole address out."""
    user, other = make_user(password=PASSWORD), make_user(password=PASSWORD)
    fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, user.username, PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    assert log_in(client, other.username, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, settings):
    user = make_user(password=PASSWORD)
    fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    assert log_in(client, user.username, PASSWORD).status_code == 429
    settings.AXES_COOLOFF_TIME = settings.AXES_COOLOFF_TIME * 0
    assert log_in(client, user.username, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_lock_holds_the_client_not_the_proxy(client, settings):
    settings.TRUSTED_PROXIES = 1
    user = make_user(password=PASSWORD)
    proxy = {"address": "10.9.9.9"}

    def through_proxy(client_address: str, password: str):
        return client.post(
            "/en/accounts/login/",
            {"username": user.username, "password": password},
            REMOTE_ADDR=proxy["address"],
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("203.0.113.7", "wrong")
    assert through_proxy("203.0.113.7", PASSWORD).status_code == 429
    assert through_proxy("198.51.100.4", PASSWORD).status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_lift_the_lock(client):
    user = make_user(password=PASSWORD)
    fail(client, user.username, settings.AXES_FAILURE_LIMIT)
    forged = client.post(
        "/en/accounts/login/",
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert forged.status_code == 429
