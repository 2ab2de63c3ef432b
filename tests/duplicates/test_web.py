"""The web import of an interview already in the archive: the preview says so, with a link,
and the import is refused unless the editor chooses to replace the draft or keep both."""

from __future__ import annotations

import pytest
from reversion.models import Version

from interviews.models import Interview
from tests.duplicates import look_alike, raw, respaced, save, seed_pair, seed_text
from tests.editing import EDITORS, REVIEWERS, log_in
from tests.editing.web_import import confirm, paste

pytestmark = pytest.mark.django_db


def test_the_preview_says_what_is_already_in_the_archive_with_a_link(client):
    log_in(client, EDITORS)
    existing = save(seed_pair())

    html = paste(client, fr=seed_text("fr"), en=seed_text("en")).content.decode()

    assert "Already in the archive" in html
    assert "already in the archive: <a" in html
    assert f'href="/en/edit/interviews/{existing.slug}/translate/"' in html
    assert "the same source file, the same text, the same title, outlet and date" in html
    assert 'name="if_exists" value="keep-both"' in html


def test_a_preview_with_no_duplicate_offers_no_choice(client):
    log_in(client, EDITORS)

    html = paste(client, fr=seed_text("fr")).content.decode()

    assert "already in the archive" not in html
    assert 'name="if_exists"' not in html


def test_importing_it_again_without_a_choice_is_refused(client):
    log_in(client, EDITORS)
    existing = save(seed_pair())
    versions = Version.objects.count()

    response = confirm(client, paste(client, fr=seed_text("fr"), en=seed_text("en")))

    assert response.status_code == 200
    assert "Not imported: choose to replace the existing draft, or to keep both." in (
        response.content.decode()
    )
    assert Interview.objects.get() == existing
    assert Version.objects.count() == versions


def test_a_copy_with_other_spacing_is_refused_too(client):
    log_in(client, EDITORS)
    save([raw("fr")])

    response = confirm(client, paste(client, fr=respaced(seed_text("fr"))))

    assert response.status_code == 200
    assert Interview.objects.count() == 1


def test_keeping_both_imports_a_second_interview(client):
    log_in(client, EDITORS)
    existing = save(seed_pair())

    preview = paste(client, fr=seed_text("fr"), en=seed_text("en"))
    response = confirm(client, preview, if_exists="keep-both")

    assert response.status_code == 302
    second = Interview.objects.exclude(pk=existing.pk).get()
    assert second.slug == f"{existing.slug}-2"


def test_replacing_the_draft_keeps_its_address(client):
    log_in(client, EDITORS)
    existing = save([raw("fr")])

    preview = paste(client, fr=seed_text("fr"), en=seed_text("en"))
    response = confirm(client, preview, if_exists="replace")

    assert response["Location"] == f"/en/edit/interviews/{existing.slug}/translate/"
    assert Interview.objects.get().translation_status_en == "draft"


def test_a_published_interview_is_not_replaced(client):
    log_in(client, EDITORS, REVIEWERS)
    existing = save(seed_pair(), publish=True)

    preview = paste(client, fr=seed_text("fr"), en=seed_text("en"))
    response = confirm(client, preview, "publish", if_exists="replace")

    assert "a published interview is never replaced by an import" in response.content.decode()
    assert Interview.objects.get() == existing


def test_the_french_preview_says_it_in_french(client):
    log_in(client, EDITORS)
    look_alike()

    html = client.post(
        "/fr/edit/import/",
        {"original": "fr", "outlet": "", "fr_text": seed_text("fr"), "action": "preview"},
    ).content.decode()

    assert "Déjà dans l’archive" in html
    assert "déjà dans l’archive\u00a0: <a" in html
    assert "(le même titre, le même média et la même date)" in html
    assert "Remplacer le brouillon existant par cet import" in html
