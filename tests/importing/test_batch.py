"""`import_batch`: a folder or a ZIP of real layouts, each interview imported on its own, a
refused one never stopping the others, and a report of each."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interviews.models import Interview, SourceDocument

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed"
LAYOUTS = ROOT / "fixtures" / "layouts"

pytestmark = pytest.mark.django_db

# name in the batch -> the fixture it is a copy of
GOOD = {
    "seed.fr.txt": SEED / "fr.txt",
    "seed.en.txt": SEED / "en.txt",
    "rhetorical.fr.txt": LAYOUTS / "05_rhetorical_questions_le_monde_fr.txt",
    "named-answers.fr.txt": LAYOUTS / "04_outlet_prefix_named_answers_fr.txt",
    "bold.fr.html": LAYOUTS / "01_html_bold_questions_fr.html",
}
BAD = {
    "empty.fr.txt": LAYOUTS / "90_empty.txt",
    "news.en.txt": LAYOUTS / "92_news_report_not_an_interview_en.txt",
    "mismatch.fr.txt": LAYOUTS / "93_question_count_mismatch_fr.txt",
    "mismatch.en.txt": LAYOUTS / "93_question_count_mismatch_en.txt",
}


def make_batch(folder: Path, files: dict[str, Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return folder


def zipped(folder: Path) -> Path:
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w") as handle:
        for path in sorted(folder.rglob("*")):
            handle.write(path, path.relative_to(folder).as_posix())
    return archive


def run(*args: str) -> tuple[list[dict[str, object]], str]:
    """The JSON report, and the error the command ended with ("" when none)."""
    out = io.StringIO()
    try:
        call_command("import_batch", *args, "--json", stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return json.loads(out.getvalue()), str(error)
    return json.loads(out.getvalue()), ""


def by_name(report: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(row["name"]): row for row in report}


def test_a_folder_imports_every_good_interview_and_reports_every_bad_one(tmp_path):
    batch = make_batch(tmp_path / "batch", GOOD | BAD)
    report, error = run(str(batch))
    rows = by_name(report)
    assert {name for name, row in rows.items() if row["status"] == "imported"} == {
        "seed",
        "rhetorical",
        "named-answers",
        "bold",
    }
    assert {name for name, row in rows.items() if row["status"] == "refused"} == {
        "empty",
        "news",
        "mismatch",
    }
    assert "is empty" in str(rows["empty"]["detail"])
    assert "not an interview" in str(rows["news"]["detail"])
    assert error == "7 interviews processed: 4 imported, 0 duplicate, 3 refused."
    assert Interview.objects.count() == 4
    seed = Interview.objects.get(slug=rows["seed"]["detail"])
    assert set(seed.sources.values_list("lang", flat=True)) == {"fr", "en"}
    # Nothing of a refused interview was written.
    assert SourceDocument.objects.count() == 5


def test_a_zip_is_the_same_batch(tmp_path):
    archive = zipped(make_batch(tmp_path / "batch", GOOD | {"empty.fr.txt": BAD["empty.fr.txt"]}))
    report, error = run(str(archive))
    assert sorted((row["name"], row["status"]) for row in report) == [
        ("bold", "imported"),
        ("empty", "refused"),
        ("named-answers", "imported"),
        ("rhetorical", "imported"),
        ("seed", "imported"),
    ]
    assert error == "5 interviews processed: 4 imported, 0 duplicate, 1 refused."


def test_files_in_subfolders_pair_within_their_folder(tmp_path):
    batch = make_batch(
        tmp_path / "batch",
        {"march/seed.fr.txt": SEED / "fr.txt", "march/seed.en.txt": SEED / "en.txt"},
    )
    report, error = run(str(batch))
    assert [(row["name"], row["status"]) for row in report] == [("march/seed", "imported")]
    assert error == ""


def test_a_file_whose_language_cannot_be_told_is_reported_not_guessed(tmp_path):
    batch = make_batch(tmp_path / "batch", {"seed.txt": SEED / "fr.txt"})
    report, error = run(str(batch))
    assert [(row["name"], row["status"]) for row in report] == [("seed.txt", "refused")]
    assert "Cannot tell its language" in str(report[0]["detail"])
    assert error == "1 interview processed: 0 imported, 0 duplicate, 1 refused."
    assert not Interview.objects.exists()


def oversized_translation(tmp_path: Path) -> tuple[Path, int]:
    """The seed's translation with a long paragraph more, and a size limit it is over while
    every other file of ``GOOD`` is within it."""
    padded = tmp_path / "padded.en.txt"
    text = (SEED / "en.txt").read_text("utf-8")
    padded.write_text(text + "\n\n" + "Padding. " * 4000, encoding="utf-8")
    return padded, max(path.stat().st_size for path in GOOD.values())


def test_a_zip_file_over_the_size_limit_refuses_its_interview_not_the_batch(tmp_path, settings):
    padded, settings.IMPORT_MAX_SOURCE_BYTES = oversized_translation(tmp_path)
    files = GOOD | {"padded/seed.fr.txt": SEED / "fr.txt", "padded/seed.en.txt": padded}

    report, error = run(str(zipped(make_batch(tmp_path / "batch", files))))

    rows = by_name(report)
    assert rows["padded/seed"]["status"] == "refused"
    assert "padded/seed.en.txt has" in str(rows["padded/seed"]["detail"])
    assert "a text may have at most" in str(rows["padded/seed"]["detail"])
    assert error == "5 interviews processed: 4 imported, 0 duplicate, 1 refused."
    # Its French half was not imported alone either.
    assert Interview.objects.count() == 4
    assert SourceDocument.objects.count() == 5


def test_a_manifest_row_naming_a_file_over_the_limit_refuses_that_row_only(tmp_path, settings):
    padded, settings.IMPORT_MAX_SOURCE_BYTES = oversized_translation(tmp_path)
    batch = make_batch(
        tmp_path / "batch",
        {"a.txt": SEED / "fr.txt", "b.txt": padded, "c.html": GOOD["bold.fr.html"]},
    )
    (batch / "manifest.csv").write_text("fr,en\na.txt,b.txt\nc.html,\n", encoding="utf-8")

    report, error = run(str(zipped(batch)))

    assert [(row["name"], row["status"]) for row in report] == [
        ("a.txt", "refused"),
        ("c.html", "imported"),
    ]
    assert error == "2 interviews processed: 1 imported, 0 duplicate, 1 refused."
    assert Interview.objects.count() == 1


def test_a_manifest_pairs_files_whatever_their_names_and_names_the_outlet(tmp_path):
    batch = make_batch(
        tmp_path / "batch",
        {"texte.txt": SEED / "fr.txt", "translation.txt": SEED / "en.txt"},
    )
    (batch / "manifest.csv").write_text(
        "fr,en,original,outlet\ntexte.txt,translation.txt,fr,Le Matin\n", encoding="utf-8"
    )
    report, error = run(str(batch))
    assert [row["status"] for row in report] == ["imported"]
    assert error == ""
    interview = Interview.objects.get()
    assert interview.original_language == "fr"
    assert interview.sources.count() == 2


def test_a_manifest_row_naming_no_file_refuses_the_batch_before_anything_is_written(tmp_path):
    batch = make_batch(tmp_path / "batch", {"texte.txt": SEED / "fr.txt"})
    (batch / "manifest.csv").write_text("fr,en\ntexte.txt,\n,\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"manifest\.csv, line 3: no file named"):
        call_command("import_batch", str(batch), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Interview.objects.exists()


def test_a_zip_entry_climbing_out_of_the_batch_is_refused_before_anything_is_written(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(SEED / "fr.txt", "seed.fr.txt")
        handle.writestr("../../escaped.fr.txt", "x")
    with pytest.raises(CommandError, match="a name outside the batch"):
        call_command("import_batch", str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    assert not (tmp_path.parent / "escaped.fr.txt").exists()
    assert not Interview.objects.exists()


def test_neither_a_folder_nor_a_zip_is_said_in_one_line(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(CommandError, match="neither a folder nor a ZIP file"):
        call_command("import_batch", str(text), stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="No such folder or ZIP file"):
        call_command(
            "import_batch", str(tmp_path / "missing"), stdout=io.StringIO(), stderr=io.StringIO()
        )


def test_the_text_report_names_each_interview_and_sums_up(tmp_path):
    batch = make_batch(tmp_path / "batch", {"seed.fr.txt": SEED / "fr.txt"})
    out = io.StringIO()
    call_command("import_batch", str(batch), "-v0", stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Imported · seed · ")
    assert lines[-1] == "1 interview processed: 1 imported, 0 duplicate, 0 refused."


def test_an_interview_already_in_the_archive_is_reported_as_a_duplicate_not_imported_again(
    tmp_path,
):
    batch = make_batch(tmp_path / "batch", {"seed.fr.txt": SEED / "fr.txt"})
    run(str(batch))
    again = make_batch(
        tmp_path / "again",
        {"copy.fr.txt": SEED / "fr.txt", "rhetorical.fr.txt": GOOD["rhetorical.fr.txt"]},
    )
    report, error = run(str(again))
    rows = by_name(report)
    assert rows["copy"]["status"] == "duplicate"
    assert "already in the archive" in str(rows["copy"]["detail"])
    assert rows["rhetorical"]["status"] == "imported"
    assert error == ""  # a duplicate is no failure: the archive already holds it
    assert Interview.objects.count() == 2


def test_the_commands_report_in_the_language_asked_for(tmp_path):
    batch = make_batch(tmp_path / "batch", {"seed.fr.txt": SEED / "fr.txt"})
    out = io.StringIO()
    call_command("import_batch", str(batch), "-v0", "--language", "fr", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Importé · seed · ")
    assert lines[-1] == "1 entretien traité\u00a0: 1 importé(s), 0 doublon(s), 0 refusé(s)."

    out = io.StringIO()
    call_command(
        "import_interview",
        "--fr",
        str(SEED / "fr.txt"),
        "--en",
        str(SEED / "en.txt"),
        "--if-exists",
        "keep-both",
        "--language",
        "fr",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert out.getvalue().startswith("Importé (brouillon) ")
    assert "\u00a0: 4 échanges (2/5/3/3 paragraphes)\u00a0: /fr/interviews/" in out.getvalue()
