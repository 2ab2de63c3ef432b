"""What the import says when it refuses or warns: in the interface's language, quoting the
passage it is about (never a line number of a text the editor never saw numbered)."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.editing import EDITORS, log_in
from tests.editing.web_import import confirm, layout, paste, preview_data, seed_text

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LINE_NUMBER = re.compile(r"\b(?:lines?|lignes?) \d", re.IGNORECASE)
PAIR_93 = {
    "fr_text": layout("93_question_count_mismatch_fr.txt"),
    "en_text": layout("93_question_count_mismatch_en.txt"),
}
GUIDED_41 = {
    "original": "en",
    "fr_text": layout("41_guardian_qa_unmarked_fr.txt"),
    "en_text": layout("41_guardian_qa_bold_en.html"),
}
SPLIT_42 = {
    "fr_text": layout("42_split_and_merged_fr.txt"),
    "en_text": layout("42_split_and_merged_en.txt"),
}
SEED_PAIR = {"fr_text": seed_text("fr"), "en_text": seed_text("en")}

# (what is sent, the English message, the French one, the passage it quotes)
REFUSALS = {
    "no confident alignment": (
        PAIR_93,
        "no confident alignment of their paragraphs exists: the sides part at fr “",
        "aucun alignement sûr de leurs paragraphes n’existe\u00a0: les deux textes divergent à "
        "fr «",
        "Les jeunes sont-ils intéressés",
    ),
    "question without answer": (
        {"fr_text": layout("94_missing_answer_fr.txt")},
        "exchange 2: the question “– Par quoi remplacez-vous le ski",
        "échange 2\u00a0: la question «\u00a0– Par quoi remplacez-vous le ski",
        "Combien cela coûte-t-il",
    ),
    "not an interview": (
        {"original": "en", "en_text": layout("92_news_report_not_an_interview_en.txt")},
        "not an interview: no question/answer structure found in the text from “",
        "ce n’est pas un entretien\u00a0: aucune structure de questions et réponses",
        "The city council voted on Tuesday",
    ),
    "empty text": (
        {"fr_text": layout("90_empty.txt")},
        "fr: pasted-fr.txt is empty.",
        "fr\u00a0: pasted-fr.txt est vide.",
        "pasted-fr.txt",
    ),
    "unsupported format": (
        {"fr_file": ("entretien.doc", b"\xd0\xcf\x11\xe0 Word 97")},
        "entretien.doc is an older Word (.doc) or Office file",
        "entretien.doc est un fichier Word ancien (.doc)",
        "entretien.doc",
    ),
    "bad encoding": (
        {"fr_file": ("entretien.txt", b"\xff\xfe" + "Bonjour".encode("utf-16-le") + b"\x00")},
        "entretien.txt is not UTF-16 text as it says",
        "entretien.txt n’est pas un texte en UTF-16 comme il",
        "entretien.txt",
    ),
}
WARNINGS = {
    "unmarked question": (
        SEED_PAIR,
        "was taken as a question, although it is not marked as the earlier questions are.",
        "a été pris pour une question, bien qu’il ne soit pas marqué",
        "What is the situation of 5G",
    ),
    "laid on the other structure": (
        GUIDED_41,
        "the paragraphs of fr were laid on the structure of en.",
        "les paragraphes en fr ont été placés sur la structure en en.",
        "pasted-fr.txt",
    ),
    "doubtful exchange": (
        GUIDED_41,
        "Exchange 2: unsure where fr places it (confidence 0.22): “",
        "Échange 2\u00a0: sa place en fr est incertaine (confiance 0.22)\u00a0: «",
        "Parlez-nous de votre propre jardin.",
    ),
    "split paragraph": (
        SPLIT_42,
        "Exchange 2: en splits a paragraph of fr in two (“",
        "Échange 2\u00a0: en coupe en deux un paragraphe de fr («\u00a0",
        "Le prix d’abord",
    ),
    "merged paragraphs": (
        SPLIT_42,
        "Exchange 3: en merges two paragraphs of fr into one (“",
        "Échange 3\u00a0: en fait un seul paragraphe de deux paragraphes de fr",
        "Oui, et c’est la surprise de l’étude.",
    ),
    "missing metadata": (
        {"fr_text": layout("02_q_r_propos_recueillis_fr.txt")},
        "fr (pasted-fr.txt): no outlet found.",
        "fr (pasted-fr.txt)\u00a0: aucun média trouvé.",
        "pasted-fr.txt",
    ),
}


def send(client, prefix: str, fields: dict) -> str:
    data = {"original": "fr", "outlet": "", "action": "preview"}
    for name, value in fields.items():
        data[name] = SimpleUploadedFile(*value) if name.endswith("_file") else value
    response = client.post(f"/{prefix}/edit/import/", data)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("case", [*REFUSALS, *WARNINGS])
@pytest.mark.parametrize("prefix", ["en", "fr"])
def test_the_message_is_in_the_interface_language_and_quotes_its_passage(client, case, prefix):
    fields, english, french, passage = {**REFUSALS, **WARNINGS}[case]
    log_in(client, EDITORS)

    page = send(client, prefix, fields)

    message = english if prefix == "en" else french
    assert message in page
    said = next(line for line in page.splitlines() if message in line)
    assert passage in said
    assert not LINE_NUMBER.search(said)
    assert (french if prefix == "en" else english) not in page


def test_a_text_too_large_is_refused_in_the_interface_language(client, settings):
    settings.IMPORT_MAX_SOURCE_BYTES = 1_000
    log_in(client, EDITORS)

    english = send(client, "en", {"fr_text": seed_text("fr")})
    french = send(client, "fr", {"fr_text": seed_text("fr")})

    assert "fr: pasted-fr.txt has" in english and "a text may have at most 1,000." in english
    assert "un texte peut en faire au plus 1\u00a0000." in french


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("en", "already in the archive: “We are going to establish data centers"),
        ("fr", "déjà dans l’archive\u00a0: « Nous allons établir des data centers"),
    ],
)
def test_a_duplicate_is_named_by_its_title_in_the_interface_language(client, prefix, message):
    log_in(client, EDITORS)
    confirm(client, paste(client, fr=seed_text("fr"), en=seed_text("en"), outlet="Le Desk"))

    page = send(client, prefix, {**SEED_PAIR, "outlet": "Le Desk"})

    assert message in re.sub(r"<[^>]+>", "", page)  # the title is a link to the interview


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("en", "the answer “"),
        ("fr", "la réponse «\u00a0"),
    ],
)
def test_a_correction_refused_quotes_the_paragraph(client, prefix, message):
    log_in(client, EDITORS)
    data = preview_data(paste(client, fr=seed_text("fr")), "recheck")
    data["fr_paragraphs-role"][0] = "answer"

    page = html.unescape(client.post(f"/{prefix}/edit/import/", data).content.decode())

    said = next(line for line in page.splitlines() if message in line)
    assert data["fr_paragraphs-text"][0][:30] in said
    assert not LINE_NUMBER.search(said)


# Every message's source: the import pipeline raises and warns through gettext only.
SOURCES = [
    *sorted((ROOT / "interviews" / "importing").glob("*.py")),
    *(
        ROOT / "interviews" / name
        for name in ("services.py", "sources.py", "batches.py", "limits.py")
    ),
]
PROBLEMS = {"ImportProblem", "SourceError", "BatchProblem", "DuplicateImport", "CommandError"}


def _messages(tree: ast.AST):
    """The first argument of each problem raised and of each warning appended."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
            if name in PROBLEMS and node.exc.args:
                yield node.exc.args[0]
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "append"
            and getattr(node.func.value, "id", "") == "warnings"
        ):
            yield node.args[0]


def _words_outside_gettext(node: ast.AST) -> list[str]:
    """The string literals with words in them that ``node`` holds outside a gettext call."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[A-Za-z]{2}", node.value) else []
    if isinstance(node, ast.Dict):  # its keys name placeholders
        return [text for value in node.values for text in _words_outside_gettext(value)]
    return [text for child in ast.iter_child_nodes(node) for text in _words_outside_gettext(child)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_every_refusal_and_warning_is_a_translatable_message(path):
    tree = ast.parse(path.read_text("utf-8"))

    untranslated = [text for message in _messages(tree) for text in _words_outside_gettext(message)]

    assert untranslated == []
