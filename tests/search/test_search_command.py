"""The acceptance examples of the search issue, through ``search_archive --json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search import engine
from search.documents import SearchQuery
from tests.factories import SEED_SLUG

from .conftest import exchange_hits, search_archive

pytestmark = pytest.mark.django_db

HIT_KEYS = {"interview", "exchange", "part", "paragraph", "lang", "text", "translation", "url"}
BAD_QUERIES = ['"unclosed', "AND OR (", "*", "title:(", "x" * 10_000]


def test_json_hits_carry_exactly_the_documented_keys(indexed_seed):
    hits = search_archive("numerique")
    assert hits
    assert all(set(hit) == HIT_KEYS for hit in hits)


def test_phrase_finds_its_answer_paragraph_beside_the_translation(indexed_seed):
    first = exchange_hits(search_archive('"data centers accessibles à tous"'))[0]
    assert first["interview"] == SEED_SLUG
    assert (first["exchange"], first["part"], first["paragraph"]) == (1, "answer", 1)
    assert first["lang"] == "fr"
    assert "data centers accessibles à tous" in first["text"]
    assert "data centers accessible to all" in first["translation"]


def test_url_is_the_permalink_of_the_paragraph_in_its_language(indexed_seed):
    first = exchange_hits(search_archive('"data centers accessibles à tous"'))[0]
    uid = indexed_seed.exchanges.get(position=1).uid
    assert first["url"] == f"/fr/interviews/{SEED_SLUG}/?at=x-{uid}-p1#x-{uid}-p1"


def test_title_hit_has_no_exchange(indexed_seed):
    hits = search_archive('"data centers accessibles à tous"')
    meta = [hit for hit in hits if hit["part"] == "meta"]
    assert meta
    assert meta[0]["exchange"] is None
    assert meta[0]["paragraph"] == 0


def test_search_ignores_accents(indexed_seed):
    hits = search_archive("numerique", "--lang", "fr")
    assert hits
    assert all("numérique" in hit["text"].lower() for hit in hits)


def test_search_matches_other_forms_of_a_word(indexed_seed):
    texts = " ".join(hit["text"].lower() for hit in search_archive("exportations", "--lang", "fr"))
    assert "exportation " in texts or "exportation," in texts or "exporter" in texts


def test_french_phrase_finds_exchange_four(indexed_seed):
    hits = exchange_hits(search_archive('"portail unique"'))
    assert hits
    assert {hit["exchange"] for hit in hits} == {4}
    assert all("portail unique" in hit["text"].lower() for hit in hits)


def test_english_words_find_exchange_four_beside_the_french(indexed_seed):
    first = exchange_hits(search_archive("single portal"))[0]
    assert first["exchange"] == 4
    assert first["lang"] == "en"
    assert "single portal" in first["text"].lower()
    assert "portail unique" in first["translation"].lower()


def test_typographic_and_straight_apostrophes_give_the_same_hits(indexed_seed):
    curly = search_archive("l’outsourcing")
    assert curly
    assert curly == search_archive("l'outsourcing")


def test_phrase_with_elision_matches_the_question(indexed_seed):
    first = exchange_hits(search_archive('"d’importantes initiatives"'))[0]
    assert (first["exchange"], first["part"], first["paragraph"]) == (1, "question", 0)
    assert first["text"].lower().startswith("d'importantes initiatives")


def test_lang_option_keeps_hits_in_that_language(indexed_seed):
    hits = search_archive("single portal", "--lang", "fr")
    assert all(hit["lang"] == "fr" for hit in hits)
    assert search_archive("single portal", "--lang", "en")


def test_limit_caps_the_number_of_hits(indexed_seed):
    assert len(search_archive("numerique")) > 2
    assert len(search_archive("numerique", "--limit", "2")) == 2


def test_hits_come_best_first(indexed_seed):
    ranked = engine.backend().search(SearchQuery("numerique")).hits
    assert [(hit.exchange, hit.part, hit.paragraph) for hit in ranked] == [
        (hit["exchange"], hit["part"], hit["paragraph"]) for hit in search_archive("numerique")
    ]
    assert ranked[0].score >= ranked[-1].score


def test_plain_output_lists_hits_and_total(indexed_seed):
    out = StringIO()
    call_command("search_archive", '"portail unique"', stdout=out)
    assert "portail unique" in out.getvalue().lower()
    assert out.getvalue().rstrip().endswith("hit(s).")


@pytest.mark.parametrize(
    "text", BAD_QUERIES, ids=["unclosed", "operators", "star", "field", "long"]
)
def test_bad_query_is_a_one_line_command_error_or_no_hits(indexed_seed, text):
    try:
        hits = search_archive(text)
    except CommandError as error:
        assert "\n" not in str(error)
        assert len(str(error)) < 300
    else:
        assert all(set(hit) == HIT_KEYS for hit in hits)


@pytest.mark.parametrize("text", ["AND OR (", "x" * 10_000], ids=["operators", "long"])
def test_bad_query_exits_without_a_traceback(whoosh_index, text):
    env = {**os.environ, "SEARCH_INDEX_DIR": str(whoosh_index)}
    result = subprocess.run(
        [sys.executable, "manage.py", "search_archive", text, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    if result.returncode:
        assert result.stderr.strip().startswith("CommandError:")
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert json.loads(result.stdout) == []


def test_limit_below_one_is_refused(indexed_seed):
    with pytest.raises(CommandError):
        search_archive("numerique", "--limit", "0")
