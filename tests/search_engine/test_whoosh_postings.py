"""The archive's text fields make the postings Whoosh's token stream makes, byte for byte."""

from __future__ import annotations

import unicodedata

import pytest
from whoosh import fields

from search.backends.whoosh.index import SCHEMA
from search.backends.whoosh.postings import Grams, Text

# Stop words of both languages among others, so that each grams field has grams to make.
TEXTS = [
    "",
    " … — « » ",
    "« Des data centers accessibles à tous », dit-elle l’été dernier.",
    "C'est l’outsourcing qu’aujourd’hui j’appelle « l’avenir » : à tous, à tous, à tous !",
    unicodedata.normalize("NFD", "Réélection numérique à Œuvre, capacités et ÉTÉ 2019"),
    "Morocco's role in the world’s data: the data, the data and the re-election of 1987.",
    "de la de la de la\nde\nla",
    "word " * 300,
]


def whooshs_postings(field: fields.FieldType, text: str) -> list[tuple]:
    return sorted(fields.FieldType.index(field, text))


@pytest.mark.parametrize(
    "name", [name for name in SCHEMA.names() if isinstance(SCHEMA[name], (Text, Grams))]
)
@pytest.mark.parametrize("text", TEXTS)
def test_a_fields_postings_are_whooshs(name: str, text: str) -> None:
    field = SCHEMA[name]
    made = sorted(field.index(text))
    assert made == whooshs_postings(field, text)
    if isinstance(field, Text) and text.strip(" …—«»"):
        assert made, "a text with words has postings"


def test_every_analysed_field_of_the_schema_makes_its_postings_directly() -> None:
    analysed = [name for name in SCHEMA.names() if SCHEMA[name].analyzer is not None]
    assert {name.split("_")[0] for name in analysed if isinstance(SCHEMA[name], (Text, Grams))} == {
        "text",
        "meta",
        "grams",
        "words",
    }


def test_options_and_word_lists_take_whooshs_way() -> None:
    field = SCHEMA["text_fr"]
    words = ["l’été", "numérique"]
    assert sorted(field.index(words)) == whooshs_postings(field, words)
    assert sorted(field.index("à tous", mode="index")) == whooshs_postings(field, "à tous")
