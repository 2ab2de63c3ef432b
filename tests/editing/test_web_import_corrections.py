"""The web import's corrections (a paragraph made a question, joined, split) and its
malformed input: a one-line message, nothing written, never a 500."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews.models import Interview
from tests.editing import EDITORS, log_in
from tests.editing.web_import import (
    URL,
    answer_counts,
    answer_lengths,
    confirm,
    layout,
    paste,
    preview_data,
    row_counts,
    seed_text,
    structure,
)

pytestmark = pytest.mark.django_db


# Corrections


def test_marking_an_answer_paragraph_as_a_question_starts_an_exchange(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))
    data = preview_data(preview, "recheck")
    data["fr_paragraphs-role"][5] = "question"  # exchange 2's second answer paragraph

    rechecked = client.post(URL, data)

    assert len(rechecked.context["groups"]) == 5
    roles = [p.role for p in structure(rechecked, "fr")]
    assert roles[3:7] == ["question", "answer", "question", "answer"]
    confirm(client, rechecked)
    assert answer_lengths(Interview.objects.get()) == [2, 1, 3, 3, 3]


def test_joining_a_paragraph_with_the_previous_one(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))
    first, second = (p.text for p in structure(preview, "fr")[1:3])

    confirm(client, preview, **{"fr_paragraphs-join": ["2"]})

    interview = Interview.objects.get()
    assert answer_lengths(interview) == [1, 5, 3, 3]
    assert interview.exchanges.first().paragraphs("fr") == [f"{first} {second}"]


def test_a_blank_line_typed_in_a_paragraph_splits_it(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))
    data = preview_data(preview, "recheck")
    text = data["fr_paragraphs-text"][1]
    cut = text.index(". ") + 1
    data["fr_paragraphs-text"][1] = f"{text[:cut]}\r\n\r\n{text[cut + 1 :]}"

    rechecked = client.post(URL, data)

    assert answer_counts(rechecked) == [3, 5, 3, 3]
    confirm(client, rechecked)
    assert Interview.objects.get().exchanges.first().paragraphs("fr")[0] == text[:cut]


def test_corrections_do_not_change_the_kept_sources(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))

    confirm(client, preview, **{"fr_paragraphs-join": ["2"]})

    assert Interview.objects.get().sources.get().content == seed_text("fr")


def test_a_correction_breaking_the_alignment_is_reported_and_stays_editable(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"), en=seed_text("en"))
    data = preview_data(preview, "import")
    data["fr_paragraphs-role"][5] = "question"
    # The question's translation deleted: nothing on the English side can stand for it.
    translated = data["en_paragraphs-text"][5]
    data["en_paragraphs-text"][5] = ""
    before = row_counts()

    response = client.post(URL, data)

    assert response.status_code == 200
    assert "5 in fr (pasted-fr.txt)" in response.content.decode()
    assert 'name="fr_paragraphs-role"' in response.content.decode()
    assert response.context["aligned"] is None
    assert row_counts() == before
    fixed = preview_data(response, "import")
    fixed["fr_paragraphs-role"][5] = "answer"
    fixed["en_paragraphs-text"].insert(5, translated)
    fixed["en_paragraphs-role"].insert(5, "answer")
    fixed["en_paragraphs-line"].insert(5, fixed["en_paragraphs-line"][5])
    assert client.post(URL, fixed).status_code == 302
    assert answer_lengths(Interview.objects.get()) == [2, 5, 3, 3]


def test_an_answer_before_any_question_is_reported(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))
    data = preview_data(preview, "recheck")
    data["fr_paragraphs-role"][0] = "answer"

    response = client.post(URL, data)

    assert "comes before the first question" in response.content.decode()
    assert response.context["aligned"] is None


# Malformed input: a one-line message, nothing written, never a 500


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"fr_text": "   \n  "}, "fr: pasted-fr.txt is empty"),
        ({"fr_text": layout("90_empty.txt")}, "fr: pasted-fr.txt is empty"),
        ({"fr_file": ("fr.txt", b"")}, "fr: fr.txt is empty"),
        ({"fr_file": ("fr.doc", b"\xd0\xcf\x11\xe0 Word")}, "fr: fr.doc is an older Word"),
        ({"fr_file": ("fr.bin", b"PK\x03\x04\x00\x00text")}, "fr.bin is a binary file"),
        ({"fr_text": layout("91_only_boilerplate.txt")}, "not an interview"),
        (
            {"en_text": layout("92_news_report_not_an_interview_en.txt"), "original": "en"},
            "not an interview: no question/answer structure found",
        ),
        (
            {
                "fr_text": layout("93_question_count_mismatch_fr.txt"),
                "en_text": layout("93_question_count_mismatch_en.txt"),
            },
            "Exchanges found",
        ),
        ({"fr_text": layout("94_missing_answer_fr.txt")}, "has no answer"),
        ({"en_text": seed_text("en")}, "The original text is missing"),
        (
            {"fr_text": seed_text("fr"), "fr_file": ("fr.txt", b"text")},
            "Upload a file or paste a text, not both.",
        ),
    ],
)
def test_malformed_input_is_reported_and_writes_nothing(client, fields, message):
    log_in(client, EDITORS)
    before = row_counts()
    data = {"original": "fr", "action": "preview"}
    for name, value in fields.items():
        data[name] = SimpleUploadedFile(*value) if name.endswith("_file") else value

    response = client.post(URL, data)

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert row_counts() == before


def test_confirming_an_unalignable_pair_writes_nothing(client):
    log_in(client, EDITORS)
    preview = paste(
        client,
        fr=layout("93_question_count_mismatch_fr.txt"),
        en=layout("93_question_count_mismatch_en.txt"),
    )
    before = row_counts()

    response = confirm(client, preview)

    assert response.status_code == 200
    assert "Exchanges found" in response.content.decode()
    assert row_counts() == before


@pytest.mark.parametrize(
    "change",
    [
        {"fr_content": ["not base64!"]},
        {"fr_content": [""]},
        {"fr_content": [base64.b64encode(b"Just a line, no interview.").decode()]},
        {"fr_content": [base64.b64encode(b"\xff\xfe").decode()]},
        {"fr_paragraphs-role": ["chorus"]},
        {"fr_paragraphs-line": ["x"]},
        {"fr_paragraphs-join": ["first"]},
        {"action": ["delete"]},
    ],
)
def test_a_tampered_preview_is_a_bad_request(client, change):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))

    response = client.post(URL, {**preview_data(preview, "import"), **change})

    assert response.status_code == 400
    assert not Interview.objects.exists()
