"""Search engines behind one interface; settings choose one by short name or dotted path."""

from __future__ import annotations

from django.utils.module_loading import import_string

from .base import SearchBackend

# The engines the archive ships, by the short name settings may give instead of a path.
BACKENDS = {
    "whoosh": "search.backends.whoosh.WhooshBackend",
    "postgres": "search.backends.postgres.PostgresBackend",
}


def get_backend(dotted_path: str, **options: object) -> SearchBackend:
    """``get_backend("search.backends.whoosh.WhooshBackend", path="var/index")``, or
    ``get_backend("postgres")``."""
    dotted_path = BACKENDS.get(dotted_path, dotted_path)
    try:
        backend_class = import_string(dotted_path)
    except ImportError as error:
        raise ImportError(f"No search backend at {dotted_path!r}: {error}") from error
    if not (isinstance(backend_class, type) and issubclass(backend_class, SearchBackend)):
        raise TypeError(f"{dotted_path} is not a SearchBackend")
    return backend_class(**options)
