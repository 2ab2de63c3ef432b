"""`import_interview`: all or nothing, and a one-line reason when it is nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Version

from interviews.models import Interview

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
LAYOUTS = ROOT / "fixtures" / "layouts"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_interview", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def row_counts() -> dict[str, int]:
    counted = [*apps.get_app_config("interviews").get_models(), Version]
    return {model.__name__: model.objects.count() for model in counted}


@pytest.mark.django_db
def test_dry_run_json_prints_the_contract_and_writes_nothing():
    before = row_counts()
    out, _err = run(
        "--fr", str(SEED / "fr.txt"), "--en", str(SEED / "en.txt"), "--dry-run", "--json"
    )

    data = json.loads(out)
    assert set(data) == {
        "title", "standfirst", "outlet", "published_on", "interviewees", "exchanges",
        "plausibility", "provenance",
    }  # fmt: skip
    assert data["plausibility"]["verdict"] == "plausible"
    assert data["published_on"] == "2024-10-05"
    assert data["interviewees"] == ["Redouane El Haloui"]
    assert [(len(e["answer"]["fr"]), len(e["answer"]["en"])) for e in data["exchanges"]] == [
        (2, 2), (5, 5), (3, 3), (3, 3)
    ]  # fmt: skip
    assert all(set(e["question"]) == {"fr", "en"} for e in data["exchanges"])
    assert row_counts() == before


@pytest.mark.django_db
def test_an_import_saves_a_draft_with_both_files_verbatim():
    out, _err = run("--fr", str(SEED / "fr.txt"), "--en", str(SEED / "en.txt"))

    interview = Interview.objects.get()
    assert interview.status == Interview.Status.DRAFT
    assert interview.slug in out
    kept = dict(interview.sources.values_list("lang", "content"))
    assert kept == {lang: (SEED / f"{lang}.txt").read_text("utf-8") for lang in ("fr", "en")}


@pytest.mark.django_db
def test_publish_makes_it_public():
    run("--fr", str(SEED / "fr.txt"), "--en", str(SEED / "en.txt"), "--publish", "--json")

    assert Interview.objects.published().count() == 1


@pytest.mark.django_db
def test_an_english_original_with_its_french_translation():
    out, _err = run(
        "--fr", str(LAYOUTS / "06_merged_paragraphs_fr.txt"),
        "--en", str(LAYOUTS / "06_merged_paragraphs_en.txt"),
        "--original", "en", "--dry-run", "--json",
    )  # fmt: skip

    data = json.loads(out)
    assert data["exchanges"]
    assert all(len(e["answer"]["fr"]) == len(e["answer"]["en"]) for e in data["exchanges"]), (
        "aligned units hold text on both sides"
    )


def bad_inputs(tmp_path) -> dict[str, list[str]]:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01 not text")
    return {
        "missing file": ["--fr", str(tmp_path / "nowhere.txt")],
        "empty file": ["--fr", str(LAYOUTS / "90_empty.txt")],
        "undecodable file": ["--fr", str(binary)],
        "only boilerplate": ["--fr", str(LAYOUTS / "91_only_boilerplate.txt")],
        "not an interview": ["--en", str(LAYOUTS / "92_news_report_not_an_interview_en.txt"),
                             "--fr", str(SEED / "fr.txt"), "--original", "en"],
        "unalignable": ["--fr", str(LAYOUTS / "93_question_count_mismatch_fr.txt"),
                        "--en", str(LAYOUTS / "93_question_count_mismatch_en.txt")],
        "missing answer": ["--fr", str(LAYOUTS / "94_missing_answer_fr.txt")],
        "a directory": ["--fr", str(tmp_path)],
    }  # fmt: skip


@pytest.mark.parametrize(
    "case",
    [
        "missing file",
        "empty file",
        "undecodable file",
        "only boilerplate",
        "not an interview",
        "unalignable",
        "missing answer",
        "a directory",
    ],
)
def test_bad_input_gives_one_line_and_changes_nothing(seed, tmp_path, case):
    before = row_counts()

    with pytest.raises(CommandError) as raised:
        run(*bad_inputs(tmp_path)[case])

    message = str(raised.value)
    assert message and "\n" not in message
    assert row_counts() == before


@pytest.mark.parametrize("case", ["missing file", "undecodable file", "unalignable"])
def test_from_the_shell_bad_input_exits_non_zero_without_a_traceback(tmp_path, case):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_interview", *bad_inputs(tmp_path)[case]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("CommandError: ")
