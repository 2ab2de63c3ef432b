"""TMX read back by translate-toolkit, a tool written by others."""

from __future__ import annotations

from io import BytesIO

import pytest
from translate.storage.tmx import tmxfile

from interviews.passages import exchange_passages

from . import XML_LANG, database_passages, export_corpus, make_typographic_interview

pytestmark = pytest.mark.django_db


def read_tmx(text: str) -> tmxfile:
    return tmxfile(BytesIO(text.encode("utf-8")))


def unit_texts(unit) -> dict[str, str]:
    return {node.get(XML_LANG): unit.getNodeText(node) for node in unit.getlanguageNodes()}


def unit_props(unit) -> dict[str, str]:
    return {prop.get("type"): prop.text for prop in unit.xmlelement.iterchildren("prop")}


def test_translate_toolkit_reads_every_paragraph_pair_in_both_languages(seed):
    memory = read_tmx(export_corpus("--format=tmx", f"--interview={seed.slug}"))

    exported = {unit.getid(): unit_texts(unit) for unit in memory.units}
    assert exported == database_passages(seed)


def test_each_unit_names_the_original_as_its_source_language(seed):
    memory = read_tmx(export_corpus("--format=tmx", f"--interview={seed.slug}"))

    assert {unit.xmlelement.get("srclang") for unit in memory.units} == {"fr"}
    assert all(unit.source == unit_texts(unit)["fr"] for unit in memory.units)
    assert memory.document.getroot().find("header").get("srclang") == "fr"


def test_sentence_level_has_one_unit_per_sentence_bead(seed):
    memory = read_tmx(export_corpus("--format=tmx", "--level=sentence", f"--interview={seed.slug}"))

    expected = {}
    for exchange in seed.exchanges.all():
        for passage in exchange_passages(exchange):
            aligned = passage.sentences
            for number, bead in enumerate(aligned.beads, start=1):
                expected[f"{passage.anchor}-s{number}"] = {
                    lang: " ".join(aligned.sentences[lang][i].text for i in bead.indices[lang])
                    for lang in ("fr", "en")
                    if bead.indices[lang]
                }
    assert {unit.getid(): unit_texts(unit) for unit in memory.units} == expected
    assert memory.document.getroot().find("header").get("segtype") == "sentence"


def test_a_side_with_no_text_has_no_tuv():
    interview = make_typographic_interview()
    memory = read_tmx(export_corpus("--format=tmx", f"--interview={interview.slug}"))

    untranslated = memory.findid(f"{interview.exchanges.get().anchor}-p3")
    assert [node.get(XML_LANG) for node in untranslated.getlanguageNodes()] == ["fr"]


def test_props_carry_the_place_and_the_translation_status():
    interview = make_typographic_interview()
    exchange = interview.exchanges.get()
    memory = read_tmx(export_corpus("--format=tmx", f"--interview={interview.slug}"))

    props = unit_props(memory.findid(f"{exchange.anchor}-p2"))
    assert props["x-interview"] == interview.slug
    assert (props["x-exchange"], props["x-uid"]) == ("1", exchange.uid)
    assert (props["x-part"], props["x-paragraph"]) == ("answer", "2")
    assert props["x-translation-status"] == "needs_review"
    assert props["x-interview-translation-status"] == "needs_review"
    anchor = f"{exchange.anchor}-p2"
    assert props["x-permalink"].endswith(f"/interviews/{interview.slug}/?at={anchor}#{anchor}")
