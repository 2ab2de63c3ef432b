"""The web import: texts in, a preview to check and correct, then a draft, for editors only
(corrections and malformed input: ``test_web_import_corrections``)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from interviews.models import Interview
from tests.editing import EDITORS, REVIEWERS, log_in
from tests.editing.web_import import (
    SEED,
    URL,
    answer_lengths,
    confirm,
    layout,
    paste,
    row_counts,
    seed_text,
)

pytestmark = pytest.mark.django_db


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
