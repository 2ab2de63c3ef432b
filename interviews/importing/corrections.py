"""An editor's corrections to a parsed article's structure, paragraph by paragraph.

The parser's exchanges are laid out as a flat list of paragraphs, each a question or an
answer; the editor may change a role, join a paragraph with the previous one, or split one
with a blank line; the exchanges are then rebuilt from that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from .alignment import align_interview
from .exchanges import unanswered
from .hygiene import excerpt, one_line
from .records import (
    ANSWER,
    QUESTION,
    AlignedInterview,
    ImportProblem,
    ParsedArticle,
    ParsedExchange,
)

ROLES = (QUESTION, ANSWER)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class StructureParagraph:
    """One paragraph of an article's exchanges, with its role and the line it starts on.

    ``join`` asks for the paragraph to be joined with the one before it.
    """

    role: str
    text: str
    line: int
    join: bool = False


def structure_of(article: ParsedArticle) -> list[StructureParagraph]:
    """The paragraphs of ``article``'s exchanges, in order, each with its role."""
    paragraphs = []
    for exchange in article.exchanges:
        paragraphs += [
            StructureParagraph(QUESTION, text, exchange.line)
            for text in _BLANK_LINE.split(exchange.question)
        ]
        paragraphs += [StructureParagraph(ANSWER, text, exchange.line) for text in exchange.answer]
    return paragraphs


def corrected(paragraphs: list[StructureParagraph]) -> list[StructureParagraph]:
    """``paragraphs`` with their joins and splits applied, empty ones left out.

    A blank line inside a paragraph splits it in two, both parts keeping its role; a joined
    paragraph is appended to the one before it, whose role wins.
    """
    result: list[StructureParagraph] = []
    for paragraph in paragraphs:
        text = paragraph.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        parts = [one_line(part) for part in _BLANK_LINE.split(text) if part.strip()]
        if parts and paragraph.join and result:
            previous = result.pop()
            result.append(replace(previous, text=f"{previous.text} {parts.pop(0)}"))
        result += [StructureParagraph(paragraph.role, part, paragraph.line) for part in parts]
    return result


def exchanges_of(paragraphs: list[StructureParagraph], *, place: str) -> list[ParsedExchange]:
    """Exchanges rebuilt from corrected paragraphs: a question paragraph starts an exchange
    (consecutive ones make a question of several paragraphs), answers go to the current one.

    Raises ImportProblem, naming ``place`` and quoting the paragraph, when an answer comes
    before any question or a question has no answer.
    """
    if not paragraphs:
        raise ImportProblem(
            _("%(place)s: no paragraph left: nothing to import.") % {"place": place}
        )
    exchanges: list[ParsedExchange] = []
    for paragraph in paragraphs:
        if paragraph.role not in ROLES:
            raise ImportProblem(
                _("%(place)s: “%(passage)s” has an unknown role, “%(role)s”.")
                % {"place": place, "passage": excerpt(paragraph.text), "role": paragraph.role}
            )
        if paragraph.role == QUESTION:
            last = exchanges[-1] if exchanges else None
            if last and not last.answer:
                exchanges[-1] = replace(last, question=f"{last.question}\n\n{paragraph.text}")
            else:
                exchanges.append(ParsedExchange(paragraph.text, [], paragraph.line))
        elif not exchanges:
            raise ImportProblem(
                _("%(place)s: the answer “%(passage)s” comes before the first question.")
                % {"place": place, "passage": excerpt(paragraph.text)}
            )
        else:
            exchanges[-1].answer.append(paragraph.text)
    if not exchanges[-1].answer:
        raise ImportProblem(unanswered(place, len(exchanges) - 1, exchanges[-1].question, None))
    return exchanges


@dataclass(frozen=True)
class Review:
    """What the editor sees: each language's paragraphs, and the aligned interview they make
    or the one-line problem that prevents it."""

    structure: dict[str, list[StructureParagraph]]
    aligned: AlignedInterview | None
    problem: str | None


def review(
    articles: dict[str, ParsedArticle],
    *,
    original: str,
    corrections: dict[str, list[StructureParagraph]] | None = None,
) -> Review:
    """``articles`` aligned after the editor's ``corrections`` (by language), if any."""
    corrections = corrections or {}
    structure = {
        lang: corrected(corrections[lang]) if lang in corrections else structure_of(article)
        for lang, article in articles.items()
    }
    try:
        rebuilt_articles = {
            lang: replace(
                article,
                exchanges=exchanges_of(structure[lang], place=article.place),
                standfirst=_outside(article.standfirst, structure[lang])
                if lang in corrections
                else article.standfirst,
            )
            for lang, article in articles.items()
        }
        aligned = align_interview(
            rebuilt_articles.get("fr"), rebuilt_articles.get("en"), original=original
        )
    except ImportProblem as problem:
        return Review(structure, None, one_line(str(problem)))
    return Review(structure, aligned, None)


def _outside(standfirst: str, paragraphs: list[StructureParagraph]) -> str:
    """``standfirst`` without the paragraphs the editor's structure places in an exchange:
    a first question the parser left in the standfirst, which the preview showed where the
    other side's structure put it."""
    placed = {paragraph.text for paragraph in paragraphs}
    kept = [part for part in _BLANK_LINE.split(standfirst) if one_line(part) not in placed]
    return "\n\n".join(kept)
