"""The aligned interview as plain JSON data: the contract shared with the import tools."""

from __future__ import annotations

from typing import TypedDict

from .parsing import LANGS
from .records import AlignedInterview


class ExchangeJson(TypedDict):
    question: dict[str, str]
    answer: dict[str, list[str]]


class InterviewJson(TypedDict):
    title: dict[str, str]
    standfirst: dict[str, str]
    outlet: str | None
    published_on: str | None  # ISO 8601
    interviewees: list[str]
    exchanges: list[ExchangeJson]


def to_json_dict(aligned: AlignedInterview) -> InterviewJson:
    return {
        "title": {lang: aligned.title[lang] for lang in LANGS},
        "standfirst": {lang: aligned.standfirst[lang] for lang in LANGS},
        "outlet": aligned.outlet,
        "published_on": aligned.published_on.isoformat() if aligned.published_on else None,
        "interviewees": list(aligned.interviewees),
        "exchanges": [
            {
                "question": {lang: exchange.question[lang] for lang in LANGS},
                "answer": {lang: list(exchange.answer[lang]) for lang in LANGS},
            }
            for exchange in aligned.exchanges
        ],
    }
