"""The index missing, damaged, in the way or read-only: search pages answer 503 in the
reader's language and the rest of the site works; commands say what is wrong and what
to run, on one line, and exit non-zero; ``rebuild_index`` heals what it can."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from search import engine

from .conftest import one_line_diagnosis

UNAVAILABLE = {
    "fr": "La recherche est indisponible",
    "en": "Search is unavailable",
}


def live_generation(index: Path) -> Path:
    return index / (index / "CURRENT").read_text().strip()


def truncate_terms(index: Path) -> None:
    """Cut each term file of the live index in half, as a full disk or a crash would."""
    for terms in live_generation(index).glob("*.trm"):
        with open(terms, "r+b") as file:
            file.truncate(terms.stat().st_size // 2)


def put_a_file_in_the_way(index: Path) -> None:
    shutil.rmtree(index, ignore_errors=True)
    index.write_text("not an index")


BREAK = {
    "missing": lambda index: shutil.rmtree(index),
    "damaged": truncate_terms,
    "in the way": put_a_file_in_the_way,
}


@pytest.fixture(autouse=True)
def index_in_files(whoosh_index):
    """These are the faults of an index kept in files: Whoosh's."""


@pytest.fixture
def rebuilt(seed, search_index):
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    return seed


# The pages


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", BREAK)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_pages_answer_503_in_the_readers_language(
    client, rebuilt, search_index, breakage, lang
):
    BREAK[breakage](search_index)
    for url in (f"/{lang}/search/?q=portail", f"/{lang}/search/export.csv?q=portail"):
        response = client.get(url)
        assert response.status_code == 503
        assert UNAVAILABLE[lang] in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", BREAK)
def test_the_rest_of_the_site_works_without_the_index(client, rebuilt, search_index, breakage):
    BREAK[breakage](search_index)
    reading = f"/fr/interviews/{rebuilt.slug}/"
    assert client.get("/fr/").status_code == 200
    assert client.get(reading).status_code == 200
    # Highlighting a search's words is a courtesy: the interview is shown without them.
    assert client.get(reading, {"q": "portail"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", ["missing", "damaged"])
def test_a_rebuild_heals_the_search_page(client, rebuilt, search_index, breakage):
    BREAK[breakage](search_index)
    assert client.get("/en/search/?q=portail").status_code == 503
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    response = client.get("/en/search/?q=portail")
    assert response.status_code == 200
    assert rebuilt.slug in response.content.decode()


@pytest.mark.django_db
def test_a_missing_index_is_reported_where_there_is_content(client, seed, search_index):
    shutil.rmtree(search_index)
    assert client.get("/en/search/?q=portail").status_code == 503
    assert not search_index.exists()  # not made again, empty, behind the reader's back


@pytest.mark.django_db
def test_a_first_start_makes_an_empty_index(client, search_index):
    shutil.rmtree(search_index)
    assert client.get("/en/search/?q=portail").status_code == 200
    assert engine.backend().keys() == {}


# The commands, as an operator runs them


def test_commands_say_an_index_was_never_built_and_the_rebuild_builds_it(manage, site):
    for command in (["check_index"], ["search_archive", "ministre"]):
        line = one_line_diagnosis(manage(*command))
        assert line == (
            f"CommandError: There is no search index at {site['SEARCH_INDEX_DIR']}: "
            "run `manage.py rebuild_index`."
        )
    assert manage("rebuild_index", "-v0").returncode == 0
    assert manage("check_index").returncode == 0


def test_commands_say_the_index_is_damaged_and_the_rebuild_heals_it(manage, site):
    index = Path(site["SEARCH_INDEX_DIR"])
    assert manage("rebuild_index", "-v0").returncode == 0
    truncate_terms(index)
    for command in (["check_index"], ["search_archive", "ministre"]):
        line = one_line_diagnosis(manage(*command))
        assert f"The search index at {index} is damaged (" in line
        assert line.endswith(": run `manage.py rebuild_index`.")
    assert manage("rebuild_index", "-v0").returncode == 0
    assert manage("check_index").returncode == 0
    assert "hit(s)" in manage("search_archive", "ministre").stdout


def test_commands_say_a_file_is_where_the_index_should_be(manage, site):
    index = Path(site["SEARCH_INDEX_DIR"])
    put_a_file_in_the_way(index)
    for command in (["check_index"], ["search_archive", "ministre"]):
        assert f"The search index at {index} cannot be read (" in one_line_diagnosis(
            manage(*command)
        )
    line = one_line_diagnosis(manage("rebuild_index", "-v0"))
    assert f"The search index at {index} cannot be written (" in line
    index.unlink()
    assert manage("rebuild_index", "-v0").returncode == 0


def test_a_read_only_index_is_searched_but_not_rebuilt(manage, site):
    index = Path(site["SEARCH_INDEX_DIR"])
    assert manage("rebuild_index", "-v0").returncode == 0
    with read_only(index):
        assert "hit(s)" in manage("search_archive", "ministre").stdout
        assert manage("check_index").returncode == 0
        line = one_line_diagnosis(manage("rebuild_index", "-v0"))
        assert f"The search index at {index} cannot be written (" in line
    assert manage("rebuild_index", "-v0").returncode == 0


@contextmanager
def read_only(index: Path) -> Iterator[None]:
    """Nothing in ``index`` can be written, by anyone: permission bits stop no root (as
    the tests run in containers), the immutable attribute (ext4, ``chattr +i``) does."""
    paths = [index, *index.rglob("*")]
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", *map(str, paths)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
        return
    modes = {path: path.stat().st_mode for path in paths}
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
