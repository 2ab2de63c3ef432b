"""The benchmarks' own database: created when missing, never someone else's."""

from __future__ import annotations

import dj_database_url


def create_database(url: str) -> None:
    """Create the PostgreSQL database ``url`` names if it does not exist (SQLite creates
    its file by itself)."""
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **_params(config)) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def drop_database(url: str) -> None:
    """Drop the PostgreSQL database ``url`` names, if it exists."""
    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **_params(config)) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(config["NAME"])
            )
        )


def _params(config: dict) -> dict[str, str]:
    """Where and as whom to connect, from a parsed database URL."""
    keys = {"host": "HOST", "port": "PORT", "user": "USER", "password": "PASSWORD"}
    return {key: str(config[name]) for key, name in keys.items() if config.get(name)}
