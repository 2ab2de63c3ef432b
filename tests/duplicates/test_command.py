"""`import_interview` with what is already in the archive: refused unless --if-exists says
otherwise, and said by --dry-run and --json."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interviews.models import Interview
from tests.duplicates import SEED, look_alike, respaced, seed_text

pytestmark = pytest.mark.django_db

PAIR = ("--fr", str(SEED / "fr.txt"), "--en", str(SEED / "en.txt"))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_interview", *args, "--language", "en", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        run(*args)
    return str(error.value)


def test_the_same_files_twice_are_refused_and_the_second_time_writes_nothing():
    run(*PAIR)
    first = Interview.objects.get()

    message = refused(*PAIR)

    # In English (--language en), the interview is named by its English title.
    assert message.startswith("already in the archive: “We are going to establish data centers")
    assert message.endswith(
        ", draft. Not imported: choose to replace the existing draft, or to keep both. "
        "Use --if-exists replace or --if-exists keep-both."
    )
    assert Interview.objects.get() == first


def test_a_published_duplicate_is_offered_only_to_keep_both():
    run(*PAIR, "--publish")

    assert refused(*PAIR).endswith("Use --if-exists keep-both.")
    assert "never replaced" in refused(*PAIR, "--if-exists", "replace")


def test_a_copy_saved_again_with_other_spacing_is_refused(tmp_path):
    run("--fr", str(SEED / "fr.txt"))
    copy = tmp_path / "copie.txt"
    copy.write_text(respaced(seed_text("fr")), "utf-8")

    assert refused("--fr", str(copy)).startswith("already in the archive: ")
    assert Interview.objects.count() == 1


def test_dry_run_says_what_is_already_in_the_archive():
    run(*PAIR)

    out = run(*PAIR, "--dry-run")

    assert out.startswith("already in the archive: ")
    assert "Not imported" in out
    assert Interview.objects.count() == 1


def test_dry_run_says_which_draft_it_would_replace():
    run(*PAIR)
    slug = Interview.objects.get().slug

    lines = run(*PAIR, "--dry-run", "--if-exists", "replace").splitlines()

    assert lines[0].startswith("already in the archive: ")
    assert lines[1] == f"Would replace {slug}: 4 exchanges (2/5/3/3 paragraphs)"


def test_dry_run_json_lists_the_matches_and_what_the_import_would_do():
    existing = look_alike()

    data = json.loads(run("--fr", str(SEED / "fr.txt"), "--dry-run", "--json"))

    duplicates = data["duplicates"]
    assert duplicates["action"] == "refuse"
    assert duplicates["message"].endswith("Use --if-exists keep-both.")
    [match] = duplicates["matches"]
    assert match["slug"] == existing.slug
    assert match["reasons"] == ["title"]
    assert (match["published_on"], match["status"]) == ("2024-10-05", "published")
    assert match["message"].startswith("already in the archive: ")


def test_dry_run_json_says_nothing_of_duplicates_when_there_is_none():
    assert "duplicates" not in json.loads(run(*PAIR, "--dry-run", "--json"))


def test_replace_keeps_the_drafts_address():
    run("--fr", str(SEED / "fr.txt"))
    first = Interview.objects.get()

    out = run(*PAIR, "--if-exists", "replace")

    assert out.startswith(f"Imported (draft) {first.slug}: ")
    assert Interview.objects.get().translation_status_en == "draft"


def test_keep_both_imports_a_second_interview():
    run(*PAIR)

    out = run(*PAIR, "--if-exists", "keep-both")

    assert Interview.objects.count() == 2
    assert "-2: " in out


def test_an_unknown_choice_is_refused_by_the_parser():
    result = subprocess.run(
        [sys.executable, "manage.py", "import_interview", *PAIR, "--if-exists", "keep"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "choose from 'refuse', 'replace', 'keep-both'" in result.stderr
