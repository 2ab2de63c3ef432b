"""Helpers shared by the duplicate tests: the seed pair, and copies of it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from interviews.importing import align_interview, parse_article
from interviews.models import Interview
from interviews.services import import_interview
from interviews.sources import RawSource, decode_source
from tests.factories import make_interview, make_outlet

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
SEED_TITLE_FR = "« Nous allons établir des data centers accessibles à tous »"
SEED_DATE = date(2024, 10, 5)


def seed_text(lang: str) -> str:
    return (SEED / f"{lang}.txt").read_text("utf-8")


def respaced(text: str) -> str:
    """The same article saved again: other headlines above it, other spacing in it (Windows
    line ends, spaces left at line ends, more blank lines between paragraphs)."""
    headlines, _line_end, article = text.partition("\n")
    other_headlines = "Météo : un week-end ensoleillé    La Bourse ouvre en baisse"
    assert other_headlines != headlines
    lines = [f"{line} " if line else "\r\n" for line in article.splitlines()]
    return "\r\n".join([other_headlines, *lines])


def raw(lang: str, content: str | None = None, filename: str | None = None) -> RawSource:
    content = seed_text(lang) if content is None else content
    return decode_source(content.encode(), lang=lang, filename=filename or f"{lang}.txt")


def save(sources: list[RawSource], **options) -> Interview:
    """``sources`` imported as the service does it, with ``options`` (publish, if_exists…)."""
    articles = {s.lang: parse_article(s.content, lang=s.lang, filename=s.filename) for s in sources}
    aligned = align_interview(articles.get("fr"), articles.get("en"), original="fr")
    return import_interview(aligned, sources, **options)


def seed_pair() -> list[RawSource]:
    return [raw("fr"), raw("en")]


def look_alike(**fields) -> Interview:
    """Another text under the seed's title, outlet and date."""
    fields.setdefault("published_on", SEED_DATE)
    fields.setdefault("outlet", make_outlet("L'Opinion"))
    fields.setdefault("title_fr", SEED_TITLE_FR)
    return make_interview(**fields)
