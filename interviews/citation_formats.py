"""Citation files: CSL-JSON items written as BibTeX (bibtexparser), RIS (rispy) or CSL-JSON.

Each writer takes an iterable of items and yields text entry by entry, so that a whole
search result set streams out without being held in memory. Text is written as it is:
no LaTeX escaping of Unicode, so « », ’ and the non-breaking spaces U+00A0 and U+202F
reach the file byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import rispy
from bibtexparser.bibdatabase import BibDatabase
from bibtexparser.bwriter import BibTexWriter
from django.http import HttpResponseBase
from django.urls import URLPattern, path

# biblatex's language names (langid).
_BABEL = {"fr": "french", "en": "english"}
# Characters LaTeX reads as commands in a BibTeX value; Unicode passes through untouched.
_LATEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def _date(value: dict | None, separator: str = "-") -> str:
    if not value:
        return ""
    return separator.join(f"{part:02d}" for part in value["date-parts"][0])


def _year(value: dict | None) -> str:
    return str(value["date-parts"][0][0]) if value else ""


def _family_first(name: dict[str, str]) -> str:
    """The name as "Family, Given", which BibTeX and RIS read without guessing; a literal
    name as it is."""
    if "literal" in name:
        return name["literal"]
    return ", ".join(part for part in (name.get("family"), name.get("given")) if part)


def _bibtex_names(names: list[dict[str, str]]) -> str:
    # A literal name is braced: BibTeX must not split it into first and last names.
    return " and ".join(
        "{" + _latex(name["literal"]) + "}" if "literal" in name else _latex(_family_first(name))
        for name in names
    )


def _latex(text: str) -> str:
    return text.translate(_LATEX_SPECIALS)


def bibtex_entry(item: dict[str, Any]) -> dict[str, str]:
    """The BibTeX (biblatex) fields of a CSL-JSON item, for ``BibTexWriter``."""
    fields = {
        "author": _bibtex_names(item.get("author", [])),
        "title": _latex(item.get("title", "")),
        "journal": _latex(item.get("container-title", "")),
        "date": _date(item.get("issued")),
        "year": _year(item.get("issued")),
        "url": item.get("URL", ""),
        "urldate": _date(item.get("accessed")),
        "langid": _BABEL.get(item.get("language", ""), ""),
        "translator": _bibtex_names(item.get("translator", [])),
        "origtitle": _latex(item.get("original-title", "")),
        "origdate": _date(item.get("original-date")),
        "origpublisher": _latex(item.get("original-publisher", "")),
        "note": _latex(item.get("note", "")),
    }
    return {
        "ENTRYTYPE": "article",
        "ID": item["id"],
        **{name: value for name, value in fields.items() if value},
    }


def write_bibtex(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    writer = BibTexWriter()
    writer.indent = "  "
    writer.order_entries_by = None
    writer.display_order = ["author", "title", "journal", "date"]
    for number, item in enumerate(items):
        database = BibDatabase()
        database.entries = [bibtex_entry(item)]
        yield ("\n" if number else "") + writer.write(database)


def ris_entry(item: dict[str, Any]) -> dict[str, Any]:
    """The RIS fields of a CSL-JSON item, named as ``rispy`` names them. A newspaper
    article ("NEWS"): RIS has no type for an interview."""
    fields = {
        "type_of_reference": "NEWS",
        "id": item["id"],
        "authors": [_family_first(name) for name in item.get("author", [])],
        "secondary_authors": [_family_first(name) for name in item.get("interviewer", [])],
        "subsidiary_authors": [_family_first(name) for name in item.get("translator", [])],
        "title": item.get("title", ""),
        "secondary_title": item.get("container-title", ""),
        "date": _date(item.get("issued"), "/"),
        "year": _year(item.get("issued")),
        "urls": [item["URL"]] if item.get("URL") else [],
        "access_date": _date(item.get("accessed"), "/"),
        "language": item.get("language", ""),
        "original_publication": item.get("original-title", ""),
        "notes": [item["note"]] if item.get("note") else [],
    }
    return {name: value for name, value in fields.items() if value}


class _RisWriter(rispy.RisWriter):
    """RIS as the specification has it: no "1." numbering line before each reference."""

    def set_header(self, count: int) -> str:
        return ""


def write_ris(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    for number, item in enumerate(items):
        yield ("\n" if number else "") + rispy.dumps([ris_entry(item)], implementation=_RisWriter)


def write_csl_json(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array of the items (one item or many, always an array), an item a line."""
    yield "["
    for number, item in enumerate(items):
        yield ("," if number else "") + "\n" + json.dumps(item, ensure_ascii=False)
    yield "\n]\n"


@dataclass(frozen=True)
class CitationFormat:
    extension: str
    content_type: str
    write: Callable[[Iterable[dict[str, Any]]], Iterator[str]]


FORMATS: dict[str, CitationFormat] = {
    "bib": CitationFormat("bib", "application/x-bibtex; charset=utf-8", write_bibtex),
    "ris": CitationFormat("ris", "application/x-research-info-systems; charset=utf-8", write_ris),
    "json": CitationFormat(
        "json", "application/vnd.citationstyles.csl+json; charset=utf-8", write_csl_json
    ),
}


def citation_file_paths(route: str, view: Callable[..., HttpResponseBase]) -> list[URLPattern]:
    """A URL per citation format, ``<route>cite.<extension>``, named ``cite_<extension>``;
    ``view`` is given the ``extension``."""
    return [
        path(f"{route}cite.{extension}", view, {"extension": extension}, name=f"cite_{extension}")
        for extension in FORMATS
    ]
