"""The import preview says where each field was found, in the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.editing import EDITORS, log_in

pytestmark = pytest.mark.django_db

LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"


def preview(client, name: str, language: str):
    text = (LAYOUTS / name).read_text("utf-8")
    data = {"original": "fr", "outlet": "", "fr_text": text, "en_text": "", "action": "preview"}
    return client.post(f"/{language}/edit/import/", data)


def test_the_preview_says_where_the_outlet_and_the_date_were_found(client):
    log_in(client, EDITORS)

    html = preview(client, "30_html_outlet_in_title_fr.html", "en").content.decode()

    assert 'Libération <small class="import-provenance">found in the page title</small>' in html
    assert "found in a date in the page (htmldate)" in html
    assert "found in the standfirst" in html
    assert "Camille Roussel" in html


def test_the_preview_says_it_in_french(client):
    log_in(client, EDITORS)

    html = preview(client, "31_html_outlet_in_footer_fr.html", "fr").content.decode()

    assert "trouvé dans la ligne de copyright du pied de page" in html
