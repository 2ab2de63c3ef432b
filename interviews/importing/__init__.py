"""Importing press interviews: raw articles in, aligned bilingual exchanges out.

Pure functions over text, free of the database; what they refuse and warn about is said
through Django's gettext, in the active language, quoting the passage concerned.

The names below are imported on first use (PEP 562): a module that needs only the
records (``interviews.passages``, which every page and search worker reads through)
does not load the parsers, the HTML tools and the aligner with them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # each name re-exported, as ``__getattr__`` gives it
    from .alignment import align_interview as align_interview
    from .boilerplate import strip_boilerplate as strip_boilerplate
    from .gale_church import align_paragraphs as align_paragraphs
    from .parsing import parse_article as parse_article
    from .parsing import parse_sources as parse_sources
    from .records import AlignedExchange as AlignedExchange
    from .records import AlignedInterview as AlignedInterview
    from .records import ImportProblem as ImportProblem
    from .records import ParsedArticle as ParsedArticle
    from .records import ParsedExchange as ParsedExchange
    from .serialize import to_json_dict as to_json_dict

# Each name, and the module of this package it comes from.
_SOURCES = {
    "AlignedExchange": "records",
    "AlignedInterview": "records",
    "ImportProblem": "records",
    "ParsedArticle": "records",
    "ParsedExchange": "records",
    "align_interview": "alignment",
    "align_paragraphs": "gale_church",
    "parse_article": "parsing",
    "parse_sources": "parsing",
    "strip_boilerplate": "boilerplate",
    "to_json_dict": "serialize",
}


def __getattr__(name: str) -> Any:
    if name not in _SOURCES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_SOURCES[name]}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_SOURCES))
