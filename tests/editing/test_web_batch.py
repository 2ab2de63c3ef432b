"""The web batch import: a ZIP of real layouts uploaded by an editor, each interview
imported on its own, and the report as a table in the interface's language."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from reversion.models import Version

from interviews import batches
from interviews.models import Exchange, Interview, SourceDocument
from interviews.views.batches import report_rows
from tests.editing import EDITORS, REVIEWERS, log_in

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
LAYOUTS = ROOT / "fixtures" / "layouts"
URL = "/en/edit/import/batch/"

SEED_PAIR = {"seed.fr.txt": SEED / "fr.txt", "seed.en.txt": SEED / "en.txt"}
RHETORICAL = {"rhetorical.fr.txt": LAYOUTS / "05_rhetorical_questions_le_monde_fr.txt"}
# Its French laid on the English's structure: exchange 2 is the one it is least sure of.
GUARDIAN = {
    "guardian.fr.txt": LAYOUTS / "41_guardian_qa_unmarked_fr.txt",
    "guardian.en.html": LAYOUTS / "41_guardian_qa_bold_en.html",
}
EMPTY = {"empty.fr.txt": LAYOUTS / "90_empty.txt"}
NEWS = {"news.en.txt": LAYOUTS / "92_news_report_not_an_interview_en.txt"}


def zip_of(files: dict[str, Path], name: str = "batch.zip") -> SimpleUploadedFile:
    """A ZIP holding a copy of each fixture under its name in the batch."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for inside, fixture in files.items():
            archive.writestr(inside, fixture.read_bytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def upload(client, files: dict[str, Path], *, url: str = URL, **fields):
    return client.post(url, {"archive": zip_of(files), "outlet": "", **fields})


def page_text(response) -> str:
    """The page, its runs of ASCII white space made one space (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def statuses(response) -> dict[str, str]:
    return {row.result.name: row.result.status for row in response.context["report"]}


def test_an_editor_uploads_a_zip_and_every_interview_in_it_is_imported(client):
    user = log_in(client, EDITORS)

    response = upload(client, SEED_PAIR | RHETORICAL | GUARDIAN)

    assert response.status_code == 200
    assert statuses(response) == {
        "seed": "imported",
        "rhetorical": "imported",
        "guardian": "imported",
    }
    assert Interview.objects.count() == 3
    assert not Interview.objects.published().exists()  # drafts: nobody chose to publish
    seed = Interview.objects.get(slug=response.context["report"][0].result.detail)
    assert set(seed.sources.values_list("lang", flat=True)) == {"fr", "en"}
    assert Version.objects.get_for_object(seed).first().revision.user == user


def test_the_report_is_a_table_linking_each_imported_interview(client):
    log_in(client, EDITORS)

    html = page_text(upload(client, SEED_PAIR | RHETORICAL))

    assert "2 interviews processed: 2 imported, 0 duplicate, 0 refused." in html
    for interview in Interview.objects.all():
        assert f'href="/en/edit/interviews/{interview.slug}/translate/"' in html
    assert html.count('<tr class="batch-report__row batch-report__row--imported">') == 2
    assert "<code>seed.en.txt</code><br><code>seed.fr.txt</code>" in html


def test_the_report_links_straight_to_each_doubtful_exchange_in_the_translation_editor(client):
    log_in(client, EDITORS)

    response = upload(client, GUARDIAN)

    row = response.context["report"][0]
    assert row.result.doubtful == (2,)
    exchange = Exchange.objects.get(interview=row.interview, position=2)
    anchor = exchange.anchor
    link = f"/en/edit/interviews/{row.interview.slug}/translate/?at={anchor}#{anchor}"
    assert row.doubtful == [(2, link)]
    assert f'href="{link}">⚠ Exchange 2</a>' in response.content.decode()
    editor = client.get(link.split("#")[0])
    assert editor.status_code == 200
    assert f'id="{exchange.anchor}"' in editor.content.decode()


def test_an_interview_already_in_the_archive_is_reported_as_a_duplicate_and_not_created_twice(
    client,
):
    log_in(client, EDITORS)
    upload(client, SEED_PAIR)

    response = upload(client, {"copy.fr.txt": SEED / "fr.txt"} | RHETORICAL)

    assert statuses(response) == {"copy": "duplicate", "rhetorical": "imported"}
    duplicate = response.context["report"][0]
    assert "already in the archive" in duplicate.result.detail
    assert Interview.objects.count() == 2
    assert '<span class="badge badge--duplicate">Duplicate</span>' in response.content.decode()


def test_a_bad_file_is_reported_with_its_reason_and_the_others_are_imported(client):
    log_in(client, EDITORS)

    response = upload(client, EMPTY | NEWS | SEED_PAIR)

    assert statuses(response) == {"empty": "refused", "news": "refused", "seed": "imported"}
    html = response.content.decode()
    assert "fr: empty.fr.txt is empty." in html
    assert "not an interview" in html
    assert Interview.objects.count() == 1
    assert SourceDocument.objects.count() == 2  # nothing of the refused ones was written


def test_the_report_is_in_french_in_the_french_interface(client):
    log_in(client, EDITORS)

    response = upload(client, EMPTY | SEED_PAIR, url="/fr/edit/import/batch/")

    html = page_text(response)
    assert "2 entretiens traités\u00a0: 1 importé(s), 0 doublon(s), 1 refusé(s)." in html
    assert "fr\u00a0: empty.fr.txt est vide." in html
    assert '<span class="badge badge--refused">Refusé</span>' in html
    assert '<span class="badge badge--imported">Importé</span>' in html


def test_a_file_that_is_not_a_zip_is_refused_in_the_editors_language_and_nothing_written(client):
    log_in(client, EDITORS)
    text = SimpleUploadedFile("notes.zip", b"not a zip at all", content_type="application/zip")

    english = client.post(URL, {"archive": text})
    text.seek(0)
    french = client.post("/fr/edit/import/batch/", {"archive": text})

    assert "notes.zip is neither a folder nor a ZIP file" in english.content.decode()
    assert "notes.zip n’est ni un dossier ni un fichier ZIP" in french.content.decode()
    assert english.context["report"] is None
    assert not Interview.objects.exists()


def test_a_damaged_zip_is_refused_and_nothing_is_written(client):
    log_in(client, EDITORS)
    whole = zip_of(SEED_PAIR | RHETORICAL).read()
    # The first entry's data overwritten: its CRC no longer matches.
    damaged = whole[:60] + bytes(200) + whole[260:]

    response = client.post(URL, {"archive": SimpleUploadedFile("batch.zip", damaged)})

    assert "cannot be read as a ZIP file" in response.content.decode()
    assert not Interview.objects.exists()


def test_a_zip_with_more_files_than_a_batch_may_hold_is_refused_before_anything_is_written(
    client, settings
):
    settings.IMPORT_MAX_BATCH_FILES = 2
    log_in(client, EDITORS)

    response = upload(client, SEED_PAIR | RHETORICAL)

    assert "This batch has 3 files; a batch may have at most 2." in response.content.decode()
    assert not Interview.objects.exists()


def test_a_zip_larger_than_a_batch_may_be_is_refused_before_it_is_opened(client, settings):
    settings.IMPORT_MAX_BATCH_BYTES = 1000
    log_in(client, EDITORS)

    response = upload(client, SEED_PAIR)

    assert "bytes; a batch may have at most 1,000." in response.content.decode()
    assert not Interview.objects.exists()


def test_an_upload_far_larger_than_a_batch_may_be_is_refused_unread(client, settings):
    settings.IMPORT_MAX_BATCH_BYTES = 1000
    log_in(client, EDITORS)
    huge = SimpleUploadedFile("batch.zip", os.urandom(200_000))

    response = client.post(URL, {"archive": huge})

    assert response.status_code == 413
    assert "a batch may have at most 1,000." in response.content.decode()
    assert not Interview.objects.exists()


def test_someone_not_logged_in_is_sent_to_log_in_and_nothing_is_written(client):
    response = upload(client, SEED_PAIR)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/edit/import/batch/")
    assert client.get(URL).status_code == 302
    assert not Interview.objects.exists()


def test_a_user_who_may_not_import_is_refused(client):
    log_in(client)

    assert client.get(URL).status_code == 403
    assert upload(client, SEED_PAIR).status_code == 403
    assert not Interview.objects.exists()


def test_an_upload_without_the_csrf_token_is_refused(client):
    csrf_client = Client(enforce_csrf_checks=True)
    log_in(csrf_client, EDITORS)

    response = upload(csrf_client, SEED_PAIR)

    assert response.status_code == 403
    assert not Interview.objects.exists()


def test_only_an_editor_who_may_publish_is_offered_to_publish(client):
    log_in(client, EDITORS)
    assert 'name="publish"' not in client.get(URL).content.decode()

    assert upload(client, SEED_PAIR, publish="on").status_code == 403
    assert not Interview.objects.exists()


def test_a_reviewer_publishes_the_batch_when_choosing_to(client):
    log_in(client, EDITORS, REVIEWERS)
    assert 'name="publish"' in client.get(URL).content.decode()

    response = upload(client, SEED_PAIR | RHETORICAL, publish="on")

    assert set(statuses(response).values()) == {"imported"}
    assert Interview.objects.published().count() == 2


def test_the_outlet_given_names_the_articles_that_do_not(client):
    log_in(client, EDITORS)
    alone = {"alternate.fr.txt": LAYOUTS / "40_alternate_markers_fr.txt"}

    refused = upload(client, alone)
    imported = upload(client, alone, outlet="Le Matin")

    assert statuses(refused) == {"alternate": "refused"}
    assert statuses(imported) == {"alternate": "imported"}
    assert Interview.objects.get().outlet.name == "Le Matin"


def test_the_dashboard_and_the_import_page_link_to_the_batch_upload(client):
    log_in(client, EDITORS)

    for page in ("/en/edit/", "/en/edit/import/"):
        assert f'href="{URL}"' in client.get(page).content.decode()


def test_the_report_costs_two_queries_whatever_the_batch(client, django_assert_num_queries):
    log_in(client, EDITORS)
    results = [
        *upload(client, GUARDIAN | SEED_PAIR).context["report"],
        *upload(client, EMPTY).context["report"],
    ]

    with django_assert_num_queries(2):
        rows = report_rows([row.result for row in results])

    assert [len(row.doubtful) for row in rows] == [1, 0, 0]
    assert [row.result.status for row in rows] == [
        batches.IMPORTED, batches.IMPORTED, batches.REFUSED
    ]  # fmt: skip


def test_a_zip_too_large_to_be_kept_in_memory_is_read_from_its_temporary_file(client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    log_in(client, EDITORS)

    response = upload(client, SEED_PAIR)

    assert statuses(response) == {"seed": "imported"}


@pytest.mark.parametrize("elsewhere", ["/etc/hostname", "../../../../etc/hostname"])
def test_a_manifest_naming_a_file_outside_the_batch_is_refused_and_nothing_read(client, elsewhere):
    log_in(client, EDITORS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.csv", f"fr,en\n{elsewhere},\n")
    upload = SimpleUploadedFile("batch.zip", buffer.getvalue())

    response = client.post(URL, {"archive": upload})

    assert f"manifest.csv, line 2: {elsewhere} is outside the batch" in page_text(response)
    assert response.context["report"] is None
    assert not Interview.objects.exists()
