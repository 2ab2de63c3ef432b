"""Translations that are not of their article, built from the real texts in fixtures/."""

from __future__ import annotations

import json
from pathlib import Path

from interviews.importing import parse_article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
GOLD = ROOT / "fixtures" / "sentence_alignment"


def gold_sources() -> dict[str, tuple[list[str], list[str]]]:
    """Each gold-set source's French and English paragraphs, by file name."""
    sources = {}
    for path in sorted(GOLD.glob("*.json")):
        paragraphs = json.loads(path.read_text("utf-8"))["paragraphs"]
        sources[path.stem] = ([p["fr"] for p in paragraphs], [p["en"] for p in paragraphs])
    return sources


def unrelated_english(shape_of: str = (SEED / "fr.txt").read_text("utf-8")) -> str:
    """An English interview of the same shape as the French ``shape_of`` (exchanges,
    paragraphs, lengths) whose every sentence comes from other articles: the gold set's
    English texts, the seed's own left out."""
    article = parse_article(shape_of, lang="fr")
    sentences = [
        sentence.strip() + "."
        for name, (_fr, english) in gold_sources().items()
        if "seed" not in name
        for paragraph in english
        for sentence in paragraph.split(". ")
    ]
    stream = iter(sentences * 10)

    def paragraph_like(text: str) -> str:
        written = ""
        while len(written) < len(text) * 0.9:
            written += next(stream) + " "
        return written.strip()

    parts = ["A statement on another subject", "October 5, 2024"]
    for exchange in article.exchanges:
        parts.append(f"Q: {paragraph_like(exchange.question).rstrip('.')}?")
        answer = [paragraph_like(text) for text in exchange.answer]
        parts += [f"A: {answer[0]}", *answer[1:]]
    return "\n\n".join(parts) + "\n"


def swapped_english(first: str, second: str) -> str:
    """The seed's real English with the exchanges opening with ``first`` and ``second``
    (the last two) in each other's place: a translation whose exchanges are out of step."""
    text = (SEED / "en.txt").read_text("utf-8")
    start, middle = text.index(first), text.index(second)
    return text[:start] + text[middle:].rstrip("\n") + "\n\n" + text[start:middle]
