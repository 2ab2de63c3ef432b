"""TEI P5, valid against ``tei_all``: one named interview is a ``<TEI>``; the corpus, a
search or several interviews a ``<teiCorpus>`` of them.

Header (in the interface language): ``fileDesc`` (titles in each language, interviewer
and translators; the archive as publisher and distributor, the permalink, availability;
``sourceDesc``: the article as a ``biblStruct`` — its titles, interviewees, interviewer,
source URL, the outlet and the date — then the imported source documents, file name and
SHA-256), ``profileDesc`` (``langUsage``, the people in ``particDesc``, the topics) and
``revisionDesc`` (the translation's status, then each import).

Body: a ``<div type="exchange" xml:id="x-<uid>">`` per exchange. The question is a turn of
the interviewer, the answer one of the interviewees, each passage once per language, the
original first: ``<sp who="#…"><speaker>…</speaker><p xml:id="x-<uid>-p1.fr" xml:lang="fr">``.
A ``<linkGrp type="translation">`` closes the exchange: a ``<link type="passage">`` per
passage, whose ``xml:id`` is the passage's anchor and whose ``target`` names its ``<p>`` in
each language. At sentence level each ``<p>`` holds its sentences as ``<s xml:id="….s1">``
(what lies between them kept as it is), and a ``<link type="sentence">`` per bead, named
after the bead's anchor, names the sentences of each language that translate each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..languages import language_name
from ..models import Interview, Person, TranslationStatus
from ..passages import QUESTION, Passage, bead_anchor
from ..speakers import speaker_name
from .units import SENTENCE, Export, ExportedExchange, ExportedInterview
from .xmlstream import XmlStream

TEI_NS = "http://www.tei-c.org/ns/1.0"


def write(export: Export) -> Iterator[str]:
    xml = XmlStream()
    if export.single:
        for item in export.interviews:
            _write_interview(xml, item, export.level, {"xmlns": TEI_NS})
    else:
        with xml.block("teiCorpus", {"xmlns": TEI_NS, "xml:lang": _interface_language()}):
            _write_corpus_header(xml, export)
            yield xml.drain()
            for item in export.interviews:
                _write_interview(xml, item, export.level)
                yield xml.drain()
    yield xml.drain()


def _interface_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _write_corpus_header(xml: XmlStream, export: Export) -> None:
    with xml.block("teiHeader"), xml.block("fileDesc"):
        with xml.block("titleStmt"):
            xml.leaf("title", export.title)
        _write_publication(xml, url="")
        with xml.block("sourceDesc"):
            xml.leaf("p", _("Exported from the archive; each interview’s header names its source."))


def _write_publication(xml: XmlStream, *, url: str) -> None:
    with xml.block("publicationStmt"):
        xml.leaf("publisher", _("Interview archive"))
        xml.leaf("distributor", _("Interview archive"))
        if url:
            xml.leaf("idno", url, {"type": "URI"})
        today = datetime.now(UTC).date().isoformat()
        xml.leaf("date", today, {"when": today, "type": "export"})
        with xml.block("availability", {"status": "restricted"}):
            xml.leaf(
                "p",
                _(
                    "Each interview belongs to its outlet and each translation to the archive: "
                    "quote them with their permalink."
                ),
            )


def _write_interview(
    xml: XmlStream, item: ExportedInterview, level: str, attrs: dict[str, str] | None = None
) -> None:
    interview = item.interview
    with xml.block("TEI", {**(attrs or {}), "xml:lang": interview.original_language}):
        speakers = _Speakers(interview)
        _write_header(xml, item, speakers)
        with xml.block("text"), xml.block("body"):
            for exchange in item.exchanges:
                _write_exchange(xml, exchange, interview.language_codes, speakers, level)


class _Speakers:
    """The people of an interview, with ids unique in a corpus (interview slug + person slug)."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.interviewees = list(interview.interviewees.all())
        self.interviewer = interview.interviewer

    def id(self, person: Person) -> str:
        return f"i-{self.interview.slug}.{person.slug}"

    def who(self, part: str) -> str:
        people = [self.interviewer] if part == QUESTION else self.interviewees
        return " ".join(f"#{self.id(person)}" for person in people if person)

    def speaker(self, part: str) -> str:
        return speaker_name(
            part,
            interviewer=self.interviewer,
            interviewees=self.interviewees,
            outlet=self.interview.outlet,
        )


