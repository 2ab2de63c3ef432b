"""TEI validated by jing against TEI's own tei_all schema, then read with lxml."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.factories import make_interview, make_person

from . import TEI, XML_LANG, database_passages, export_corpus, jing, make_typographic_interview

pytestmark = pytest.mark.django_db

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def written(tmp_path, *args: str):
    path = tmp_path / "export.tei"
    export_corpus("--format=tei", f"--output={path}", *args)
    return path


def test_one_interview_is_a_valid_tei_document(tmp_path, seed):
    path = written(tmp_path, f"--interview={seed.slug}")

    assert jing(path).returncode == 0, jing(path).stdout
    assert etree.parse(path).getroot().tag == f"{TEI}TEI"


def test_sentence_level_is_valid_tei(tmp_path, seed):
    path = written(tmp_path, "--level=sentence", f"--interview={seed.slug}")

    assert jing(path).returncode == 0, jing(path).stdout


def test_the_corpus_is_a_valid_tei_corpus_even_when_people_recur(tmp_path, seed):
    # The same person in two interviews: the ids of people must still be unique.
    person = make_person("Camille Martin")
    make_interview(interviewees=[person])
    make_interview(interviewees=[person], interviewer=make_person("Paul Durand"))
    make_typographic_interview()
    path = written(tmp_path, "--level=sentence")

    assert jing(path).returncode == 0, jing(path).stdout
    root = etree.parse(path).getroot()
    assert root.tag == f"{TEI}teiCorpus"
    assert len(root.findall(f"{TEI}TEI")) == 4


def test_the_header_describes_the_interview_and_where_it_came_from(tmp_path):
    interview = make_typographic_interview()
    source = interview.sources.get()
    header = etree.parse(written(tmp_path, f"--interview={interview.slug}")).find(f"{TEI}teiHeader")

    titles = header.findall(f"{TEI}fileDesc/{TEI}titleStmt/{TEI}title")
    assert {title.get(XML_LANG): title.text for title in titles} == {
        "fr": interview.title_fr,
        "en": interview.title_en,
    }
    text = etree.tostring(header, encoding="unicode")
    for expected in (
        interview.outlet.name,
        "2024-01-15",
        "Zoé Dupré",
        "Jeanne Traductrice",
        interview.source_url,
        source.filename,
        source.sha256,
    ):
        assert expected in text
    languages = header.findall(f"{TEI}profileDesc/{TEI}langUsage/{TEI}language")
    assert [language.get("ident") for language in languages] == ["fr", "en"]


def test_each_passage_is_linked_to_its_translation(tmp_path, seed):
    tree = etree.parse(written(tmp_path, f"--interview={seed.slug}"))
    paragraphs = {p.get(XML_ID): p for p in tree.iter(f"{TEI}p") if p.get(XML_ID)}

    linked = {}
    for link in tree.iter(f"{TEI}link"):
        targets = [paragraphs[target.removeprefix("#")] for target in link.get("target").split()]
        linked[link.get(XML_ID)] = {p.get(XML_LANG): p.text for p in targets}
    assert linked == database_passages(seed)


def test_the_turns_name_their_speakers(tmp_path):
    interview = make_typographic_interview()
    tree = etree.parse(written(tmp_path, f"--interview={interview.slug}"))

    question, answer = tree.iter(f"{TEI}sp")
    assert question.findtext(f"{TEI}speaker") == interview.outlet.name
    people = {person.get(XML_ID) for person in tree.iter(f"{TEI}person")}
    assert set(answer.get("who").replace("#", "").split()) == people


def test_sentences_are_linked_bead_by_bead(tmp_path, seed):
    tree = etree.parse(written(tmp_path, "--level=sentence", f"--interview={seed.slug}"))
    sentences = {s.get(XML_ID): s.text for s in tree.iter(f"{TEI}s")}

    exchange = seed.exchanges.get(position=1)
    links = {link.get(XML_ID): link for link in tree.iter(f"{TEI}link")}
    link = links[f"{exchange.anchor}-p1-s2"]
    assert [sentences[target[1:]] for target in link.get("target").split()] == [
        "Nous allons établir des data centers accessibles à tous, au service des citoyens "
        "et des entreprises.",
        "We will establish data centers accessible to all, serving citizens and businesses.",
    ]


def test_a_paragraph_split_into_sentences_keeps_its_text(tmp_path):
    interview = make_typographic_interview()
    tree = etree.parse(written(tmp_path, "--level=sentence", f"--interview={interview.slug}"))

    texts = {p.get(XML_ID): "".join(p.itertext()) for p in tree.iter(f"{TEI}p")}
    anchor = interview.exchanges.get().anchor
    assert texts[f"{anchor}-p1.fr"] == interview.exchanges.get().paragraphs("fr")[0]


def test_the_header_says_whether_the_translation_was_reviewed(tmp_path, seed):
    path = written(tmp_path, f"--interview={seed.slug}")

    assert jing(path).returncode == 0, jing(path).stdout
    change = etree.parse(path).find(f".//{TEI}revisionDesc/{TEI}change[@type='translation-status']")
    assert change.get("status") == seed.translation_status_en == "draft"
