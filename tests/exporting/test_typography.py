"""French typography (« », ’, U+00A0, U+202F) survives byte for byte in every format."""

from __future__ import annotations

import csv
import json
import re
from io import BytesIO, StringIO

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from . import (
    FORMATS,
    PARAGRAPHS,
    QUESTION,
    TEI,
    XML_LANG,
    database_passages,
    make_typographic_interview,
)

pytestmark = pytest.mark.django_db

TYPOGRAPHY = ("«\u00a0", "\u00a0»", "’", "\u202f?", "\u202f!", "\u202f;", "\u00a0:", "“", "”")


def download(client, interview, format: str, level: str = "paragraph") -> bytes:
    response = client.get(f"/fr/interviews/{interview.slug}/export.{format}?level={level}")
    return b"".join(response.streaming_content)


def test_the_fixture_carries_french_typography():
    texts = " ".join([*QUESTION.values(), *PARAGRAPHS["fr"], *PARAGRAPHS["en"]])
    assert all(mark in texts for mark in TYPOGRAPHY)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_every_text_is_in_the_file_byte_for_byte(client, format, level):
    interview = make_typographic_interview()
    body = download(client, interview, format, level)

    # Sentence by sentence: at sentence level a unit is a sentence, not a paragraph.
    texts = [*QUESTION.values(), *PARAGRAPHS["fr"], *PARAGRAPHS["en"]]
    sentences = [sentence for text in texts for sentence in re.split(r"(?<=\.) ", text)]
    assert all(sentence.encode("utf-8") in body for sentence in sentences)


def test_tmx_read_back_keeps_the_typography(client):
    interview = make_typographic_interview()
    memory = tmxfile(BytesIO(download(client, interview, "tmx")))

    exported = {
        unit.getid(): {
            node.get(XML_LANG): unit.getNodeText(node) for node in unit.getlanguageNodes()
        }
        for unit in memory.units
    }
    expected = {
        anchor: {lang: text for lang, text in texts.items() if text}
        for anchor, texts in database_passages(interview).items()
    }
    assert exported == expected


def test_tei_read_back_keeps_the_typography(client):
    interview = make_typographic_interview()
    tree = etree.parse(BytesIO(download(client, interview, "tei")))

    exported = {p.get(XML_LANG): [] for p in tree.iter(f"{TEI}p") if p.get(XML_LANG)}
    for p in tree.find(f"{TEI}text").iter(f"{TEI}p"):
        exported[p.get(XML_LANG)].append(p.text)
    assert exported == {
        "fr": [QUESTION["fr"], *PARAGRAPHS["fr"]],
        "en": [QUESTION["en"], *PARAGRAPHS["en"]],
    }


def test_csv_read_back_keeps_the_typography(client):
    interview = make_typographic_interview()
    rows = csv.DictReader(StringIO(download(client, interview, "csv").decode("utf-8"), newline=""))

    exported = {row["anchor"]: {"fr": row["fr"], "en": row["en"]} for row in rows}
    assert exported == database_passages(interview)


def test_json_read_back_keeps_the_typography(client):
    interview = make_typographic_interview()
    document = json.loads(download(client, interview, "json"))

    exported = {
        passage["anchor"]: {text["lang"]: text["text"] for text in passage["texts"]}
        for exchange in document["interviews"][0]["exchanges"]
        for passage in exchange["passages"]
    }
    assert exported == database_passages(interview)
    assert document["interviews"][0]["title"]["fr"] == interview.title_fr
