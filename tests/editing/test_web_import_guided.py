"""The web import of a translation laid on its original's structure: the exchanges it is
least sure of are marked in the preview, in the interface's language."""

from __future__ import annotations

import pytest

from tests.editing import EDITORS, log_in
from tests.editing.web_import import layout

pytestmark = pytest.mark.django_db


def preview(client, prefix: str):
    return client.post(
        f"/{prefix}/edit/import/",
        {
            "original": "en",
            "outlet": "",
            "fr_text": layout("41_guardian_qa_unmarked_fr.txt"),
            "en_text": layout("41_guardian_qa_bold_en.html"),
            "action": "preview",
        },
    )


def test_the_preview_marks_the_exchange_it_is_least_sure_of(client):
    log_in(client, EDITORS)

    response = preview(client, "en")

    html = response.content.decode()
    assert [group.doubtful for group in response.context["groups"]] == [
        False, True, False, False
    ]  # fmt: skip
    assert html.count('class="import-exchange import-exchange--flagged"') == 1
    assert html.count("⚠ check the alignment") == 1
    assert "the paragraphs of fr were laid on the structure of en" in html


def test_the_marker_is_in_french_in_the_french_interface(client):
    log_in(client, EDITORS)

    html = preview(client, "fr").content.decode()

    assert "⚠ vérifier l’alignement" in html
    assert "sans grande certitude\u00a0: vérifiez" in html
