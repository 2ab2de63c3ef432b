"""`import_interview` at the limits: just under is imported, just over is refused with the
count and the limit, before anything is written."""

from __future__ import annotations

import io
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from interviews.models import Interview
from tests.limits import interview_text

pytestmark = pytest.mark.django_db


def import_file(tmp_path, text: str, *extra: str) -> str:
    path = tmp_path / "fr.txt"
    path.write_text(text, "utf-8")
    out = io.StringIO()
    args = ("--fr", str(path), "--outlet", "Jeune Afrique", "--language", "en", *extra)
    call_command("import_interview", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@override_settings(IMPORT_MAX_EXCHANGES=40)
def test_command_imports_an_interview_with_as_many_exchanges_as_allowed(tmp_path):
    import_file(tmp_path, interview_text("fr", 40))

    assert Interview.objects.get().exchanges.count() == 40


@override_settings(IMPORT_MAX_EXCHANGES=40)
def test_command_refuses_one_exchange_more_than_allowed_naming_both(tmp_path):
    with pytest.raises(CommandError) as refused:
        import_file(tmp_path, interview_text("fr", 41))

    assert "41" in str(refused.value) and "40" in str(refused.value)
    assert "fr (fr.txt)" in str(refused.value)
    assert not Interview.objects.exists()


@override_settings(IMPORT_MAX_PARAGRAPHS=30)
def test_command_refuses_more_paragraphs_than_allowed(tmp_path):
    # 10 questions and 10 × 2 answer paragraphs: 30, then 33.
    import_file(tmp_path, interview_text("fr", 10, paragraphs=2), "--dry-run")
    with pytest.raises(CommandError, match="33"):
        import_file(tmp_path, interview_text("fr", 11, paragraphs=2), "--dry-run")


def test_command_imports_a_text_of_exactly_the_byte_limit(tmp_path):
    text = interview_text("fr", 5)
    with override_settings(IMPORT_MAX_SOURCE_BYTES=len(text.encode())):
        import_file(tmp_path, text)

    assert Interview.objects.exists()


def test_command_refuses_a_text_one_byte_over_the_limit(tmp_path):
    text = interview_text("fr", 5)
    size = len(text.encode())
    with (
        override_settings(IMPORT_MAX_SOURCE_BYTES=size - 1),
        pytest.raises(CommandError) as refused,
    ):
        import_file(tmp_path, text)

    assert f"has {size} bytes; a text may have at most {size - 1}." in str(refused.value)
    assert not Interview.objects.exists()


def test_command_refuses_a_huge_file_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(50 * 2**30)  # 50 GiB, sparse: reading it would take minutes
    started = time.monotonic()

    with pytest.raises(CommandError, match=r"huge\.txt"):
        call_command("import_interview", "--fr", str(huge), stdout=io.StringIO())

    assert time.monotonic() - started < 5
