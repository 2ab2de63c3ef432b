"""A batch as editors receive one: 200 interviews in a ZIP, 10 of them bad, imported through
``interviews.batches.import_batch`` (the code behind ``manage.py import_batch`` and the web
upload). Prints interviews per second and what was imported and refused, and checks the
counts: the 190 good ones imported, the 10 bad ones reported, none stopping the others.

The good interviews are made of real translated paragraphs (``_good``), written out as the
importer reads them; the bad ones are of every kind an editor meets (``_bad``). What the
run imports is deleted afterwards: the database is left as it was.
"""

from __future__ import annotations

import random
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Model

from interviews import batches
from interviews.models import Interview, Outlet, Person

from . import corpus
from .sentence_alignment import load_gold

SIZE = 200
BAD = 10  # one of each kind _bad writes
SEED = 14
LAYOUTS = corpus.FIXTURES / "layouts"
KEPT: tuple[type[Model], ...] = (Interview, Outlet, Person)


QUESTIONS = {
    "fr": "{name}, que répondez-vous sur le point {number} ?",
    "en": "{name}, what is your answer on point {number}?",
}
DATELINES = {"fr": "Publié dans {outlet} le {day}", "en": "Published in {outlet} on {day}"}


def _answer_pairs() -> list[dict[str, str]]:
    """The gold set's paragraph pairs that read as answers: no question in them, each of
    some length, about as long as each other, with no sentence left untranslated."""

    def usable(texts: dict[str, str]) -> bool:
        fr, en = (texts[lang].strip() for lang in ("fr", "en"))
        return (
            min(len(fr), len(en)) >= 80
            and 0.8 <= len(fr) / len(en) <= 1.35
            and "?" not in fr + en
            and "\n" not in fr + en
            and fr[0].isalpha()
            and en[0].isalpha()
        )

    return [paragraph.texts for paragraph in load_gold() if usable(paragraph.texts)]


def _good(folder: Path, count: int) -> list[str]:
    """``count`` interviews, a French original and its English translation each, under
    ``folder``; their names. Each answer is made of real translated paragraph pairs
    (``fixtures/sentence_alignment``), drawn at random, so that an interview's translation
    is one of it, as the importer checks."""
    rng = random.Random(SEED)
    pairs = _answer_pairs()
    people = corpus.people()
    names = []
    for number in range(1, count + 1):
        name = people[rng.randrange(len(people))][0]
        outlet = corpus.OUTLETS[rng.randrange(len(corpus.OUTLETS))][0]
        day = (date(2005, 1, 1) + timedelta(days=rng.randrange(20 * 365))).strftime("%d - %m - %Y")
        exchanges = [rng.sample(pairs, rng.randint(1, 3)) for _ in range(rng.randint(5, 9))]
        slug = f"batch-{number:03d}"
        for lang in ("fr", "en"):
            lines = [
                f"{name} : « {pairs[number % len(pairs)][lang][:60]}… » ({number})",
                DATELINES[lang].format(outlet=outlet, day=day),
                "",
            ]
            for position, paragraphs in enumerate(exchanges, start=1):
                lines.append("- " + QUESTIONS[lang].format(name=name, number=position))
                lines += [paragraph[lang] for paragraph in paragraphs]
            (folder / f"{slug}.{lang}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        names.append(slug)
    return names


def _bad(folder: Path, good: list[str]) -> dict[str, str]:
    """One interview of each kind an import refuses, or reports, under ``folder``; the
    status each should get, by name."""

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    def copy(name: str, fixture: str) -> None:
        write(name, (LAYOUTS / fixture).read_bytes())

    write("bad-01-empty.fr.txt", b"")
    # Says UTF-16 by its byte order mark, then is not: an odd number of bytes.
    write("bad-02-encoding.fr.txt", b"\xff\xfe" + "Entretien".encode("utf-16-le") + b"\x00\xd8x")
    copy("bad-03-mismatch.fr.txt", "93_question_count_mismatch_fr.txt")
    copy("bad-03-mismatch.en.txt", "93_question_count_mismatch_en.txt")
    copy("bad-04-boilerplate.fr.txt", "91_only_boilerplate.txt")
    copy("bad-05-news.en.txt", "92_news_report_not_an_interview_en.txt")
    copy("bad-06-missing-answer.fr.txt", "94_missing_answer_fr.txt")
    write("bad-07-old-word.fr.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    write("bad-08-damaged.fr.docx", b"PK\x03\x04 not really a Word file")
    write("bad-09-binary.fr.txt", b"\x00\x01\x02" * 100)
    # The first good interview once more, under another name (after it in the batch's
    # order): already in the archive when its turn comes.
    for lang in ("fr", "en"):
        write(f"copy-{good[0]}.{lang}.txt", (folder / f"{good[0]}.{lang}.txt").read_bytes())
    refused = sorted({path.name.split(".")[0] for path in folder.glob("bad-*")})
    return dict.fromkeys(refused, batches.REFUSED) | {f"copy-{good[0]}": batches.DUPLICATE}


def make_batch(path: Path, size: int = SIZE) -> dict[str, str]:
    """A ZIP at ``path`` of ``size`` interviews, ``BAD`` of them bad; each one's expected
    status."""
    with tempfile.TemporaryDirectory() as folder:
        files = Path(folder)
        good = _good(files, size - BAD)
        expected = {name: batches.IMPORTED for name in good} | _bad(files, good)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(files.iterdir()):
                archive.write(file, file.name)
    return expected


def figures(size: int = SIZE, say: Callable[[str, Any], None] = print) -> dict[str, Any]:
    """Imports a batch of ``size`` interviews, checks each one's status, and deletes what it
    imported; its figures (the duplicate, already in the archive, is counted as refused)."""
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in KEPT}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.zip"
        expected = make_batch(path, size)
        say("batch", f"{size} interviews, ZIP of {path.stat().st_size / 1e6:.1f} MB")
        start, cpu = time.perf_counter(), time.process_time()
        results = batches.import_batch(path)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    try:
        statuses = {result.name: result.status for result in results}
        wrong = {
            name: (statuses.get(name), status, _detail(results, name))
            for name, status in expected.items()
            if statuses.get(name) != status
        }
        assert not wrong, f"unexpected statuses (got, expected, why): {wrong}"
        counts = Counter(statuses.values())
        report = {
            "interviews": len(results),
            "imported": counts[batches.IMPORTED],
            "refused": counts[batches.REFUSED] + counts[batches.DUPLICATE],
            "of_which_duplicate": counts[batches.DUPLICATE],
            "seconds": round(seconds, 1),
            "interviews_per_s": round(len(results) / seconds, 2),
            # This process's own processor time: what a busy machine's wait leaves out.
            "cpu_seconds": round(cpu, 1),
            "interviews_per_cpu_s": round(len(results) / cpu, 2),
        }
        assert (report["imported"], report["refused"]) == (size - BAD, BAD), report
        say("batch import", report)
        return report
    finally:
        _delete_imported(before)


def _detail(results: list[batches.BatchResult], name: str) -> str:
    return next((result.detail for result in results if result.name == name), "")


def _delete_imported(before: dict[type[Model], set[int]]) -> None:
    """What the run made: its interviews, and the outlets and people they brought."""
    with transaction.atomic():
        for model in KEPT:  # interviews first: they protect their outlets
            model.objects.exclude(pk__in=before[model]).delete()
