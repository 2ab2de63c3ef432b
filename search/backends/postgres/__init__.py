"""The search index in PostgreSQL, shared by every app server using the database."""

from .backend import PostgresBackend

__all__ = ["PostgresBackend"]
