"""Helpers shared by the export tests."""

from __future__ import annotations

import hashlib
import subprocess
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from interviews.models import Exchange, Interview, SourceDocument
from interviews.paragraphs import join_paragraphs
from interviews.passages import exchange_passages
from tests.factories import make_interview, make_person

TEI_SCHEMA = settings.BASE_DIR / "fixtures" / "schemas" / "tei_all.rng"
FORMATS = ("tmx", "tei", "csv", "json")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEI = "{http://www.tei-c.org/ns/1.0}"

# French typography as the archive stores it: « » with U+00A0 inside, U+202F before ; ? !,
# U+00A0 before : and inside numbers, ’ for the apostrophe; and English curly quotes.
QUESTION = {
    "fr": "Qu’attendez-vous de «\u00a0Maroc Digital\u00a02030\u00a0»\u202f?",
    "en": "What do you expect from “Digital Morocco 2030”?",
}
PARAGRAPHS = {
    "fr": [
        "«\u00a0Des data centers accessibles à tous\u00a0», répond-il. C’est l’essentiel\u202f!",
        "Le coût\u00a0: 10\u202f000\u00a0dirhams\u202f; la durée\u00a0: deux ans.",
        "Ce paragraphe n’a pas encore de traduction.",
    ],
    "en": [
        "“Data centers accessible to all,” he replies. That’s what matters!",
        "The cost: 10,000 dirhams; the duration: two years.",
    ],
}
SOURCE = "«\u00a0Entretien\u00a0» — texte brut, tel qu’importé.\n"


def make_typographic_interview(**fields) -> Interview:
    """A published interview whose texts carry French typography, with a paragraph not yet
    translated, a translation needing review, a translator and an imported source."""
    fields.setdefault("title_fr", "«\u00a0L’avenir est numérique\u00a0»")
    fields.setdefault("title_en", "“The future is digital”")
    interview = make_interview(
        exchanges=0,
        translation_status_en=Interview.TranslationStatus.NEEDS_REVIEW,
        translator_en="Jeanne Traductrice",
        source_url="https://example.org/entretien",
        **fields,
    )
    Exchange.objects.create(
        interview=interview,
        position=1,
        question_fr=QUESTION["fr"],
        question_en=QUESTION["en"],
        answer_fr=join_paragraphs(PARAGRAPHS["fr"]),
        answer_en=join_paragraphs(PARAGRAPHS["en"]),
        status_fr=Exchange.Status.REVIEWED,
        status_en=Exchange.Status.NEEDS_REVIEW,
    )
    SourceDocument.objects.create(
        interview=interview,
        lang="fr",
        filename="entretien-fr.txt",
        content=SOURCE,
        sha256=hashlib.sha256(SOURCE.encode()).hexdigest(),
    )
    interview.interviewees.add(make_person("Zoé Dupré"))
    return interview


def database_passages(interview: Interview) -> dict[str, dict[str, str]]:
    """Every passage of ``interview`` with text, by anchor: its text in each language."""
    return {
        passage.anchor: passage.texts
        for exchange in interview.exchanges.order_by("position")
        for passage in exchange_passages(exchange)
        if any(passage.texts.values())
    }


def export_corpus(*args: str) -> str:
    """What ``export_corpus`` writes on standard output."""
    out = StringIO()
    call_command("export_corpus", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def jing(path: Path) -> subprocess.CompletedProcess:
    """jing's verdict on ``path`` against TEI's tei_all schema (return code 0: valid)."""
    return subprocess.run(["jing", str(TEI_SCHEMA), str(path)], capture_output=True, text=True)


def rebuild_index() -> None:
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
