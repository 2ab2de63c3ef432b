"""Word, OpenDocument and legacy-encoded files through the command and the web import."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from interviews.models import Interview
from interviews.office import DOCX, ODT
from interviews.sources import read_source
from tests.editing import EDITORS, log_in
from tests.editing.web_import import confirm, row_counts

pytestmark = pytest.mark.django_db

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"
WORD_FR = LAYOUTS / "20_word_bold_questions_fr.docx"
WRITER_EN = LAYOUTS / "20_word_bold_questions_en.odt"
NBSP, NNBSP = "\u00a0", "\u202f"
QUESTIONS_FR = [
    f"Pourquoi ouvrir le dimanche{NNBSP}?",
    f"Les élus ont-ils suivi{NNBSP}?",
    f"Que manque-t-il aujourd’hui{NNBSP}?",
]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_interview", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def questions(interview: Interview, lang: str) -> list[str]:
    return [getattr(exchange, f"question_{lang}") for exchange in interview.exchanges.all()]


def answer_lengths(interview: Interview, lang: str) -> list[int]:
    return [len(exchange.paragraphs(lang)) for exchange in interview.exchanges.all()]


def upload(client, files: dict[str, Path], original: str = "fr", path: str = "/en/edit/import/"):
    data = {
        f"{lang}_file": SimpleUploadedFile(file.name, file.read_bytes())
        for lang, file in files.items()
    }
    return client.post(path, {"original": original, "outlet": "La Gazette du Val", **data,
                              "action": "preview"})  # fmt: skip


def test_the_command_imports_a_word_original_and_its_odt_translation():
    run("--fr", str(WORD_FR), "--en", str(WRITER_EN), "--outlet", "La Gazette du Val")

    interview = Interview.objects.get()
    assert questions(interview, "fr") == QUESTIONS_FR
    assert questions(interview, "en")[0] == "Why open on Sundays?"
    assert answer_lengths(interview, "fr") == answer_lengths(interview, "en") == [2, 1, 2]
    sources = {source.lang: source for source in interview.sources.all()}
    assert f'<meta name="source-type" content="{DOCX}">' in sources["fr"].content
    assert f'<meta name="source-type" content="{ODT}">' in sources["en"].content
    assert sources["fr"].filename == WORD_FR.name
    digest = hashlib.sha256(WORD_FR.read_bytes()).hexdigest()
    assert f'<meta name="source-sha256" content="{digest}">' in sources["fr"].content
    # Kept as read: the soft hyphen is tidied away from the exchanges only.
    assert "ambiance stu\u00addieuse." in sources["fr"].content


def test_the_command_keeps_a_windows_1252_text_as_it_reads():
    run("--fr", str(LAYOUTS / "21_windows_1252_fr.txt"), "--outlet", "Ouest")

    interview = Interview.objects.get()
    assert questions(interview, "fr") == [
        f"Comment se porte la filière{NBSP}?",
        f"Et le climat{NBSP}?",
    ]
    kept = interview.sources.get().content
    assert kept == (LAYOUTS / "21_windows_1252_fr.txt").read_bytes().decode("cp1252")


def test_the_command_refuses_a_damaged_word_file_and_writes_nothing(tmp_path):
    damaged = tmp_path / "entretien.docx"
    damaged.write_bytes(WORD_FR.read_bytes()[:3000])
    before = row_counts()

    with pytest.raises(CommandError, match=r"entretien\.docx cannot be read as a Word"):
        run("--fr", str(damaged), "--dry-run")
    with pytest.raises(CommandError, match=r"entretien\.docx cannot be read as a Word"):
        run("--fr", str(damaged))

    assert row_counts() == before


def test_the_size_limit_applies_to_the_file_before_it_is_read(settings):
    settings.IMPORT_MAX_SOURCE_BYTES = WORD_FR.stat().st_size - 1

    with pytest.raises(CommandError, match="a text may have at most"):
        run("--fr", str(WORD_FR))


def test_the_web_imports_a_word_original_and_its_odt_translation(client):
    log_in(client, EDITORS)
    preview = upload(client, {"fr": WORD_FR, "en": WRITER_EN})
    assert preview.status_code == 200
    assert len(preview.context["groups"]) == 3

    confirm(client, preview)

    interview = Interview.objects.get()
    assert questions(interview, "fr") == QUESTIONS_FR
    assert answer_lengths(interview, "en") == [2, 1, 2]
    kept = {source.lang: source for source in interview.sources.all()}
    # The same file keeps the same content, by the web as by the command.
    assert kept["fr"].content == read_source(WORD_FR, lang="fr").content
    assert kept["en"].sha256 == read_source(WRITER_EN, lang="en").sha256
    assert kept["en"].content_type == "text/html"


def test_the_web_imports_a_utf16_text(client):
    log_in(client, EDITORS)
    preview = upload(client, {"en": LAYOUTS / "22_utf16_bom_en.txt"}, original="en")

    confirm(client, preview)

    interview = Interview.objects.get()
    assert questions(interview, "en")[0] == "What makes a good translation?"
    assert interview.sources.get().content.startswith("Interview with Maria Ortiz")


def test_the_web_refuses_a_damaged_word_file_in_french_and_writes_nothing(client, tmp_path):
    log_in(client, EDITORS)
    damaged = tmp_path / "entretien.docx"
    damaged.write_bytes(b"PK\x03\x04 cut short")
    before = row_counts()

    response = upload(client, {"fr": damaged}, path="/fr/edit/import/")

    assert response.status_code == 200
    assert (
        f"fr{NBSP}: entretien.docx ne peut pas être lu comme un texte Word ou OpenDocument"
        in response.content.decode()
    )
    assert row_counts() == before
