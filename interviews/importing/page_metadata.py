"""What a saved page says about itself, and where it says it.

Structured data comes first, since the site wrote it for machines: JSON-LD (``publisher``,
``datePublished``, ``author``, ``about``, ``headline``) and Open Graph, both read by extruct,
which copes with the ``@graph`` wrappers, several blocks and broken markup that sites emit.
Then what the page only shows to readers: the outlet after the headline in ``<title>``
("… - Libération", "… | Le Monde") and in the copyright line of the footer ("© Le Parisien -
Tous droits réservés"). The date htmldate finds (trafilatura runs it, see html.py) is the
last resort: it reads URLs, scattered markup and text, and is therefore the least sure.

Each value carries a provenance code (``PROVENANCE``); the interface words them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

import extruct
import lxml.html

from .metadata import parse_date

T = TypeVar("T")

# Where a value was found: the codes the importer records, in no particular order.
PROVENANCE = (
    "json_ld_publisher",
    "json_ld_date",
    "json_ld_author",
    "json_ld_about",
    "json_ld_headline",
    "og_site_name",
    "og_title",
    "meta_date",
    "page_title",
    "page_headline",
    "footer",
    "site_metadata",
    "htmldate",
    "header_line",
    "byline",
    "headline",
    "standfirst",
    "answer_labels",
    "question_prefix",
    "first_paragraph",
)
ARTICLE_TYPE = re.compile(r"Article|Interview|Posting|Report", re.IGNORECASE)
DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//time/@datetime",
    "//meta[@name='date']/@content",
)
# "Headline - Outlet", "Headline | Outlet": the site's name closes the title, short.
TITLE_SUFFIX = re.compile(r".{10,}?\s+[-–—|]\s+(?P<outlet>(?:(?!\s[-–—|]\s).){2,40})")
MAX_OUTLET_WORDS = 5
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<outlet>[^\W\d_][^|,.\n–—]{1,40}?)"
    r"\s*(?:[-–—|,.]|tous droits|all rights|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    where: str  # one of PROVENANCE


@dataclass(frozen=True)
class PageMetadata:
    outlet: Found[str] | None = None
    published_on: Found[date] | None = None
    author: Found[str] | None = None
    interviewees: Found[tuple[str, ...]] | None = None
    # Each headline the page states, with where: to tell where the extracted title came from.
    headlines: tuple[Found[str], ...] = ()

    def title_source(self, title: str) -> str:
        key = _key(title)
        return next((found.where for found in self.headlines if _key(found.value) == key), "")


def read_page_metadata(html: str, source: lxml.html.HtmlElement) -> PageMetadata:
    """The page's metadata, from ``html`` as saved and ``source``, its parsed tree."""
    data = extruct.extract(html, syntaxes=["json-ld", "opengraph"], uniform=True, errors="ignore")
    article = _article(data.get("json-ld") or [])
    og = {key: value for item in data.get("opengraph") or [] for key, value in item.items()}
    page_title = _text(source.findtext(".//title"))
    headlines = tuple(
        found
        for found in (
            found_if(_text(article.get("headline")), "json_ld_headline"),
            found_if(_text(og.get("og:title")), "og_title"),
            found_if(page_title, "page_title"),
            found_if(_text(source.findtext(".//h1")), "page_headline"),
        )
        if found
    )
    return PageMetadata(
        outlet=first_found(
            found_if(_name(article.get("publisher")), "json_ld_publisher"),
            found_if(_text(og.get("og:site_name")), "og_site_name"),
            found_if(_title_suffix(page_title, headlines), "page_title"),
            found_if(_footer_outlet(source), "footer"),
        ),
        published_on=first_found(
            found_if(parse_date(_text(article.get("datePublished"))), "json_ld_date"),
            found_if(_meta_date(source), "meta_date"),
        ),
        author=found_if(", ".join(_names(article.get("author"))), "json_ld_author"),
        interviewees=found_if(
            tuple(_names(article.get("about"), persons_only=True)), "json_ld_about"
        ),
        headlines=headlines,
    )


def _article(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD node describing the article, its ``@id`` references resolved."""
    nodes = list(_nodes(items))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = next((node for node in nodes if ARTICLE_TYPE.search(_type(node))), {})
    return {
        key: _resolve(value, by_id) for key, value in article.items() if not key.startswith("@")
    }


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        yield value
        yield from _nodes(value.get("@graph"))


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, list):
        return [_resolve(item, by_id) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return by_id.get(value["@id"], value)
    return value


def _type(node: dict[str, Any]) -> str:
    kind = node.get("@type")
    return " ".join(kind) if isinstance(kind, list) else str(kind or "")


def _name(value: Any) -> str:
    if isinstance(value, list):
        return next((name for item in value if (name := _name(item))), "")
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _names(value: Any, *, persons_only: bool = False) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [
        name
        for item in items
        if not persons_only or (isinstance(item, dict) and "Person" in _type(item))
        if (name := _name(item))
    ]


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int) else ""


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def found_if(value: T | None, where: str) -> Found[T] | None:
    return Found(value, where) if value else None


def first_found(*candidates: Found[T] | None) -> Found[T] | None:
    return next((found for found in candidates if found), None)


def _title_suffix(title: str, headlines: tuple[Found[str], ...]) -> str:
    """The site's name closing ``title``; not a part of the headline the page shows apart
    ("Jean Dupont - Entretien" with an <h1> saying the same)."""
    match = TITLE_SUFFIX.fullmatch(title)
    if not match or len(match["outlet"].split()) > MAX_OUTLET_WORDS:
        return ""
    outlet = match["outlet"].strip()
    shown = (found.value for found in headlines if found.where != "page_title")
    return "" if any(_key(outlet) in _key(headline) for headline in shown) else outlet


def _footer_outlet(source: lxml.html.HtmlElement) -> str:
    """The name in the page's last copyright line: the footer's, not a photo credit's."""
    found = ""
    for text in source.xpath("//body//text()[not(ancestor::script or ancestor::style)]"):
        for match in COPYRIGHT.finditer(str(text)):
            found = match["outlet"].strip()
    return found if len(found.split()) <= MAX_OUTLET_WORDS else ""


def _meta_date(source: lxml.html.HtmlElement) -> date | None:
    for xpath in DATE_XPATHS:
        for value in source.xpath(xpath):
            found = parse_date(str(value))
            if found:
                return found
    return None
