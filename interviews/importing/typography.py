"""French no-break spaces through main-content extraction.

trafilatura normalises every whitespace character of a page's text to a plain space
(``" ".join(text.split())``), U+00A0 and U+202F included: French typography (``mot :``,
``« oui »``) would come out breakable. Each no-break space between two characters (not
the ``&nbsp;`` alone in a layout cell, which extraction should still see as space) is
swapped for a letter the page does not contain before extraction, and swapped back after.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from .html import HtmlPage, read_html

NO_BREAK = {
    "\u00a0": re.compile(r"(?<=[^\s>])(?:\u00a0|&nbsp;|&#0*160;|&#x0*a0;)(?=[^\s<])", re.I),
    "\u202f": re.compile(r"(?<=[^\s>])(?:\u202f|&#0*8239;|&#x0*202f;)(?=[^\s<])", re.I),
}
# Yi syllables: printable letters, which no extraction step drops or splits on.
STAND_INS = (chr(code) for code in range(0xA000, 0xA48D))


def read_html_keeping_no_break_spaces(html: str) -> HtmlPage:
    """``read_html(html)`` with the no-break spaces inside its text kept."""
    free = (char for char in STAND_INS if char not in html)
    stand_ins = {space: next(free) for space, found in NO_BREAK.items() if found.search(html)}
    for space, stand_in in stand_ins.items():
        html = NO_BREAK[space].sub(stand_in, html)
    page = read_html(html)
    if not stand_ins:
        return page

    def restore(text: str) -> str:
        for space, stand_in in stand_ins.items():
            text = text.replace(stand_in, space)
        return text

    # Every text field, whichever the page reader adds.
    changed: dict[str, Any] = {
        "paragraphs": [replace(p, text=restore(p.text)) for p in page.paragraphs]
    }
    for field in fields(page):
        value = getattr(page, field.name)
        if isinstance(value, str):
            changed[field.name] = restore(value)
    return replace(page, **changed)
