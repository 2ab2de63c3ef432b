"""How much one import may hold once parsed: exchanges and paragraphs (``IMPORT_MAX_*``).

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
    for count, limit, message in limits:
        if count > limit:
            raise ImportProblem(
                message
                % {
                    "place": place,
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
