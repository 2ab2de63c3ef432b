from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from search.documents import (
    QueryError,
    SearchDocument,
    SearchQuery,
    canonical_fingerprint,
    canonical_json,
)
from tests.search_engine.corpus import make_document, seed_documents


def test_document_survives_a_round_trip_through_plain_values():
    for document in seed_documents():
        assert SearchDocument.from_dict(document.to_dict()) == document


def test_fingerprint_is_the_same_for_the_same_content():
    document = make_document("texte", "text")
    assert replace(document).fingerprint == document.fingerprint


def test_canonical_json_is_compact_json_with_sorted_keys():
    """What the fingerprint is taken of reads back as the document, and is what the
    standard library writes with sorted keys and no spaces, whatever the text holds
    (French typography, control characters, line separators, quotes, backslashes)."""
    tricky = '« Oui », l’été\u00a0: "q" \\ / \x00\x1f\x7f \u2028\u2029 e\u0301 🎉\t\n'
    documents = [*seed_documents(), make_document(tricky, tricky, persons=("é-1", "a"))]
    for document in documents:
        data = document.to_dict()
        canonical = canonical_json(data)
        assert json.loads(canonical) == data
        assert canonical.decode() == json.dumps(
            data, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        assert document.fingerprint == canonical_fingerprint(canonical)


def test_fingerprint_changes_when_the_text_changes():
    document = make_document("texte", "text")
    changed = replace(document, text={"fr": "texte", "en": "other text"})
    assert changed.fingerprint != document.fingerprint


def test_extra_text_gives_each_language_its_own_entries_and_the_shared_ones():
    meta = seed_documents()[0]
    assert meta.extra_text("en") == "Redouane El Haloui\nL'Opinion\nDigital, Economy"
    assert "Numérique" in meta.extra_text("fr")
    assert "Digital" not in meta.extra_text("fr")


def test_document_refuses_an_unknown_part():
    with pytest.raises(ValueError, match="part"):
        replace(make_document(), part="footnote")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (SearchQuery("   "), "Type a word"),
        (SearchQuery("x" * 10_000), "too long"),
        (SearchQuery("portail", lang="de"), "Unknown language"),
        (SearchQuery("portail", sort="title"), "sorted by"),
        (SearchQuery("portail", page=0), "Pages start at 1"),
        (SearchQuery("portail", per_page=0), "Pages start at 1"),
        (
            SearchQuery("portail", date_from=date(2025, 1, 1), date_to=date(2024, 1, 1)),
            "start date is after",
        ),
    ],
)
def test_query_validation_explains_what_is_wrong(query, message):
    with pytest.raises(QueryError, match=message):
        query.validate(("fr", "en"))


def test_a_plain_query_is_valid():
    SearchQuery("portail unique", lang="fr", date_from=date(2024, 1, 1)).validate(("fr", "en"))