def _write_header(xml: XmlStream, item: ExportedInterview, speakers: _Speakers) -> None:
    interview = item.interview
    sources = list(interview.sources.all())
    with xml.block("teiHeader", {"xml:lang": _interface_language()}):
        with xml.block("fileDesc"):
            with xml.block("titleStmt"):
                _write_titles(xml, interview, {"type": "main"})
                if speakers.interviewer:
                    _write_resp(xml, _("interviewer"), speakers.interviewer, speakers)
                for lang in interview.language_codes:
                    translator = getattr(interview, f"translator_{lang}")
                    if lang != interview.original_language and translator:
                        with xml.block("respStmt"):
                            xml.leaf("resp", _("translation (%(lang)s)") % {"lang": lang})
                            xml.leaf("name", translator)
            _write_publication(xml, url=item.url)
            with xml.block("sourceDesc"):
                _write_source(xml, interview, speakers)
                if sources:
                    with xml.block("listBibl", {"type": "imported-sources"}):
                        for source in sources:
                            with xml.block("bibl", {"type": source.content_type}):
                                xml.leaf("title", source.filename or str(source))
                                xml.leaf("idno", source.sha256, {"type": "SHA-256"})
                                xml.leaf("textLang", attrs={"mainLang": source.lang})
        _write_profile(xml, interview, speakers)
        with xml.block("revisionDesc", {"status": interview.status}):
            # Whether the translation was reviewed travels with the text (issue 16).
            lang = interview.translation_language
            status = TranslationStatus(getattr(interview, f"translation_status_{lang}"))
            xml.leaf(
                "change",
                _("Translation (%(lang)s): %(status)s") % {"lang": lang, "status": status.label},
                {"type": "translation-status", "status": status.value},
            )
            for source in sources:
                xml.leaf(
                    "change",
                    _("Imported from %(filename)s") % {"filename": source.filename or source},
                    {"when": source.imported_at.isoformat(), "type": "import"},
                )


def _write_titles(xml: XmlStream, interview: Interview, attrs: dict[str, str]) -> None:
    for lang in interview.language_codes:
        if title := getattr(interview, f"title_{lang}"):
            xml.leaf("title", title, {**attrs, "xml:lang": lang})


def _write_resp(xml: XmlStream, resp: str, person: Person, speakers: _Speakers) -> None:
    with xml.block("respStmt"):
        xml.leaf("resp", resp)
        xml.leaf("persName", person.name, {"ref": f"#{speakers.id(person)}"})


def _write_source(xml: XmlStream, interview: Interview, speakers: _Speakers) -> None:
    with xml.block("biblStruct"):
        with xml.block("analytic"):
            _write_titles(xml, interview, {"level": "a"})
            for person in speakers.interviewees:
                _write_resp(xml, _("interviewee"), person, speakers)
            if speakers.interviewer:
                _write_resp(xml, _("interviewer"), speakers.interviewer, speakers)
            if interview.source_url:
                xml.leaf("idno", interview.source_url, {"type": "URI"})
        with xml.block("monogr"):
            xml.leaf("title", interview.outlet.name, {"level": "j"})
            with xml.block("imprint"):
                xml.leaf("publisher", interview.outlet.name)
                if interview.published_on:
                    day = interview.published_on.isoformat()
                    xml.leaf("date", day, {"when": day})


