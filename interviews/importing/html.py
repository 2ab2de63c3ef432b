"""Saved HTML pages: the article's paragraphs and the metadata the page states.

Main-content extraction (dropping navigation, share buttons, newsletter boxes, asides,
footers) is trafilatura's job; this module keeps what the interview parser needs from its
output: paragraphs, whether each is in bold type, and where each sits in the saved file.
Code is removed before anything reads the page: trafilatura takes a heading's whole text
content for the title, a script inside it included.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date

import lxml.html
import trafilatura
from lxml import etree

from .boilerplate import is_chrome
from .metadata import parse_date
from .page_metadata import PageMetadata, read_page_metadata
from .records import Paragraph

# Elements whose content is code, or stands in for it, never the article's text.
CODE_ELEMENTS = ("script", "style", "noscript", "template")
# Structured data: metadata trafilatura reads (title, author, date), kept in <head>.
JSON_LD = "application/ld+json"
HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p)\b", re.I)
# Blocks of trafilatura's XML output, and of the source page for finding line numbers.
EXTRACTED_BLOCKS = ("p", "head", "item", "quote")
SOURCE_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "td", "dd")
BOLD = ".//hi[@rend='#b']"
# A paragraph counts as bold when (nearly) all of it is: a bold word inside an answer is
# emphasis, not a question.
BOLD_SHARE = 0.9
LINE_KEY_LENGTH = 50
SPACES = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class HtmlPage:
    paragraphs: list[Paragraph]
    title: str | None
    # trafilatura's guesses, used when the page states nothing more certain (metadata):
    # the site's name, the date htmldate finds anywhere in the page, the byline.
    outlet: str | None
    published_on: date | None
    byline: str | None
    source_url: str | None
    metadata: PageMetadata


def looks_like_html(text: str) -> bool:
    return bool(HTML_START.search(text[:2000]))


def read_html(html: str) -> HtmlPage:
    source = lxml.html.document_fromstring(html)
    metadata = read_page_metadata(html, source)
    _drop_code(source)
    extracted = trafilatura.extract(
        deepcopy(source),  # read, not changed: the lines and dates are looked up in it next
        output_format="xml",
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=True,
    )
    doc = etree.fromstring(extracted) if extracted else etree.Element("doc")
    return HtmlPage(
        paragraphs=_paragraphs(doc, _source_lines(source)),
        title=doc.get("title") or None,
        outlet=doc.get("sitename") or None,
        published_on=parse_date(doc.get("date") or ""),
        byline=doc.get("author") or None,
        source_url=doc.get("url") or None,
        metadata=metadata,
    )


def _drop_code(source: lxml.html.HtmlElement) -> None:
    """Removes ``CODE_ELEMENTS`` from ``source``, the text after each kept; JSON-LD moves to
    ``<head>``, out of any text, where trafilatura still reads it."""
    head = source.find("head")
    if head is None:
        head = source.makeelement("head")
        source.insert(0, head)
    for element in list(source.iter(*CODE_ELEMENTS)):
        is_json_ld = (element.get("type") or "").strip().lower() == JSON_LD
        if is_json_ld and element.getparent() is head:
            continue
        if is_json_ld:
            data = deepcopy(element)
            data.tail = None
            head.append(data)
        element.drop_tree()


def _paragraphs(doc: etree._Element, lines: dict[str, int]) -> list[Paragraph]:
    paragraphs = []
    line = 1
    for element in doc.iter(*EXTRACTED_BLOCKS):
        if any(child.tag in EXTRACTED_BLOCKS for child in element.iterdescendants()):
            continue  # a container: its own blocks come next
        text = _text(element)
        if not text or is_chrome(text):
            continue
        # Extraction loses positions; find the block again in the page, or keep the last one.
        line = lines.get(_line_key(text), line)
        paragraphs.append(
            Paragraph(
                text=text,
                line=line,
                bold=_bold_share(element, text) >= BOLD_SHARE,
                heading=element.tag == "head",
            )
        )
    return paragraphs


def _text(element: etree._Element) -> str:
    return SPACES.sub(" ", "".join(element.itertext())).strip()


def _bold_share(element: etree._Element, text: str) -> float:
    bold = "".join("".join(hi.itertext()) for hi in element.iterfind(BOLD))
    return len("".join(bold.split())) / max(1, len("".join(text.split())))


def _line_key(text: str) -> str:
    return " ".join(text.split())[:LINE_KEY_LENGTH]


def _source_lines(source: lxml.html.HtmlElement) -> dict[str, int]:
    lines: dict[str, int] = {}
    for element in source.iter(*SOURCE_BLOCKS):
        if any(child.tag in SOURCE_BLOCKS for child in element.iterdescendants()):
            continue
        key = _line_key(element.text_content())
        if key and element.sourceline:
            lines.setdefault(key, element.sourceline)
    return lines
