"""The process-wide search backend, chosen in settings (``SEARCH_BACKEND``)."""

from __future__ import annotations

from functools import cache

from django.conf import settings

from .backends import get_backend
from .backends.base import SearchBackend


def backend() -> SearchBackend:
    """One backend (and so one reused searcher) per process and index location."""
    return _backend(settings.SEARCH_BACKEND, str(settings.SEARCH_INDEX_DIR))


@cache
def _backend(dotted_path: str, path: str) -> SearchBackend:
    return get_backend(dotted_path, path=path)
