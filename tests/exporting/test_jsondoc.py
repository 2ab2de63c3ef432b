"""JSON read back with the json module, and compared with its documentation."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings

from interviews.models import Topic
from tests.factories import make_person

from . import database_passages, export_corpus, make_typographic_interview

pytestmark = pytest.mark.django_db

DOCS = settings.BASE_DIR / "docs" / "export-json.md"


def shape(value):
    """The keys of ``value``, recursively (lists by their first item)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


def test_json_holds_every_passage_in_both_languages(seed):
    document = json.loads(export_corpus("--format=json", f"--interview={seed.slug}"))

    (interview,) = document["interviews"]
    passages = [p for exchange in interview["exchanges"] for p in exchange["passages"]]
    assert {
        passage["anchor"]: {text["lang"]: text["text"] for text in passage["texts"]}
        for passage in passages
    } == database_passages(seed)


def test_json_passages_carry_their_permalink_language_and_status():
    interview = make_typographic_interview()
    document = json.loads(export_corpus("--format=json", f"--interview={interview.slug}"))

    passage = document["interviews"][0]["exchanges"][0]["passages"][1]
    anchor = passage["anchor"]
    assert passage["permalink"].endswith(f"/interviews/{interview.slug}/?at={anchor}#{anchor}")
    assert passage["texts"] == [
        {"lang": "fr", "text": passage["texts"][0]["text"], "original": True, "status": "reviewed"},
        {
            "lang": "en",
            "text": passage["texts"][1]["text"],
            "original": False,
            "status": "needs_review",
        },
    ]


def test_json_at_sentence_level_holds_the_aligned_sentences(seed):
    document = json.loads(
        export_corpus("--format=json", "--level=sentence", f"--interview={seed.slug}")
    )

    paragraph = document["interviews"][0]["exchanges"][0]["passages"][1]
    bead = paragraph["sentences"][1]
    assert bead["anchor"] == f"{paragraph['anchor']}-s2"
    assert bead["texts"][0]["sentences"] == [
        "Nous allons établir des data centers accessibles à tous, au service des citoyens "
        "et des entreprises."
    ]


def test_json_has_the_documented_shape():
    interview = make_typographic_interview(interviewer=make_person("Paul Durand"))
    interview.topics.add(
        Topic.objects.create(slug="numerique", name_fr="Numérique", name_en="Digital")
    )
    document = json.loads(
        export_corpus("--format=json", "--level=sentence", f"--interview={interview.slug}")
    )

    example = re.search(r"```json\n(.*?)\n```", DOCS.read_text(), re.DOTALL)[1]
    assert shape(document) == shape(json.loads(example))
