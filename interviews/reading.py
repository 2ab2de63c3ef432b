"""What the reading view shows: an interview as rows lined up across two languages."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from .models import LANGS, Exchange, Interview


@dataclass(frozen=True)
class Cell:
    lang: str
    text: str


@dataclass(frozen=True)
class Row:
    """One line of the reading view: the same unit in each shown language."""

    anchor: str
    kind: str  # "question" or "paragraph"
    number: int  # 0 for the question, 1-based for answer paragraphs
    cells: tuple[Cell, ...]


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
    question = Row(
        anchor=f"{exchange.anchor}-q",
        kind="question",
        number=0,
        cells=tuple(Cell(lang, getattr(exchange, f"question_{lang}") or "") for lang in columns),
    )
    per_lang = [exchange.paragraphs(lang) for lang in columns]
    paragraphs = tuple(
        Row(
            anchor=f"{exchange.anchor}-p{number}",
            kind="paragraph",
            number=number,
            cells=tuple(Cell(lang, text or "") for lang, text in zip(columns, texts, strict=True)),
        )
        for number, texts in enumerate(zip_longest(*per_lang), start=1)
    )
    return ExchangeRows(exchange=exchange, rows=(question, *paragraphs))


def interview_rows(interview: Interview, columns: tuple[str, ...]) -> list[ExchangeRows]:
    return [exchange_rows(exchange, columns) for exchange in interview.exchanges.all()]
