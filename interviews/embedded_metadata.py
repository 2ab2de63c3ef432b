"""What the reading view says about the interview in its ``<head>``, for reference managers
and search engines: Highwire Press ``citation_*`` tags (Google Scholar, Zotero), Dublin
Core, and schema.org JSON-LD linking the translation to the original.

Everything describes the original; the translation, when there is one, is a related work.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from .citations import permalink
from .models import Interview, Person

# What ``django.utils.html.json_script`` escapes: no "</script>" nor "<!--" can appear.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class EmbeddedMetadata:
    highwire: list[tuple[str, str]]
    dublin_core: list[tuple[str, str]]
    json_ld: SafeString  # escaped for a <script> element
    lang: str  # the language of the texts described


def embedded_metadata(interview: Interview, build_uri: Callable[[str], str]) -> EmbeddedMetadata:
    """``interview`` needs its outlet, interviewer and interviewees loaded."""
    original = interview.original_language
    title = getattr(interview, f"title_{original}")
    url = permalink(build_uri, interview, original)
    people = list(interview.interviewees.all())
    day = interview.published_on
    translation = _translation(interview, build_uri)
    highwire = [
        ("citation_title", title),
        *(("citation_author", person.name) for person in people),
        ("citation_publication_date", day.strftime("%Y/%m/%d") if day else ""),
        ("citation_date", day.strftime("%Y/%m/%d") if day else ""),
        ("citation_journal_title", interview.outlet.name),
        ("citation_publisher", interview.outlet.name),
        ("citation_language", original),
        ("citation_public_url", url),
    ]
    dublin_core = [
        ("DC.title", title),
        *(("DC.creator", person.name) for person in people),
        ("DC.date", day.isoformat() if day else ""),
        ("DC.language", original),
        ("DC.publisher", interview.outlet.name),
        ("DC.identifier", url),
        ("DC.relation", translation["url"] if translation else ""),
    ]
    article = {
        "@context": "https://schema.org",
        **_article(interview, original, url),
        "author": _person(interview.interviewer, original, build_uri)
        if interview.interviewer
        else None,
        "about": [_person(person, original, build_uri) for person in people],
        "contributor": [
            {
                "@type": "Role",
                "roleName": "interviewee",
                "contributor": _person(person, original, build_uri),
            }
            for person in people
        ],
        "isBasedOn": interview.source_url,
        "workTranslation": translation,
    }
    return EmbeddedMetadata(
        highwire=[(name, value) for name, value in highwire if value],
        dublin_core=[(name, value) for name, value in dublin_core if value],
        json_ld=_json_for_script(_without_empty(article)),
        lang=original,
    )


def _article(interview: Interview, lang: str, url: str) -> dict[str, Any]:
    """What the original and its translation both are: the interview, in ``lang``."""
    return {
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "genre": "interview",
        "headline": getattr(interview, f"title_{lang}"),
        "description": getattr(interview, f"standfirst_{lang}"),
        "inLanguage": lang,
        "datePublished": interview.published_on.isoformat() if interview.published_on else None,
        "publisher": {
            "@type": "Organization",
            "name": interview.outlet.name,
            "url": interview.outlet.website,
        },
    }


def _translation(interview: Interview, build_uri) -> dict[str, Any] | None:
    lang = interview.translation_language
    status = getattr(interview, f"translation_status_{lang}")
    if status == Interview.TranslationStatus.MISSING or not getattr(interview, f"title_{lang}"):
        return None
    original = permalink(build_uri, interview, interview.original_language)
    translator = getattr(interview, f"translator_{lang}")
    return {
        **_article(interview, lang, permalink(build_uri, interview, lang)),
        "translationOfWork": {"@id": original},
        "translator": {"@type": "Person", "name": translator} if translator else None,
        "creativeWorkStatus": status,
    }


def _person(person: Person, lang: str, build_uri) -> dict[str, Any]:
    return {
        "@type": "Person",
        "name": person.name,
        "jobTitle": getattr(person, f"role_{lang}") or person.role,
        "url": build_uri(person.get_absolute_url()),
    }


def _without_empty(value):
    """``value`` without the keys whose value is empty, at every depth."""
    if isinstance(value, dict):
        kept = {name: _without_empty(part) for name, part in value.items()}
        return {name: part for name, part in kept.items() if part not in (None, "", [], {})}
    if isinstance(value, list):
        return [_without_empty(part) for part in value]
    return value


def _json_for_script(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))
