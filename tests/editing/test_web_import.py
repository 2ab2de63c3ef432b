"""The web import: texts in, a preview to check and correct, then a draft, for editors only."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from interviews.models import Interview
from tests.editing import EDITORS, REVIEWERS, log_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
LAYOUTS = ROOT / "fixtures" / "layouts"
URL = "/en/edit/import/"


def seed_text(lang: str) -> str:
    return (SEED / f"{lang}.txt").read_text("utf-8")


def layout(name: str) -> str:
    return (LAYOUTS / name).read_text("utf-8")


def row_counts() -> dict[str, int]:
    counted = [*apps.get_app_config("interviews").get_models(), Version]
    return {model.__name__: model.objects.count() for model in counted}


def paste(client, *, fr: str = "", en: str = "", original: str = "fr", outlet: str = ""):
    data = {"original": original, "outlet": outlet, "fr_text": fr, "en_text": en}
    return client.post(URL, {**data, "action": "preview"})


class PreviewForm(HTMLParser):
    """What a browser would send from the preview page's structure form."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._select = self._textarea = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = "import-preview" in (attrs.get("class") or "")
        if not self._inside:
            return
        if tag == "input" and attrs.get("type") in ("hidden", "text"):
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields.append((attrs["name"], attrs["value"]))
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and "selected" in attrs:
            self.fields.append((self._select, attrs["value"]))
        elif tag == "textarea":
            self._textarea, self._text = attrs["name"], ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop the one newline that may follow <textarea>.
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None

    def data(self, action: str) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {"action": [action]}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        return data


def preview_data(response, action: str) -> dict[str, list[str]]:
    form = PreviewForm()
    form.feed(response.content.decode())
    return form.data(action)


def confirm(client, preview, action: str = "import", **changes):
    return client.post(URL, {**preview_data(preview, action), **changes})


def structure(response, lang: str) -> list:
    """The preview's paragraphs of ``lang``, in order, as its rows show them."""
    return [
        cell
        for group in response.context["groups"]
        for row in group.rows
        for cell in row.cells
        if cell and cell.lang == lang
    ]


def answer_counts(response, lang: str = "fr") -> list[int]:
    """How many answer paragraphs each exchange of the preview has in ``lang``."""
    return [
        sum(1 for row in group.rows for cell in row.cells if cell and cell.lang == lang
            and cell.role == "answer")
        for group in response.context["groups"]
    ]  # fmt: skip


def answer_lengths(interview: Interview, lang: str = "fr") -> list[int]:
    return [len(exchange.paragraphs(lang)) for exchange in interview.exchanges.all()]


# Who may import


def test_anonymous_user_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_reader_is_refused(client):
    log_in(client)
    assert client.get(URL).status_code == 403
    assert paste(client, fr=seed_text("fr")).status_code == 403
    assert not Interview.objects.exists()


def test_dashboard_links_to_the_import_page(client):
    log_in(client, EDITORS)
    assert f'href="{URL}"' in client.get("/en/edit/").content.decode()


def test_editor_sees_the_form(client):
    log_in(client, EDITORS)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


# Preview and import


def test_pasted_pair_previews_four_exchanges_and_the_warnings_without_writing(client):
    log_in(client, EDITORS)
    before = row_counts()

    response = paste(client, fr=seed_text("fr"), en=seed_text("en"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="import-exchange"') == 4
    assert "4 exchanges found" in html
    assert "was taken as a question, although it is not marked" in html
    assert "Redouane El Haloui" in html
    assert '<time datetime="2024-10-05">' in html
    assert row_counts() == before


def test_confirming_saves_a_draft_with_the_sources_verbatim(client):
    user = log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"), en=seed_text("en"))

    response = confirm(client, preview)

    interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/edit/interviews/{interview.slug}/translate/"
    assert interview.status == Interview.Status.DRAFT
    assert answer_lengths(interview, "fr") == [2, 5, 3, 3]
    assert answer_lengths(interview, "en") == [2, 5, 3, 3]
    kept = dict(interview.sources.values_list("lang", "content"))
    assert kept == {"fr": seed_text("fr"), "en": seed_text("en")}
    assert Version.objects.get_for_object(interview).get().revision.user == user
    assert "Imported as a draft." in client.get(response["Location"]).content.decode()


def test_pasted_text_with_browser_line_ends_is_kept_with_the_file_line_ends(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr").replace("\n", "\r\n"))

    confirm(client, preview)

    assert Interview.objects.get().sources.get().content == seed_text("fr")


def test_uploaded_files_are_imported_with_their_names(client):
    log_in(client, EDITORS)
    files = {
        f"{lang}_file": SimpleUploadedFile(f"{lang}.txt", (SEED / f"{lang}.txt").read_bytes())
        for lang in ("fr", "en")
    }
    preview = client.post(URL, {"original": "fr", "action": "preview", **files})
    assert preview.status_code == 200
    assert len(preview.context["groups"]) == 4

    confirm(client, preview)

    interview = Interview.objects.get()
    assert dict(interview.sources.values_list("lang", "filename")) == {
        "fr": "fr.txt",
        "en": "en.txt",
    }
    assert interview.sources.get(lang="en").content == seed_text("en")


def test_french_alone_is_imported_untranslated(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))
    assert preview.context["columns"] == ["fr"]

    confirm(client, preview)

    interview = Interview.objects.get()
    assert answer_lengths(interview, "fr") == [2, 5, 3, 3]
    assert interview.translation_status_en == Interview.TranslationStatus.MISSING
    assert list(interview.sources.values_list("lang", flat=True)) == ["fr"]


def test_an_english_original_may_come_alone(client):
    log_in(client, EDITORS)
    preview = paste(client, en=layout("03_unmarked_questions_en.txt"), original="en", outlet="X")

    confirm(client, preview)

    assert Interview.objects.get().original_language == "en"


def test_editor_cannot_publish_on_import(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=seed_text("fr"))
    assert 'value="publish"' not in preview.content.decode()

    assert confirm(client, preview, "publish").status_code == 403
    assert not Interview.objects.exists()


def test_reviewer_may_import_and_publish(client):
    log_in(client, EDITORS, REVIEWERS)
    preview = paste(client, fr=seed_text("fr"))
    assert 'value="publish"' in preview.content.decode()

    confirm(client, preview, "publish")

    assert Interview.objects.get().status == Interview.Status.PUBLISHED


def test_the_outlet_may_be_named_when_the_article_does_not(client):
    log_in(client, EDITORS)
    preview = paste(client, fr=layout("02_q_r_propos_recueillis_fr.txt"))

    refused = confirm(client, preview)

    assert refused.status_code == 200
    assert "No outlet found in the article" in refused.content.decode()
    assert not Interview.objects.exists()
    confirm(client, refused, outlet="Ouest-France")
    assert Interview.objects.get().outlet.name == "Ouest-France"


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
