"""The words a rebuild's writers see, handed to the rebuilding process (``Rows.seen``,
``Rows.saw``): the vocabulary it offers is the one a single writer would have."""

from __future__ import annotations

from search.backends.postgres.rows import Rows
from tests.search_engine.corpus import make_document, seed_documents


def test_words_seen_by_writers_give_the_vocabulary_of_one_writer():
    documents = [
        *seed_documents(),
        make_document("Numérique, numerique et NUMÉRIQUE : l’été d’O’Connor’s"),
        make_document("numerique seulement, sans accent"),
    ]
    alone, first, second, rebuilding = Rows(1), Rows(1), Rows(1), Rows(1)
    for document in documents:
        alone.row(document)
    # Two writers, each with a part of the documents (the seed's words in both), handing
    # over what they saw part by part, as ``parallel`` does.
    half = len(documents) // 2
    for writer, part in ((first, documents[: half + 2]), (second, documents[half:])):
        for document in part:
            writer.row(document)
            rebuilding.saw(writer.seen())
    assert first.seen() == {"fr": [], "en": []}  # each word handed over once
    assert rebuilding.vocabulary() == alone.vocabulary()
    assert ("fr", "numerique", "numérique", "'numer'") in zip(*alone.vocabulary(), strict=True)


def test_the_vocabulary_leaves_out_the_words_known():
    """A rebuild sends did-you-mean only the words it does not know yet
    (``writing.add_words``): the others, in the same order."""
    rows = Rows(1)
    for document in seed_documents():
        rows.row(document)
    every = list(zip(*rows.vocabulary(), strict=True))
    known = {"fr": {folded for lang, folded, *_ in every[::2] if lang == "fr"}}
    left = list(zip(*rows.vocabulary(known), strict=True))
    assert left == [entry for entry in every if entry[1] not in known.get(entry[0], set())]
    assert len(every) > len(left) > 0
