from __future__ import annotations

import zipfile

import pytest

from benchmarks import batches
from benchmarks.__main__ import parse_args
from interviews.models import Interview, Outlet, Person


def test_the_batch_holds_the_good_interviews_in_pairs_and_one_bad_of_each_kind(tmp_path):
    path = tmp_path / "batch.zip"

    expected = batches.make_batch(path, size=14)

    assert sorted(expected.values()).count("imported") == 4
    assert sorted(expected.values()).count("refused") == 9
    assert sorted(expected.values()).count("duplicate") == 1
    names = zipfile.ZipFile(path).namelist()
    assert {"batch-001.fr.txt", "batch-001.en.txt", "copy-batch-001.fr.txt"} <= set(names)


@pytest.mark.django_db
def test_the_batch_imports_the_good_reports_the_bad_and_leaves_the_database_as_it_was():
    said = []

    report = batches.figures(size=12, say=lambda label, value: said.append(label))

    assert (report["interviews"], report["imported"], report["refused"]) == (12, 2, 10)
    assert report["of_which_duplicate"] == 1
    assert report["interviews_per_s"] > 0
    assert said == ["batch", "batch import"]
    assert not Interview.objects.exists()
    assert not Outlet.objects.exists()
    assert not Person.objects.exists()


def test_only_batch_is_a_measurement_of_its_own():
    assert parse_args(["--only", "batch"]).only == "batch"


def test_the_backends_measured_may_be_named_in_their_order():
    args = parse_args(["--only", "backends", "--backend", "postgres", "--backend", "whoosh"])
    assert args.backend == ["postgres", "whoosh"]
    assert parse_args(["--only", "backends"]).backend is None
