"""An answer's paragraphs: stored as one text, with one blank line between paragraphs."""

from __future__ import annotations

PARAGRAPH_SEPARATOR = "\n\n"


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, stripped; blank ones left out."""
    return [p.strip() for p in text.split(PARAGRAPH_SEPARATOR) if p.strip()]


def join_paragraphs(paragraphs: list[str]) -> str:
    """``paragraphs`` as one text, as ``split_paragraphs`` reads it."""
    return PARAGRAPH_SEPARATOR.join(p.strip() for p in paragraphs)
