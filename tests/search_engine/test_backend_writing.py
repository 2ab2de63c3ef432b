"""What every search backend must do when written to: replacing, deleting, rebuilding
aside, several processes at once, and time limits."""

from __future__ import annotations

import multiprocessing
import string
from dataclasses import replace

import django
import pytest
from django.conf import settings
from django.db import connection

from search.backends import get_backend
from tests.search_engine.corpus import EXCHANGE_UIDS, SEED_SLUG, make_document, seed_documents
from tests.search_engine.helpers import delete, index, keys, search

EXCHANGE_4 = EXCHANGE_UIDS[4]

# Writing


def test_delete_removes_every_document_of_an_interview(seeded):
    neighbour = make_document("portail voisin", interview="other")
    index(seeded, [neighbour])
    delete(seeded, seed_documents()[0].interview)
    assert set(seeded.keys()) == {neighbour.key}


def test_replacing_an_interview_drops_its_documents_no_longer_given(seeded):
    gone = f"{EXCHANGE_4}:p2"
    seeded.replace_interviews(
        [SEED_SLUG], [document for document in seed_documents() if document.key != gone]
    )
    indexed = set(seeded.keys())
    assert gone not in indexed
    assert f"{EXCHANGE_4}:p3" in indexed


def test_indexing_again_replaces_by_key(seeded):
    document = seed_documents()[-1]
    changed = make_document("un guichet électronique", paragraph=document.paragraph)
    changed = type(document)(**{**document.__dict__, "text": changed.text})
    index(seeded, [changed])
    assert len(seeded.keys()) == len(seed_documents())
    assert seeded.keys()[document.key] == changed.fingerprint
    assert keys(search(seeded, "guichet")) == [document.key]


def test_the_last_of_several_documents_with_one_key_wins(backend):
    first = make_document("première version", paragraph=1)
    second = make_document("seconde version", paragraph=1)
    index(backend, [first, second])
    assert backend.keys() == {second.key: second.fingerprint}


def test_keys_give_each_document_fingerprint(seeded):
    assert seeded.keys() == {document.key: document.fingerprint for document in seed_documents()}


def test_a_rebuild_from_nothing_empties_the_index(seeded):
    assert seeded.rebuild([]) == 0
    assert seeded.keys() == {}
    assert search(seeded, "portail").total == 0


def test_a_searcher_sees_writes_made_after_it_opened(seeded, make_backend):
    assert search(seeded, "guichet").total == 0
    index(make_backend(), [make_document("un guichet unique")])
    assert search(seeded, "guichet").total == 1


def test_a_searcher_stops_seeing_documents_deleted_after_it_opened(seeded, make_backend):
    assert search(seeded, '"portail unique"').total
    delete(make_backend(), seed_documents()[0].interview)
    assert search(seeded, '"portail unique"').total == 0


def test_a_searcher_sees_a_document_replaced_after_it_opened(seeded, make_backend):
    document = seed_documents()[-1]
    assert keys(search(seeded, '"portail unique"'))
    index(make_backend(), [type(document)(**{**document.__dict__, "text": {"fr": "guichet"}})])
    assert document.key not in keys(search(seeded, '"portail unique"'))
    assert keys(search(seeded, "guichet")) == [document.key]


def test_rebuild_replaces_everything_and_counts(seeded):
    fresh = [make_document("un guichet unique"), make_document("un autre guichet")]
    assert seeded.rebuild(fresh) == 2
    assert seeded.keys() == {document.key: document.fingerprint for document in fresh}


def test_rebuild_reports_progress(backend):
    counts = []
    backend.rebuild(seed_documents(), progress=counts.append)
    assert counts == list(range(1, len(seed_documents()) + 1))


def test_search_answers_from_the_old_index_while_a_rebuild_runs(seeded, make_backend):
    reader = make_backend()
    before = keys(search(reader, "portail"))
    during = []
    fresh = [make_document("un portail neuf"), make_document("un autre texte")]
    seeded.rebuild(fresh, progress=lambda count: during.append(keys(search(reader, "portail"))))
    assert during == [before, before]
    assert keys(search(reader, "portail")) == [fresh[0].key]


