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


def test_the_french_catalogue_covers_every_string_in_the_code(settings, tmp_path, monkeypatch):
    """Re-extract the strings from a copy of the code into a copy of the catalogue: the
    catalogue must already hold every one of them, translated."""
    import shutil

    from django.core.management import call_command

    for name in ("archive", "interviews", "search", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("makemessages", locale=["fr"], verbosity=0)
    po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
