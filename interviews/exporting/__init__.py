"""Exports of the archive as TMX, TEI, CSV and JSON, written as streams of text.

``selection`` chooses what is exported (the published corpus, interviews named by slug,
chosen passages such as those a search finds) and loads it a chunk at a time; ``units`` is
what the formats write (passages, or their sentence beads); each format is a module whose
``write(export)`` yields ``str`` chunks, one or a few per interview, so memory stays flat
whatever the size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import jsondoc, tabular, tei, tmx
from .units import Export, ExportError


@dataclass(frozen=True)
class Format:
    name: str  # also the file extension
    content_type: str
    description: Promise
    write: Callable[[Export], Iterator[str]]


FORMATS: dict[str, Format] = {
    format.name: format
    for format in (
        Format("tmx", "application/x-tmx+xml", gettext_lazy("Translation memory (TMX)"), tmx.write),
        Format("tei", "application/tei+xml", gettext_lazy("TEI P5 XML"), tei.write),
        Format("csv", "text/csv; charset=utf-8", gettext_lazy("Spreadsheet (CSV)"), tabular.write),
        Format("json", "application/json", gettext_lazy("JSON data"), jsondoc.write),
    )
}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(
            _("Unknown format “%(format)s”: choose %(formats)s.")
            % {"format": name, "formats": ", ".join(FORMATS)}
        ) from None
