"""The database unreachable: pages answer a friendly 503, commands one line that names the
connection, and both heal by themselves when the database returns.

Django closes a connection that failed at the end of its request, and the next request
connects anew (``conn_health_checks``): nothing here keeps state, so nothing needs a restart.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults

logger = logging.getLogger(__name__)

# Errors of the database's operation rather than of the code (Django's own words for
# OperationalError): a server down, refusing, out of connections, a file that cannot open.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER = 30  # seconds: a restarting PostgreSQL is usually back within that

# What the driver says, and what an operator should make of it.
_DIAGNOSES = (
    ("connection refused", "connection refused. Is {server} running?"),
    ("timeout expired", "no answer in time. Is the host reachable?"),
    ("timed out", "no answer in time. Is the host reachable?"),
    ("could not translate host name", "unknown host. Check DATABASE_URL."),
    ("failed to resolve host", "unknown host. Check DATABASE_URL."),
    ("password authentication failed", "the password was refused. Check DATABASE_URL."),
    ("does not exist", "{reason}. Check DATABASE_URL, or create it."),
    ("unable to open database file", "cannot open the file. Does its directory exist?"),
    ("too many clients", "the server has no connection left. Try again in a moment."),
)
_SERVERS = {"postgresql": "PostgreSQL", "mysql": "MySQL", "oracle": "Oracle"}


def failed_alias() -> str:
    """The connection that raised: Django marks it, on its way out, as having errors."""
    for connection in connections.all(initialized_only=True):
        if connection.errors_occurred:
            return connection.alias
    return DEFAULT_DB_ALIAS


def describe(error: Exception, alias: str | None = None) -> str:
    """One line for an operator: which connection, where, what failed, what to check."""
    alias = alias or failed_alias()
    connection = connections[alias]
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        where = f"sqlite at {params['NAME']}"
    else:
        where = f"{connection.vendor} at {params['HOST'] or 'localhost'}:{params['PORT'] or '-'}"
    reason = (str(error).strip().splitlines() or [type(error).__name__])[-1]
    reason = reason.rpartition("FATAL:")[2].strip()  # PostgreSQL's own words, after libpq's
    lowered = str(error).lower()
    server = _SERVERS.get(connection.vendor, "the database server")
    for symptom, diagnosis in _DIAGNOSES:
        if symptom in lowered:
            reason = diagnosis.format(server=server, reason=reason.rstrip("."))
            break
    # A connection that never opened was not reached; one that opened failed a query.
    if connection.connection is None:
        return f"Cannot reach the database '{alias}' ({where}): {reason}"
    return f"The database '{alias}' ({where}) failed: {reason}"


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page, in the language of the URL, rendered without a request context: the
    session, the user, messages and language links all need the database that is down."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = render_to_string("503.html", {"retry_url": request.get_full_path()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """A database error in a view, or in a template it renders, becomes the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("%s %s: %s", request.method, request.path, describe(exception))
        return unavailable(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database error raised outside a view (in a middleware, say) is an
    outage too; Django has logged it, with its traceback, before calling this."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return unavailable(request)
    return defaults.server_error(request)


def run_command(argv: list[str]) -> None:
    """``manage.py``: a command that cannot reach the database says so in one line and exits
    with status 1; ``--traceback`` shows the traceback instead."""
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except DATABASE_ERRORS as error:
        if "--traceback" in argv:
            raise
        sys.stderr.write(describe(error) + "\n")
        sys.exit(1)