def _write_profile(xml: XmlStream, interview: Interview, speakers: _Speakers) -> None:
    with xml.block("profileDesc"):
        with xml.block("langUsage"):
            for lang in interview.language_codes:
                xml.leaf("language", language_name(lang), {"ident": lang})
        people = [(person, "interviewee") for person in speakers.interviewees]
        if speakers.interviewer and speakers.interviewer not in speakers.interviewees:
            people.append((speakers.interviewer, "interviewer"))
        if people:
            with xml.block("particDesc"), xml.block("listPerson"):
                for person, role in people:
                    with xml.block("person", {"xml:id": speakers.id(person), "role": role}):
                        xml.leaf("persName", person.name)
                        for lang in interview.language_codes:
                            if occupation := getattr(person, f"role_{lang}"):
                                xml.leaf("occupation", occupation, {"xml:lang": lang})
        topics = list(interview.topics.all())
        if topics:
            with xml.block("textClass"), xml.block("keywords"):
                for topic in topics:
                    for lang in interview.language_codes:
                        if name := getattr(topic, f"name_{lang}"):
                            xml.leaf("term", name, {"key": topic.slug, "xml:lang": lang})


def _write_exchange(
    xml: XmlStream,
    exchange: ExportedExchange,
    languages: tuple[str, ...],
    speakers: _Speakers,
    level: str,
) -> None:
    links: list[dict[str, str | int]] = []
    attrs: dict[str, str | int] = {
        "type": "exchange",
        "n": exchange.exchange.position,
        "xml:id": exchange.exchange.anchor,
    }
    with xml.block("div", attrs):
        for part, passages in groupby(exchange.passages, key=lambda passage: passage.part):
            with xml.block("sp", {"who": speakers.who(part)}):
                xml.leaf("speaker", speakers.speaker(part))
                for passage in passages:
                    for lang in languages:
                        _write_paragraph(xml, passage, lang, level)
                    links.extend(_links(passage, languages, level))
        if links:
            with xml.block("linkGrp", {"type": "translation"}):
                for link in links:
                    xml.leaf("link", attrs=link)


def _paragraph_id(passage: Passage, lang: str) -> str:
    return f"{passage.anchor}.{lang}"


def _sentence_id(passage: Passage, lang: str, index: int) -> str:
    return f"{_paragraph_id(passage, lang)}.s{index + 1}"


def _write_paragraph(xml: XmlStream, passage: Passage, lang: str, level: str) -> None:
    text = passage.texts[lang]
    if not text:
        return
    attrs = {
        "xml:id": _paragraph_id(passage, lang),
        "xml:lang": lang,
        "n": passage.paragraph or None,
    }
    if level != SENTENCE:
        xml.leaf("p", text, attrs)
        return
    with xml.element("p", attrs):
        position = 0
        for index, sentence in enumerate(passage.sentences.sentences[lang]):
            xml.text(text[position : sentence.start])
            with xml.element("s", {"xml:id": _sentence_id(passage, lang, index)}):
                xml.text(sentence.text)
            position = sentence.end
        xml.text(text[position:])
    xml.newline()


def _links(
    passage: Passage, languages: tuple[str, ...], level: str
) -> Iterator[dict[str, str | int]]:
    """The attributes of the links between the languages of ``passage``: itself, and
    at sentence level each bead with sentences in every language."""
    if not all(passage.texts[lang] for lang in languages):
        return
    yield {
        "xml:id": passage.anchor,
        "type": "passage",
        "target": " ".join(f"#{_paragraph_id(passage, lang)}" for lang in languages),
    }
    if level != SENTENCE:
        return
    for number, bead in enumerate(passage.sentences.beads, start=1):
        if all(bead.indices[lang] for lang in languages):
            targets = [
                f"#{_sentence_id(passage, lang, index)}"
                for lang in languages
                for index in bead.indices[lang]
            ]
            anchor = bead_anchor(passage.anchor, number)
            yield {"xml:id": anchor, "type": "sentence", "n": number, "target": " ".join(targets)}