def test_writes_made_during_a_rebuild_are_kept(seeded, make_backend):
    writer = make_backend()
    late = make_document("écrit pendant la reconstruction", interview="late")

    def write_meanwhile(count):
        if count == 1:
            index(writer, [late])
            writer.replace_interviews(
                [SEED_SLUG],
                [document for document in seed_documents() if document.key != f"{EXCHANGE_4}:p3"],
            )

    seeded.rebuild(seed_documents(), progress=write_meanwhile)
    indexed = set(seeded.keys())
    assert late.key in indexed
    assert f"{EXCHANGE_4}:p3" not in indexed
    assert search(seeded, "reconstruction").total == 1
    assert search(seeded, "reconstrcution").suggestion == "reconstruction"


# Words a parser could split (inner apostrophes, underscores, digits and letters), a
# lexeme repeated past the positions a vector keeps, and a text past its last position: a
# rebuild (the PostgreSQL backend's ``COPY``) and a write (its ``INSERT``) must index them
# alike.
_ODD = [
    make_document(
        "Aujourd’hui l'État porte_parole 3d 2010 œuvre numérique x2y numérique",
        "Don't the_state's 3D printers, Morocco's œuvres",
        interview="odd",
        persons=("marie-curie",),
    ),
    make_document("fin électrique " + " ".join(["électrique"] * 300) + " fin", interview="odd"),
    make_document("mot " * 16400 + "électrique dernier", "word " * 20, interview="odd"),
    # An interview's own document: its title and names weigh B, after its text's words.
    replace(
        make_document(
            "Le chapeau de l'entretien numérique",
            "The standfirst",
            interview="odd",
            # People and topics as text[] literals must quote: commas, quotes, backslashes.
            persons=('o"neil, jr', "back\\slash", "{brace} space"),
            topics=("énergie", "NULL", ""),
        ),
        key="odd:meta",
        exchange_uid=None,
        exchange=None,
        part="meta",
        paragraph=0,
        title={"fr": "Entretien numérique au chapeau", "en": "A printers' interview"},
        extra={"interviewees": "Marie Curie", "outlet": "Le Monde", "topics_fr": "Énergie"},
    ),
]
_ODD_QUERIES = [
    "électrique",
    "aujourd'hui",
    "porte_parole",
    "the_state",
    "3d",
    "numérique œuvre",
    '"fin électrique"',
    "dernier",
    "2010",
    "printers",
    "x2y",
    "chapeau",
    "curie",
    "monde",
]


def test_a_rebuild_and_a_write_index_the_same_words_alike(make_backend):
    backend = make_backend()

    def found() -> dict[str, list[tuple[str, float]]]:
        return {
            text: [(hit.key, hit.score) for hit in search(backend, text, per_page=5).hits]
            for text in _ODD_QUERIES
        }

    backend.rebuild(_ODD)
    rebuilt = found()
    vectors = _vectors() if "postgres" in make_backend.dotted_path else None
    backend.rebuild([])
    index(backend, _ODD)
    assert found() == rebuilt
    assert all(rebuilt.values())
    if vectors is not None:
        assert _vectors() == vectors
        meta = next(row for row in vectors if row[0] == "odd:meta")
        assert meta[3:] == (list(_ODD[-1].persons), list(_ODD[-1].topics))


