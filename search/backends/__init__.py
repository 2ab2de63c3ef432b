"""Search engines behind one interface; settings choose one by dotted path."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .base import SearchBackend


def get_backend(dotted_path: str, **options: Any) -> SearchBackend:
    """``get_backend("search.backends.whoosh.WhooshBackend", path="var/index")``."""
    module_name, _, class_name = dotted_path.rpartition(".")
    try:
        backend_class = getattr(import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as error:
        raise ImportError(f"No search backend at {dotted_path!r}: {error}") from error
    if not (isinstance(backend_class, type) and issubclass(backend_class, SearchBackend)):
        raise TypeError(f"{dotted_path} is not a SearchBackend")
    return backend_class(**options)
