from __future__ import annotations

import pytest
from django.utils import translation

from interviews.passages import (
    ANSWER,
    QUESTION,
    PassageRef,
    exchange_passages,
    find_passages,
    parse_anchor,
    passage_anchor,
    passage_locator,
)


@pytest.mark.parametrize(
    ("part", "paragraph", "anchor"),
    [(QUESTION, 0, "x-0a1b2c3d4e5f-q"), (ANSWER, 2, "x-0a1b2c3d4e5f-p2")],
)
def test_an_anchor_names_its_passage_and_back(part, paragraph, anchor):
    assert passage_anchor("0a1b2c3d4e5f", part, paragraph) == anchor
    assert parse_anchor(anchor) == PassageRef("0a1b2c3d4e5f", part, paragraph)


def test_an_exchange_anchor_names_the_whole_exchange():
    assert parse_anchor("x-0a1b2c3d4e5f") == PassageRef("0a1b2c3d4e5f", None)


@pytest.mark.parametrize(
    "anchor", ["", "x-", "x-ZZ", "x-0a1b-p0", "x-0a1b-q2", "y-0a1b", "x-0a1b-p2 ", "<script>"]
)
def test_anything_else_is_no_anchor(anchor):
    assert parse_anchor(anchor) is None


def test_the_locator_is_in_the_interface_language():
    with translation.override("fr"):
        assert passage_locator(4, ANSWER, 2) == "échange 4, paragraphe 2"
        assert passage_locator(4, QUESTION) == "échange 4, question"
    with translation.override("en"):
        assert passage_locator(4, ANSWER, 2) == "exchange 4, paragraph 2"
        assert passage_locator(4, None) == "exchange 4"


@pytest.mark.django_db
def test_passages_of_an_exchange_are_its_question_then_each_paragraph(seed):
    exchange = seed.exchanges.get(position=2)
    passages = exchange_passages(exchange)
    assert [(p.part, p.paragraph) for p in passages] == [(QUESTION, 0)] + [
        (ANSWER, n) for n in range(1, 6)
    ]
    assert passages[2].texts == {
        "fr": exchange.paragraphs("fr")[1],
        "en": exchange.paragraphs("en")[1],
    }
    assert find_passages(seed.exchanges.all(), parse_anchor(passages[2].anchor)) == [passages[2]]
    assert find_passages(seed.exchanges.all(), parse_anchor(exchange.anchor)) == passages
