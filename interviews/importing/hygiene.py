"""Characters a copy from a web page or a word processor leaves in a text, tidied away.

Soft hyphens and zero-width characters are invisible and break searches for the words they
sit in; odd Unicode spaces and runs of spaces are layout, not text. French typography's
no-break spaces (U+00A0 and the narrow U+202F, before ``: ; ? ! »`` and after ``«``) are
text: they are kept exactly, and an odd space where French puts one becomes a narrow one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .records import Paragraph

INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Tabs, and the typesetting spaces (en/em/thin/hair…) that mean a plain space in a text.
ODD = "\t\u1680\u2000-\u200a\u205f\u3000"
SPACES = re.compile(f"[ {ODD}]+")
LINE_ENDS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
FRENCH_BEFORE = ":;?!»"
FRENCH_AFTER = "«"
FIGURE_SPACE = "\u2007"  # no-break by definition, between the digits of a number


def drop_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def tidy_text(text: str) -> str:
    """``text`` without invisible characters, each run of spaces one space; line ends and
    no-break spaces are kept as they are.

    Runs of spaces are collapsed in a paragraph, not in a whole page: scraped pages separate
    the headlines of a news ticker with them, which is how the boilerplate filter knows it.
    """
    return SPACES.sub(_one_space, drop_invisible(text))


def _one_space(match: re.Match[str]) -> str:
    run = match.group()
    if FIGURE_SPACE in run:
        return "\u00a0"
    if not run.strip(" \t"):
        return " "
    # Typesetting spaces: where French typography puts a space, it must not break.
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1 : start]
    after = text[end : end + 1]
    french = (after and after in FRENCH_BEFORE) or (before and before in FRENCH_AFTER)
    return "\u202f" if french else " "


def tidy_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` tidied, those left empty dropped (an HTML page's ``&shy;`` and
    ``&#8203;`` are characters only once the page is read)."""
    tidied = (
        replace(paragraph, text=tidy_text(paragraph.text).strip()) for paragraph in paragraphs
    )
    return [paragraph for paragraph in tidied if paragraph.text]


def one_line(text: str) -> str:
    """``text`` tidied on one line: ``" ".join(text.split())`` without breaking the French
    no-break spaces, which ``str.split`` takes for any space."""
    return tidy_text(LINE_ENDS.sub(" ", text)).strip()


# How much of a paragraph a message quotes: enough to find it again in the text.
EXCERPT_LENGTH = 60


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    """The start of ``text`` on one line, cut on a word boundary (never inside French
    typography's no-break spaces) and ended with "…" when it is longer than ``length``."""
    text = one_line(text)
    if len(text) <= length:
        return text
    cut = text[:length]
    if text[length] != " " and " " in cut:  # the cut falls inside a word: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"
