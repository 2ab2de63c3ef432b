"""JSON: one document, written interview by interview (docs/export-json.md has an example).

The JSON API serves the same shape. Texts are exactly as stored (UTF-8, not escaped).

    {"format": "interview-archive/export", "version": 1,
     "level": "paragraph" | "sentence",
     "interviews": [Interview, ...]}

    Interview = {
      "slug", "url" (the reading view), "status" ("published" | "draft"),
      "title": {lang: text}, "standfirst": {lang: text},
      "original_language": "fr" | "en",
      "languages": [{"lang", "original": bool,
                     "status": "original" | Interview.TranslationStatus,
                     "translator": name or ""}, ...]          (the original first),
      "outlet": {"name", "slug", "website"}, "published_on": "YYYY-MM-DD" | null,
      "source_url": url or "",
      "interviewees": [Person, ...], "interviewer": Person | null,
      "topics": [{"slug", "name": {lang: text}}, ...],
      "sources": [{"lang", "filename", "content_type", "sha256", "imported_at"}, ...],
      "exchanges": [Exchange, ...]}
    Person = {"name", "slug", "role": {lang: text}}
    Exchange = {"number", "uid", "anchor", "permalink", "passages": [Passage, ...]}
    Passage = {
      "anchor", "permalink", "part": "question" | "answer",
      "paragraph": 0 for the question, 1-based for answer paragraphs,
      "texts": [{"lang", "text" ("" when missing), "original": bool,
                 "status": Exchange.Status of that language}, ...]   (the original first),
      "sentences": [Bead, ...]                                       (sentence level only)}
    Bead = {"bead" (1-based), "anchor",
            "texts": [{"lang", "text", "sentences": [text, ...]}, ...]}

A search's export holds the passages it found only (and the exchanges holding them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..languages import LANGS
from ..models import Interview, Person, Topic
from ..passages import Passage
from .units import SENTENCE, Export, ExportedInterview, exchange_status, passage_units

FORMAT = "interview-archive/export"
VERSION = 1


def write(export: Export) -> Iterator[str]:
    head = {"format": FORMAT, "version": VERSION, "level": export.level, "interviews": []}
    opening, closing = _dumps(head).rsplit("[]", 1)
    yield opening + "["
    separator = "\n"
    for item in export.interviews:
        yield separator + _dumps(interview_data(item, export.level))
        separator = ",\n"
    yield "\n]" + closing + "\n"


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def interview_data(item: ExportedInterview, level: str) -> dict[str, Any]:
    interview = item.interview
    languages = interview.language_codes
    return {
        "slug": interview.slug,
        "url": item.url,
        **metadata(interview),
        "sources": [
            {
                "lang": source.lang,
                "filename": source.filename,
                "content_type": source.content_type,
                "sha256": source.sha256,
                "imported_at": source.imported_at.isoformat(),
            }
            for source in interview.sources.all()
        ],
        "exchanges": [
            {
                "number": exchange.exchange.position,
                "uid": exchange.exchange.uid,
                "anchor": exchange.exchange.anchor,
                "permalink": item.permalink(exchange.exchange.anchor),
                "passages": [
                    passage_data(item, passage, languages, level) for passage in exchange.passages
                ],
            }
            for exchange in item.exchanges
        ],
    }


def metadata(interview: Interview) -> dict[str, Any]:
    """What an interview is, without its texts (the JSON API's list items too)."""
    return {
        "status": interview.status,
        "title": _texts(interview, "title"),
        "standfirst": _texts(interview, "standfirst"),
        "original_language": interview.original_language,
        "languages": [
            {
                "lang": lang,
                "original": lang == interview.original_language,
                "status": "original"
                if lang == interview.original_language
                else getattr(interview, f"translation_status_{lang}"),
                "translator": getattr(interview, f"translator_{lang}") or "",
            }
            for lang in interview.language_codes
        ],
        "outlet": {
            "name": interview.outlet.name,
            "slug": interview.outlet.slug,
            "website": interview.outlet.website,
        },
        "published_on": interview.published_on.isoformat() if interview.published_on else None,
        "source_url": interview.source_url,
        "interviewees": [_person(person) for person in interview.interviewees.all()],
        "interviewer": _person(interview.interviewer) if interview.interviewer else None,
        "topics": [
            {"slug": topic.slug, "name": _texts(topic, "name")} for topic in interview.topics.all()
        ],
    }


def passage_data(
    item: ExportedInterview, passage: Passage, languages: tuple[str, ...], level: str
) -> dict[str, Any]:
    original = item.interview.original_language
    data = {
        "anchor": passage.anchor,
        "permalink": item.permalink(passage.anchor),
        "part": passage.part,
        "paragraph": passage.paragraph,
        "texts": [
            {
                "lang": lang,
                "text": passage.texts[lang],
                "original": lang == original,
                "status": exchange_status(passage.exchange, lang),
            }
            for lang in languages
        ],
    }
    if level == SENTENCE:
        data["sentences"] = [
            {
                "bead": unit.bead,
                "anchor": unit.anchor,
                "texts": [
                    {
                        "lang": lang,
                        "text": unit.texts[lang],
                        "sentences": list(unit.sentences[lang]),
                    }
                    for lang in languages
                ],
            }
            for unit in passage_units(passage, level)
        ]
    return data


def _person(person: Person) -> dict[str, Any]:
    return {"name": person.name, "slug": person.slug, "role": _texts(person, "role")}


def _texts(obj: Interview | Person | Topic, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGS}
