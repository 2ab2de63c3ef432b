"""The engine's reasons for refusing a query reach the reader in the interface language."""

from __future__ import annotations

import html
import shutil
from typing import get_args

import pytest
from django.utils import translation

from search import engine
from search.documents import QUERY_PROBLEMS, ProblemCode, QueryError, QueryProblem, SearchQuery
from search.problems import MESSAGES, problem_message

PARAMS = {"length": 612, "limit": 500, "lang": "de", "choices": "fr, en", "sort": "title"}
PARAMS |= {"sorts": "relevance, date", "word": "po*", "minimum": 3, "excluded": "-portail"}


def problem(code: str) -> QueryProblem:
    """``code`` with the values its English message names."""
    names = [name for name in PARAMS if "{" + name in QUERY_PROBLEMS[code]]
    return QueryProblem(code, {name: PARAMS[name] for name in names})  # type: ignore[arg-type]


def test_every_problem_has_an_english_and_a_translatable_message():
    assert set(get_args(ProblemCode)) == set(QUERY_PROBLEMS) == set(MESSAGES)


@pytest.mark.parametrize("code", get_args(ProblemCode))
def test_every_problem_is_worded_in_french(code):
    with translation.override("en"):
        english = problem_message(problem(code))
    with translation.override("fr"):
        french = problem_message(problem(code))
    assert french != english
    assert french.startswith("Cette recherche n’a pas pu être comprise")
    for value in problem(code).params.values():
        assert str(value) in french


def test_a_query_error_carries_its_problem_and_says_it_in_english():
    with pytest.raises(QueryError) as raised:
        SearchQuery("x" * 600).validate(("fr", "en"))
    assert raised.value.problem == QueryProblem("too_long", {"length": 600, "limit": 500})
    assert str(raised.value) == "The query is too long (600 characters); keep it under 500."


def search_page(client, site: str, q: str) -> str:
    response = client.get(f"/{site}/search/", {"q": q})
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("q", ["*", "AND OR", "( )"])
def test_the_french_page_says_nothing_to_search_for_in_french(client, indexed_seed, q):
    text = search_page(client, "fr", q)
    assert "Rien à rechercher\u00a0: tapez au moins un mot" in text
    assert "Nothing to search for" not in text
    assert "Nothing to search for" in search_page(client, "en", q)


def test_the_french_page_asks_in_french_for_a_rebuild_of_an_old_index(
    whoosh_index, client, indexed_seed, search_index, settings, tmp_path
):
    """An index of an earlier layout, as a newly started process finds it."""
    old = shutil.copytree(search_index, tmp_path / "old")
    layouts = list(old.glob("*/LAYOUT"))  # the current generation's, and any older one's
    assert layouts
    for layout in layouts:
        layout.unlink()
    settings.SEARCH_INDEX_DIR = old
    try:
        text = search_page(client, "fr", "portail")
    finally:
        engine.backend().close()
    assert "construit par une version antérieure de l’archive" in text
    assert "earlier version" not in text
