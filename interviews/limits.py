"""How much one import may hold once parsed: exchanges and paragraphs (``IMPORT_MAX_*``);
and how much a batch may hold: files and bytes (``IMPORT_MAX_BATCH_*``).

The web import and ``import_interview`` both parse through ``parse_within_limits``, so an
interview one accepts the other accepts too. A source's size in bytes is checked earlier,
before it is read (``sources.check_size``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .importing import ImportProblem, ParsedArticle, parse_sources
from .importing.corrections import Review, structure_of
from .importing.parsing import SourceText


def check_structure(place: str, *, exchanges: int, paragraphs: int) -> None:
    """Raises ImportProblem, naming the count and the limit, when ``place``'s text has more
    exchanges or paragraphs than an interview may."""
    limits = (
        (
            exchanges,
            settings.IMPORT_MAX_EXCHANGES,
            _(
                "%(place)s: this text has %(count)s exchanges; an interview may have at most "
                "%(limit)s."
            ),
        ),
        (
            paragraphs,
            settings.IMPORT_MAX_PARAGRAPHS,
            _(
                "%(place)s: this text has %(count)s paragraphs; an interview may have at most "
                "%(limit)s in each language."
            ),
        ),
    )
    _refuse_over(limits, place=place)


def check_batch(*, files: int = 0, size: int = 0) -> None:
    """Raises ImportProblem, naming the count and the limit, when a batch has more files,
    or more bytes, than one may."""
    limits = (
        (
            files,
            settings.IMPORT_MAX_BATCH_FILES,
            _("This batch has %(count)s files; a batch may have at most %(limit)s."),
        ),
        (
            size,
            settings.IMPORT_MAX_BATCH_BYTES,
            _("This batch has %(count)s bytes; a batch may have at most %(limit)s."),
        ),
    )
    _refuse_over(limits)


def _refuse_over(limits: Iterable[tuple[int, int, str]], **names: str) -> None:
    """Raises ImportProblem with the message of the first (count, limit, message) whose
    count is over its limit."""
    for count, limit, message in limits:
        if count > limit:
            raise ImportProblem(
                message
                % {
                    **names,
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                }
            )


def review_within_limits(articles: dict[str, ParsedArticle], result: Review) -> Review:
    """``result``, or its structure with the problem instead of an interview when the
    paragraphs as the editor corrected them (a blank line typed inside one splits it), or
    the exchanges they make, are over the limits."""
    exchanges = len(result.aligned.exchanges) if result.aligned else 0
    try:
        for lang, paragraphs in result.structure.items():
            check_structure(articles[lang].place, exchanges=exchanges, paragraphs=len(paragraphs))
    except ImportProblem as problem:
        return replace(result, aligned=None, problem=str(problem))
    return result


def parse_within_limits(sources: Iterable[SourceText]) -> dict[str, ParsedArticle]:
    """``parse_sources``, refused with ImportProblem when an article is over the limits."""
    articles = parse_sources(sources)
    for article in articles.values():
        check_structure(
            article.place,
            exchanges=len(article.exchanges),
            paragraphs=len(structure_of(article)),
        )
    return articles
