"""The process-wide search backend, chosen in settings (``SEARCH_BACKEND``)."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from django.conf import settings

from .backends import get_backend
from .backends.base import SearchBackend
from .indexing import indexable_interviews


def backend() -> SearchBackend:
    """One backend (and so one reused searcher) per process and index location."""
    return _backend(settings.SEARCH_BACKEND, str(settings.SEARCH_INDEX_DIR))


@cache
def _backend(dotted_path: str, path: str) -> SearchBackend:
    return get_backend(
        dotted_path,
        path=path,
        create=not Path(path).exists() and _first_start(),
        **settings.SEARCH_BACKEND_OPTIONS,
    )


def _first_start() -> bool:
    """No index was ever built when there is none and nothing to index: an empty one is
    then the right one. Anywhere else, a missing index would search as an empty one
    without a word: it is reported (``IndexUnavailable``) until ``rebuild_index``."""
    return not indexable_interviews().exists()


def warm() -> None:
    """Load the index before the first request (web workers call it as they start); a
    broken index is logged, and left to the requests to report."""
    try:
        backend().warm()
    except Exception:
        logging.getLogger(__name__).exception("warming the search index failed")
