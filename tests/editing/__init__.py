"""Helpers shared by the editing tests."""

from __future__ import annotations

from interviews.models import Exchange
from tests.factories import make_user

EDITORS = "Editors"
REVIEWERS = "Reviewers"


def log_in(client, *groups: str):
    """Log ``client`` in as a new user of ``groups``; return the user."""
    user = make_user(groups=list(groups))
    client.force_login(user)
    return user


def text_form(
    exchange: Exchange, *, question: str, paragraphs: list[str], version: int | None = None, **extra
) -> dict:
    """The POST data of an exchange's text form, as the browser sends it."""
    return {
        "question": question,
        "paragraphs": paragraphs,
        "version": exchange.version if version is None else version,
        **extra,
    }


def translation_url(exchange: Exchange) -> str:
    return f"/en/edit/exchanges/{exchange.uid}/translation/"


def source_url(exchange: Exchange) -> str:
    return f"/en/edit/exchanges/{exchange.uid}/source/"
