"""The import preview's rows: the interview once, the two languages side by side.

One row is one paragraph in each language, facing its counterpart, so the sides cannot drift
apart; rows are grouped by exchange. Each cell carries the paragraph's role as the aligned
interview has it: the weaker side shows the roles its guide gave it, and re-checking or
importing the rows as they stand gives the same interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from .corrections import Review
from .records import ANSWER, QUESTION, AlignedInterview

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Cell:
    """One paragraph of one language: ``index`` is its place among that language's
    paragraphs (what the form's "join with the previous paragraph" names)."""

    lang: str
    role: str
    text: str
    line: int
    index: int


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell | None, ...]  # one per column, None where that side has nothing here


@dataclass(frozen=True)
class ExchangeRows:
    """An exchange's rows (``number`` from 1), or all the paragraphs (``number`` None) when
    the sides could not be aligned."""

    number: int | None
    rows: list[Row]
    doubtful: bool = False


def preview_rows(result: Review, columns: list[str]) -> list[ExchangeRows]:
    """The rows of ``result`` for the languages of ``columns``, in that order."""
    lines = {lang: {p.text: p.line for p in result.structure[lang]} for lang in columns}
    counts = dict.fromkeys(columns, 0)

    def cell(lang: str, role: str, text: str, line: int | None = None) -> Cell | None:
        if not text:
            return None
        counts[lang] += 1
        found = lines[lang].get(text, 0) if line is None else line
        return Cell(lang, role, text, found, counts[lang] - 1)

    if result.aligned is None:
        paired = zip_longest(*(result.structure[lang] for lang in columns))
        rows = [
            Row(
                tuple(
                    cell(lang, p.role, p.text, p.line) if p else None
                    for lang, p in zip(columns, paragraphs, strict=True)
                )
            )
            for paragraphs in paired
        ]
        return [ExchangeRows(None, rows)]
    groups: list[ExchangeRows] = []
    for number, (role, texts) in _aligned_parts(result.aligned, columns):
        row = Row(tuple(cell(lang, role, text) for lang, text in zip(columns, texts, strict=True)))
        if not groups or groups[-1].number != number:
            doubtful = result.aligned.exchanges[number - 1].doubtful
            groups.append(ExchangeRows(number, [], doubtful))
        groups[-1].rows.append(row)
    return groups


def _aligned_parts(
    aligned: AlignedInterview, columns: list[str]
) -> list[tuple[int, tuple[str, list[str]]]]:
    """Each exchange's paragraphs, question first, as (number, (role, text per column))."""
    parts: list[tuple[int, tuple[str, list[str]]]] = []
    for number, exchange in enumerate(aligned.exchanges, start=1):
        questions = [_paragraphs(exchange.question[lang]) for lang in columns]
        answers = [exchange.answer[lang] for lang in columns]
        for role, sides in ((QUESTION, questions), (ANSWER, answers)):
            parts += [(number, (role, list(texts))) for texts in zip_longest(*sides, fillvalue="")]
    return parts


def _paragraphs(text: str) -> list[str]:
    return [part for part in _BLANK_LINE.split(text) if part.strip()]
