"""``manage.py export_corpus``: what it exports, where it writes, how it refuses."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from interviews.exporting import FORMATS, Format
from interviews.models import Interview
from tests.factories import make_interview

from . import export_corpus, rebuild_index

pytestmark = pytest.mark.django_db


def slugs(body: str) -> list[str]:
    return [interview["slug"] for interview in json.loads(body)["interviews"]]


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        export_corpus(*args)
    return str(refused.value)


def test_without_interview_nor_query_it_exports_the_whole_published_corpus(seed):
    other = make_interview()
    make_interview(status=Interview.Status.DRAFT)

    assert sorted(slugs(export_corpus("--format=json"))) == sorted([seed.slug, other.slug])


def test_interview_may_be_repeated_and_keeps_its_order(seed):
    other = make_interview()
    make_interview()

    body = export_corpus("--format=json", f"--interview={other.slug}", "--interview", seed.slug)

    assert slugs(body) == [other.slug, seed.slug]


def test_query_within_named_interviews_keeps_theirs_only(db):
    kept, left_out = make_interview(), make_interview()
    rebuild_index()

    body = export_corpus("--format=json", "--query=paragraph", f"--interview={kept.slug}")

    assert slugs(body) == [kept.slug]
    assert left_out.slug not in body


def test_permalinks_start_with_the_site_url(settings, seed):
    settings.SITE_URL = "https://archive.example.org"

    body = export_corpus("--format=csv", f"--interview={seed.slug}")

    assert f"https://archive.example.org/fr/interviews/{seed.slug}/?at=x-" in body


def test_output_file_is_written_whole_and_nothing_else_is_left(tmp_path, seed):
    output = tmp_path / "corpus.tmx"

    assert export_corpus("--format=tmx", f"--output={output}") == ""

    assert output.read_text("utf-8").rstrip().endswith("</tmx>")
    assert [path.name for path in tmp_path.iterdir()] == ["corpus.tmx"]


def test_a_failed_export_leaves_no_partial_file(tmp_path, seed, monkeypatch):
    def failing(export):
        yield "<?xml version='1.0'?><tmx>"
        raise RuntimeError("the database went away")

    monkeypatch.setitem(FORMATS, "tmx", Format("tmx", "", "", failing))
    output = tmp_path / "corpus.tmx"
    output.write_text("the previous, complete export")

    with pytest.raises(RuntimeError):
        export_corpus("--format=tmx", f"--output={output}")

    assert output.read_text() == "the previous, complete export"
    assert [path.name for path in tmp_path.iterdir()] == ["corpus.tmx"]


def test_unwritable_output_is_refused_in_one_line(tmp_path, seed):
    message = refusal("--format=csv", f"--output={tmp_path / 'missing' / 'corpus.csv'}")

    assert "missing" in message and "\n" not in message


def test_unknown_format_is_refused_in_one_line(seed):
    message = refusal("--format=xls")

    assert "xls" in message and "\n" not in message


def test_unknown_level_is_refused_in_one_line(seed):
    message = refusal("--format=csv", "--level=word")

    assert "word" in message and "\n" not in message


def test_unknown_interview_is_refused_in_one_line(seed):
    message = refusal("--format=csv", f"--interview={seed.slug}", "--interview=nobody")

    assert "nobody" in message and "\n" not in message


def test_a_draft_is_refused_like_an_unknown_interview(db):
    draft = make_interview(status=Interview.Status.DRAFT)

    assert draft.slug in refusal("--format=csv", f"--interview={draft.slug}")


def test_a_query_finding_nothing_is_refused_and_writes_no_file(tmp_path, seed):
    rebuild_index()
    output = tmp_path / "found.csv"

    message = refusal("--format=csv", "--query=introuvable", f"--output={output}")

    assert "\n" not in message
    assert not output.exists()


def test_an_empty_corpus_is_refused(db):
    assert "\n" not in refusal("--format=json")


def test_no_progress_bar_when_stderr_is_not_a_terminal(seed):
    errors = StringIO()

    call_command("export_corpus", "--format=csv", stdout=StringIO(), stderr=errors)

    assert errors.getvalue() == ""
