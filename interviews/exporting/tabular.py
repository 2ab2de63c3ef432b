"""CSV (RFC 4180, UTF-8, a header row): one row per unit, an aligned paragraph pair or a
sentence bead.

Columns: where the unit is (``interview`` slug, ``exchange`` number, its ``uid``, ``part``,
``paragraph``, ``sentence`` the bead number at sentence level, the unit's ``anchor`` and the
passage's ``permalink``), its text in each language (``fr``, ``en``; ``""`` when missing),
then the state of its translation and the interview's description.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from ..languages import LANGS
from .units import Export, unit_record

COLUMNS = [
    "interview",
    "exchange",
    "uid",
    "part",
    "paragraph",
    "sentence",
    "anchor",
    "permalink",
    *LANGS,
    "original_language",
    "translation_language",
    "translation_status",
    "interview_translation_status",
    "outlet",
    "published_on",
    "interviewees",
]


class _Line:
    """The csv module writes a row into a file; this "file" hands the row back."""

    def write(self, line: str) -> str:
        return line


def write(export: Export) -> Iterator[str]:
    rows = csv.DictWriter(_Line(), fieldnames=COLUMNS)
    yield rows.writeheader()
    for item in export.interviews:
        yield "".join(
            rows.writerow(unit_record(item, unit) | unit.texts) for unit in item.units(export.level)
        )
