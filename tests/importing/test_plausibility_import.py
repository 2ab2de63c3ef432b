"""A translation that is not one of its article: refused, or flagged, by the web import and
by `import_interview`, in the interface's language."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interviews.models import Interview
from tests.editing import EDITORS, log_in
from tests.editing.web_import import preview_data, row_counts
from tests.importing.mismatched import SEED, swapped_english, unrelated_english

pytestmark = pytest.mark.django_db

REFUSED = {
    "en": "The translation does not seem to be of this article: only 0 of the 3 numbers",
    "fr": "La traduction ne semble pas être celle de cet article\u00a0: seuls 0 sur 3 nombres",
}
DOUBTED = {
    "en": "The translation may not be of this article",
    "fr": "La traduction n’est peut-être pas celle de cet article",
}
MARKED = {"en": "Least plausible exchanges:", "fr": "Échanges les moins plausibles\u00a0:"}


def french() -> str:
    return (SEED / "fr.txt").read_text("utf-8")


def out_of_step() -> str:
    return swapped_english("What is the situation of 5G", "What changes are expected")


def preview(client, lang: str, english: str):
    data = {"original": "fr", "outlet": "", "fr_text": french(), "en_text": english}
    return client.post(f"/{lang}/edit/import/", {**data, "action": "preview"})


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_preview_says_an_unrelated_translation_will_be_refused(client, lang):
    log_in(client, EDITORS)

    html = preview(client, lang, unrelated_english()).content.decode()

    assert 'data-verdict="refused"' in html
    assert REFUSED[lang] in html


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_importing_an_unrelated_translation_is_refused_and_writes_nothing(client, lang):
    log_in(client, EDITORS)
    shown = preview(client, lang, unrelated_english())
    before = row_counts()

    response = client.post(f"/{lang}/edit/import/", preview_data(shown, "import"))

    assert response.status_code == 200
    assert REFUSED[lang] in response.content.decode()
    assert row_counts() == before


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_preview_flags_exchanges_out_of_step_and_marks_them(client, lang):
    log_in(client, EDITORS)

    html = preview(client, lang, out_of_step()).content.decode()

    assert 'data-verdict="doubtful"' in html
    assert DOUBTED[lang] in html and MARKED[lang] in html
    assert html.count('class="import-plausibility__exchange"') == 2


def test_a_doubtful_translation_may_still_be_imported(client):
    log_in(client, EDITORS)

    shown = preview(client, "en", out_of_step())
    response = client.post("/en/edit/import/", preview_data(shown, "import"))

    assert response.status_code == 302
    assert Interview.objects.count() == 1


def test_a_real_translation_is_not_flagged(client):
    log_in(client, EDITORS)

    html = preview(client, "en", (SEED / "en.txt").read_text("utf-8")).content.decode()

    assert "import-plausibility" not in html


def write(tmp_path, english: str) -> list[str]:
    (tmp_path / "en.txt").write_text(english, "utf-8")
    return ["--fr", str(SEED / "fr.txt"), "--en", str(tmp_path / "en.txt")]


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_the_command_refuses_an_unrelated_translation(tmp_path, dry_run):
    before = row_counts()

    with pytest.raises(CommandError, match="does not seem to be of this article"):
        call_command("import_interview", *write(tmp_path, unrelated_english()), *dry_run)

    assert row_counts() == before


def test_the_command_flags_exchanges_out_of_step_in_text_and_json(tmp_path):
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_interview",
        *write(tmp_path, out_of_step()),
        "--dry-run",
        "--json",
        stdout=out,
        stderr=err,
    )

    assert "warning: The translation may not be of this article" in err.getvalue()
    assert "Check exchanges 3 and 4." in err.getvalue()
    plausibility = json.loads(out.getvalue())["plausibility"]
    assert plausibility["verdict"] == "doubtful"
    assert plausibility["least_plausible"] == [3, 4]
    assert "Digital" in plausibility["evidence"]["names"]["matched"]
