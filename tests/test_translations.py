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


def test_french_strings_follow_french_typography():
    """No breaking space before : ; ? ! or » nor after «: a line must never break there."""
    import re

    lines = (ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text("utf-8").splitlines()
    french, in_msgstr = [], False
    for line in lines:
        if line.startswith(("msgid", "msgctxt", "#")):
            in_msgstr = False
        in_msgstr = in_msgstr or line.startswith("msgstr")
        if in_msgstr and '"' in line:
            french.append(line[line.index('"') + 1 : -1])
    offending = [text for text in french if re.search(r" [:;?!»]|« ", text)]
    assert french and not offending