def _vectors() -> list[tuple[str, str, str, list[str], list[str]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, vector_fr::text, vector_en::text, persons, topics FROM search_document d "
            "WHERE generation = (SELECT current FROM search_state) ORDER BY key"
        )
        return cursor.fetchall()


def test_a_rebuild_of_many_documents_is_shared_between_processes(make_backend, transactional_db):
    """Past ``parallel_from`` documents, the PostgreSQL backend's rebuild hands batches to
    worker processes (made small here): the index is the one a single process makes."""
    backend = make_backend()
    documents = [
        make_document(f"portail numéro {n} électrique", interview=f"many-{n % 7}", paragraph=n + 1)
        for n in range(60)
    ]

    def answers() -> list[tuple[int, list[str], str | None]]:
        found = [search(backend, text) for text in ("électrique", "numéro 7", "portial")]
        return [(results.total, keys(results), results.suggestion) for results in found]

    backend.rebuild(documents)
    alone = answers()
    if hasattr(backend, "parallel_from"):
        backend.parallel_from, backend.rebuild_batch = 20, 7
    counts: list[int] = []
    assert backend.rebuild(documents, progress=counts.append) == 60
    assert counts == list(range(1, 61))
    assert set(backend.keys()) == {document.key for document in documents}
    assert answers() == alone
    assert alone[0][0] == 60 and alone[2][2] == "portail"


def test_a_rebuild_offers_the_words_it_brings_beside_those_known(backend):
    """A second rebuild, over the words of the first and a new one: did-you-mean offers
    both (the PostgreSQL backend sends only the words it does not know yet)."""
    first = [make_document("le portail du musée", paragraph=1)]
    backend.rebuild(first)
    backend.rebuild([*first, make_document("une voiture électrique", paragraph=2)])
    assert search(backend, "portial").suggestion == "portail"
    assert search(backend, "electirque").suggestion == "électrique"


def test_a_rebuild_forgets_the_words_the_archive_no_longer_holds(backend):
    """Words gone from the archive are no longer candidates for did-you-mean: 26 words one
    letter from "portial" would otherwise be the nearest, each found in no document,
    and keep "portail" out of the few candidates tried."""
    gone = " ".join(f"portial{letter}" for letter in string.ascii_lowercase)
    kept = make_document("le portail du musée", paragraph=1)
    backend.rebuild([kept, make_document(gone, paragraph=2)])
    assert search(backend, "portial").suggestion != "portail"
    backend.rebuild([kept])
    assert search(backend, "portial").suggestion == "portail"


def test_a_failed_rebuild_leaves_the_index_as_it_was(seeded):
    def broken():
        yield make_document("un portail neuf")
        raise RuntimeError("the database went away")

    before = seeded.keys()
    with pytest.raises(RuntimeError):
        seeded.rebuild(broken())
    assert seeded.keys() == before
    assert search(seeded, "portail").total > 0


def _write_many(dotted_path, path, writer, count, start, database):
    if database:  # a backend in the database: this new process needs Django, on it
        django.setup()
        settings.DATABASES["default"]["NAME"] = database
    backend = get_backend(dotted_path, path=path)
    start.wait()
    for n in range(1, count + 1):
        index(backend, [make_document(f"écrit par {writer}", interview=writer, paragraph=n)])


def test_processes_writing_at_once_lose_no_update(make_backend, transactional_db):
    make_backend()  # the index exists before the writers race
    database = connection.settings_dict["NAME"] if "postgres" in make_backend.dotted_path else ""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(4)
    writers = [
        context.Process(
            target=_write_many,
            args=(make_backend.dotted_path, make_backend.path, f"writer-{n}", 25, start, database),
        )
        for n in range(4)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    assert [process.exitcode for process in writers] == [0, 0, 0, 0]
    assert len(make_backend().keys()) == 100


# Time limits


def test_a_spent_time_limit_gives_partial_results(seeded):
    results = search(seeded, "portail", time_limit=0)
    assert results.partial
    assert results.error is None


def test_a_generous_time_limit_finishes(seeded):
    results = search(seeded, "portail", time_limit=30)
    assert not results.partial
    assert results.total == search(seeded, "portail").total


def test_a_tiny_time_limit_on_a_big_index_stops_early_or_finishes(backend):
    index(backend, [make_document(f"portail numéro {n}", paragraph=n) for n in range(1, 3001)])
    results = search(backend, "portail", time_limit=0.0001)
    assert results.partial or results.total == 3000
    assert len(results.hits) <= min(results.total, 10)
