from __future__ import annotations

import subprocess
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]


def test_every_interface_string_has_a_french_translation():
    po = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_french_catalogue_is_compiled_and_used():
    with translation.override("fr"):
        assert translation.gettext("Latest interviews") == "Derniers entretiens"
