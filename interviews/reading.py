"""What the reading view shows: an interview as rows lined up across two languages."""

from __future__ import annotations

from dataclasses import dataclass

from .models import LANGS, Exchange, Interview
from .passages import QUESTION, Passage, exchange_passages


@dataclass(frozen=True)
class Cell:
    lang: str
    text: str


@dataclass(frozen=True)
class Row:
    """One line of the reading view: the same passage in each shown language."""

    passage: Passage
    cells: tuple[Cell, ...]

    @property
    def anchor(self) -> str:
        return self.passage.anchor

    @property
    def kind(self) -> str:
        """ "question" or "paragraph"."""
        return "question" if self.passage.part == QUESTION else "paragraph"

    @property
    def number(self) -> int:
        """0 for the question, 1-based for answer paragraphs."""
        return self.passage.paragraph


@dataclass(frozen=True)
class ExchangeRows:
    exchange: Exchange
    rows: tuple[Row, ...]


def parse_columns(value: str | None, interview: Interview) -> tuple[str, ...]:
    """Languages to show, in order, from ``?show=fr,en`` (default: original first)."""
    wanted = [code for code in (value or "").split(",") if code in LANGS]
    unique = tuple(dict.fromkeys(wanted))
    if unique:
        return unique
    return (interview.original_language, interview.translation_language)


def exchange_rows(exchange: Exchange, columns: tuple[str, ...]) -> ExchangeRows:
    rows = tuple(
        Row(passage, tuple(Cell(lang, passage.texts[lang]) for lang in columns))
        for passage in exchange_passages(exchange)
        # A paragraph only the hidden language has is no row of this view.
        if passage.part == QUESTION or any(passage.texts[lang] for lang in columns)
    )
    return ExchangeRows(exchange=exchange, rows=rows)


def interview_rows(interview: Interview, columns: tuple[str, ...]) -> list[ExchangeRows]:
    return [exchange_rows(exchange, columns) for exchange in interview.exchanges.all()]
