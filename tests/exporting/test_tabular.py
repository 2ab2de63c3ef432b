"""CSV read back with the csv module."""

from __future__ import annotations

import csv
from io import StringIO

import pytest

from interviews.exporting.tabular import COLUMNS
from interviews.passages import exchange_passages

from . import database_passages, export_corpus, make_typographic_interview

pytestmark = pytest.mark.django_db


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(StringIO(text, newline="")))


def test_csv_has_a_header_row(seed):
    text = export_corpus("--format=csv", f"--interview={seed.slug}")

    assert next(csv.reader(StringIO(text))) == COLUMNS


def test_csv_has_one_row_per_aligned_paragraph_pair(seed):
    rows = read_csv(export_corpus("--format=csv", f"--interview={seed.slug}"))

    assert {row["anchor"]: {"fr": row["fr"], "en": row["en"]} for row in rows} == (
        database_passages(seed)
    )


def test_csv_rows_say_where_each_pair_is_and_how_far_its_translation_is():
    interview = make_typographic_interview()
    exchange = interview.exchanges.get()
    rows = read_csv(export_corpus("--format=csv", f"--interview={interview.slug}"))

    row = next(row for row in rows if row["anchor"] == f"{exchange.anchor}-p3")
    assert row["interview"] == interview.slug
    assert (row["exchange"], row["uid"], row["part"], row["paragraph"]) == (
        "1",
        exchange.uid,
        "answer",
        "3",
    )
    assert row["en"] == ""
    assert row["original_language"] == "fr"
    assert row["translation_status"] == "needs_review"
    assert row["outlet"] == interview.outlet.name
    assert row["published_on"] == "2024-01-15"
    anchor = f"{exchange.anchor}-p3"
    assert row["permalink"].endswith(f"/interviews/{interview.slug}/?at={anchor}#{anchor}")


def test_csv_at_sentence_level_has_one_row_per_sentence_bead(seed):
    rows = read_csv(export_corpus("--format=csv", "--level=sentence", f"--interview={seed.slug}"))

    beads = sum(
        len(passage.sentences.beads)
        for exchange in seed.exchanges.all()
        for passage in exchange_passages(exchange)
    )
    assert len(rows) == beads
    assert rows[0]["sentence"] == "1"
    assert rows[0]["anchor"] == f"{seed.exchanges.get(position=1).anchor}-q-s1"
