"""The search index unusable (``IndexUnavailable``), said to readers as a 503 page in
their language, and to operators as one line that names the fix."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Concatenate, ParamSpec

from django.core.management.base import CommandError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

from .backends.base import IndexUnavailable

logger = logging.getLogger(__name__)

# Commands speak English, as Django's own do; ``{}`` is where the index is.
_DIAGNOSES = {
    IndexUnavailable.MISSING: "There is no search index at {}: run `manage.py rebuild_index`.",
    IndexUnavailable.UNREADABLE: (
        "The search index at {} cannot be read: give the archive's user access to it, "
        "or set SEARCH_INDEX_DIR, then run `manage.py rebuild_index`."
    ),
    IndexUnavailable.UNWRITABLE: (
        "The search index at {} cannot be written: make it writable by the archive's "
        "user, or set SEARCH_INDEX_DIR, then run `manage.py rebuild_index`."
    ),
    IndexUnavailable.DAMAGED: "The search index at {} is damaged: run `manage.py rebuild_index`.",
    IndexUnavailable.BUSY: "The search index at {} is busy: wait for it to finish, then try again.",
}


def diagnosis(error: IndexUnavailable) -> str:
    """One line: what is wrong, what the engine found, and what to run."""
    found = f" ({error.detail})" if error.detail else ""
    problem, _, fix = _DIAGNOSES[error.reason].format(error.location).partition(": ")
    return f"{problem}{found}: {fix}"


@contextmanager
def diagnosed() -> Iterator[None]:
    """For commands: an unusable index ends the command with its diagnosis, exit code 1,
    and no traceback."""
    try:
        yield
    except IndexUnavailable as error:
        raise CommandError(diagnosis(error)) from None


P = ParamSpec("P")


def unavailable_as_503(
    view: Callable[Concatenate[HttpRequest, P], HttpResponseBase],
) -> Callable[Concatenate[HttpRequest, P], HttpResponseBase]:
    """A view that needs the index answers 503, in the reader's language, when the index
    cannot be used; operators find the diagnosis in the log."""

    @wraps(view)
    def answered(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except IndexUnavailable as error:
            logger.error("search unavailable: %s", diagnosis(error))
            return render(request, "search/unavailable.html", status=503)

    return answered
