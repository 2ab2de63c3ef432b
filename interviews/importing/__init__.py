"""Importing press interviews: raw articles in, aligned bilingual exchanges out.

Pure functions over text, free of the database; what they refuse and warn about is said
through Django's gettext, in the active language, quoting the passage concerned.
"""

from .alignment import align_interview
from .boilerplate import strip_boilerplate
from .gale_church import align_paragraphs
from .parsing import parse_article, parse_sources
from .records import (
    AlignedExchange,
    AlignedInterview,
    ImportProblem,
    ParsedArticle,
    ParsedExchange,
)
from .serialize import to_json_dict

__all__ = [
    "AlignedExchange",
    "AlignedInterview",
    "ImportProblem",
    "ParsedArticle",
    "ParsedExchange",
    "align_interview",
    "align_paragraphs",
    "parse_article",
    "parse_sources",
    "strip_boilerplate",
    "to_json_dict",
]
