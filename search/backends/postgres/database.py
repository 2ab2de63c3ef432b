"""The archive's database as the PostgreSQL backend uses it: a cursor inside an atomic
block, and what its errors mean for the index."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError, OperationalError, connections, transaction
from django.db.backends.utils import CursorWrapper

from ..base import IndexUnavailable

QUERY_CANCELED = "57014"  # statement_timeout stopped the statement
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout ran out


class Cursor:
    """A cursor inside an atomic block of database ``database``; missing tables (no
    migrations run, or not PostgreSQL) are an ``IndexUnavailable``."""

    def __init__(self, database: str) -> None:
        self.database = database
        self._atomic = transaction.atomic(using=database)

    def __enter__(self) -> CursorWrapper:
        connection = connections[self.database]
        if connection.vendor != "postgresql":
            raise IndexUnavailable(
                IndexUnavailable.UNREADABLE,
                f"the {connection.vendor} database",
                "the PostgreSQL search backend needs a PostgreSQL database",
            )
        self._atomic.__enter__()
        self._cursor = connection.cursor()
        return self._cursor

    def __exit__(self, *exc: Any) -> None:
        self._cursor.close()
        try:
            self._atomic.__exit__(*exc)
        finally:
            error = exc[1]
            if (
                isinstance(error, DatabaseError)
                and "search_" in str(error)
                and ("does not exist" in str(error))
            ):
                raise IndexUnavailable(
                    IndexUnavailable.MISSING,
                    "the PostgreSQL database",
                    "its search tables are missing: run `manage.py migrate`",
                ) from error


def local_setting(cursor: CursorWrapper, name: str, value: str) -> None:
    """``name`` set to ``value`` until the end of the transaction."""
    cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


def failed_with(error: OperationalError, sqlstate: str) -> bool:
    return getattr(error.__cause__, "sqlstate", None) == sqlstate
