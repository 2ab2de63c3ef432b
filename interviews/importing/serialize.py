"""The aligned interview as plain JSON data: the contract shared with the import tools."""

from __future__ import annotations

from typing import Any

from .models import AlignedInterview
from .parsing import LANGS


def to_json_dict(aligned: AlignedInterview) -> dict[str, Any]:
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
