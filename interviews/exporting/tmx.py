"""TMX 1.4b (https://www.gala-global.org/tmx-14b): one ``<tu>`` per unit.

- ``tuid`` is the unit's anchor (``x-<uid>-p<n>``, or ``x-<uid>-p<n>-s<k>`` for sentence
  bead k), ``srclang`` the interview's original language (the header's too when the
  export is one interview, else ``*all*``), ``segtype`` the export's level.
- ``<prop type="x-…">``: the rest of ``units.unit_record`` (``x-interview`` the slug,
  ``x-exchange`` its number, ``x-uid``, ``x-part`` question or answer, ``x-paragraph``,
  ``x-sentence`` the bead, ``x-permalink``, ``x-translation-status`` the exchange's status
  in the target language, ``x-interview-translation-status``, ``x-outlet``…), empty ones
  left out.
- One ``<tuv xml:lang>`` per language with text, the original first: a side with no text
  has no ``<tuv>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from archive import __version__

from .units import Export, ExportedInterview, Unit, unit_record
from .xmlstream import XmlStream

TOOL = "interview-archive"
_IN_ATTRIBUTES = {"anchor", "original_language"}  # the unit's tuid and srclang


def write(export: Export) -> Iterator[str]:
    xml = XmlStream()
    with xml.block("tmx", {"version": "1.4"}):
        xml.leaf(
            "header",
            attrs={
                "creationtool": TOOL,
                "creationtoolversion": __version__,
                "creationdate": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
                "datatype": "plaintext",
                "segtype": export.level,
                "o-tmf": TOOL,
                "adminlang": "en",
                "srclang": export.language or "*all*",
            },
        )
        with xml.block("body"):
            for item in export.interviews:
                for unit in item.units(export.level):
                    _write_unit(xml, item, unit)
                yield xml.drain()
    yield xml.drain()


def _write_unit(xml: XmlStream, item: ExportedInterview, unit: Unit) -> None:
    interview = item.interview
    with xml.block("tu", {"tuid": unit.anchor, "srclang": interview.original_language}):
        for name, value in unit_record(item, unit).items():
            if value and name not in _IN_ATTRIBUTES:
                xml.leaf("prop", value, {"type": "x-" + name.replace("_", "-")})
        for lang in interview.language_codes:
            if unit.texts[lang]:
                with xml.block("tuv", {"xml:lang": lang}):
                    xml.leaf("seg", unit.texts[lang])
