"""``rebuild_index`` and ``check_index``: the database is the source of truth."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from interviews.models import Exchange, Interview
from search import engine
from search.indexing import all_documents
from tests.factories import make_interview

from .conftest import index_matches_database, search_archive

pytestmark = pytest.mark.django_db


def rebuild_index(**options) -> str:
    out = StringIO()
    call_command("rebuild_index", "--noinput", stdout=out, **options)
    return out.getvalue()


def check_index() -> str:
    out = StringIO()
    call_command("check_index", stdout=out)
    return out.getvalue()


def test_rebuild_indexes_every_published_interview(seed):
    make_interview(exchanges=2, paragraphs=2)
    output = rebuild_index(verbosity=0)
    expected = {document.key: document.fingerprint for document in all_documents()}
    assert engine.backend().keys() == expected
    assert f"Indexed {len(expected)} documents from 2 published interviews." in output


def test_rebuild_leaves_drafts_out(seed):
    draft = make_interview(status=Interview.Status.DRAFT)
    rebuild_index(verbosity=0)
    assert index_matches_database()
    assert draft.slug not in {hit["interview"] for hit in search_archive("answer")}


def test_rebuild_replaces_what_the_index_held(seed):
    rebuild_index(verbosity=0)
    Exchange.objects.filter(interview=seed, position=4).update(answer_fr="Plus de guichet.")
    Interview.objects.filter(pk=seed.pk).update(slug="renamed")
    rebuild_index(verbosity=0)
    assert {hit["interview"] for hit in search_archive("numerique")} == {"renamed"}
    assert search_archive('"portail unique"', "--lang", "fr") == []


def test_rebuild_shows_a_progress_bar_of_the_documents_indexed(seed, capsys):
    rebuild_index(verbosity=1)
    assert f"{len(list(all_documents()))} documents [" in capsys.readouterr().err


def test_rebuild_is_quiet_at_verbosity_zero(seed, capsys):
    rebuild_index(verbosity=0)
    assert capsys.readouterr().err == ""


def test_check_passes_on_an_index_in_sync(seed):
    rebuild_index(verbosity=0)
    assert "Index in sync" in check_index()


def test_check_passes_on_an_empty_archive(db):
    assert "Index in sync: 0 documents." in check_index()


def test_check_reports_missing_documents(seed):
    engine.backend().rebuild([])
    with pytest.raises(CommandError, match=r"index drift: \d+ missing, 0 unexpected, 0 out of"):
        check_index()


def test_check_reports_unexpected_documents(seed):
    rebuild_index(verbosity=0)
    Interview.objects.filter(pk=seed.pk).update(status=Interview.Status.DRAFT)
    with pytest.raises(CommandError, match=r"0 missing, \d+ unexpected, 0 out of date"):
        check_index()


def test_check_reports_documents_out_of_date(seed):
    rebuild_index(verbosity=0)
    Exchange.objects.filter(interview=seed, position=1).update(question_fr="Une autre question ?")
    out = StringIO()
    with pytest.raises(CommandError, match=r"0 missing, 0 unexpected, 1 out of date"):
        call_command("check_index", stdout=out)
    uid = seed.exchanges.get(position=1).uid
    assert f"out of date: {uid}:q" in out.getvalue()


def test_check_passes_again_after_a_rebuild(seed):
    engine.backend().rebuild([])
    with pytest.raises(CommandError):
        check_index()
    rebuild_index(verbosity=0)
    assert "Index in sync" in check_index()


def test_an_incremental_rebuild_reindexes_only_the_interviews_that_changed(seed):
    others = [make_interview(exchanges=2, paragraphs=2) for _ in range(3)]
    rebuild_index(verbosity=0)
    # Changes the signals never see (as a bulk update or a restored database makes).
    Exchange.objects.filter(interview=others[0], position=1).update(answer_fr="Un guichet neuf.")
    Interview.objects.filter(pk=others[1].pk).update(status=Interview.Status.DRAFT)
    output = rebuild_index(verbosity=0, incremental=True)
    assert "Re-indexed 2 changed interviews" in output
    assert index_matches_database()
    assert {hit["interview"] for hit in search_archive("guichet neuf")} == {others[0].slug}


def test_an_incremental_rebuild_of_an_index_in_sync_writes_nothing(seed):
    rebuild_index(verbosity=0)
    before = engine.backend().generation()
    assert "Re-indexed 0 changed interviews" in rebuild_index(verbosity=0, incremental=True)
    assert engine.backend().generation() == before


def test_an_incremental_rebuild_builds_the_whole_index_when_most_of_it_changed(seed):
    engine.backend().rebuild([])
    output = rebuild_index(verbosity=0, incremental=True)
    assert "Indexed " in output and "published interviews" in output
    assert index_matches_database()
