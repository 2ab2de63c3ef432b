"""Changes reach the index once their transaction commits, and only then."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from interviews import editing
from interviews.models import Exchange, Interview, Topic
from search import engine
from tests.factories import make_interview, make_outlet, make_person, make_user

from .conftest import index_matches_database, search_archive

pytestmark = pytest.mark.django_db(transaction=True)

WORD = "zygomatique"


def found(text: str) -> set[str]:
    """Slugs of the interviews the command finds ``text`` in."""
    return {hit["interview"] for hit in search_archive(text)}


def edit_answer(exchange: Exchange, answer: str) -> Exchange:
    return editing.save_source(
        exchange=exchange,
        question=exchange.question_fr,
        answer=answer,
        version=exchange.version,
        user=make_user(),
    )


def published_with_word() -> Interview:
    interview = make_interview(exchanges=2)
    edit_answer(interview.exchanges.get(position=1), f"Un mot rare : {WORD}.")
    return interview


def test_draft_is_never_indexed():
    draft = make_interview(status=Interview.Status.DRAFT)
    edit_answer(draft.exchanges.first(), f"Brouillon {WORD}.")
    assert found(WORD) == set()
    assert index_matches_database()


def test_publishing_makes_the_interview_findable():
    draft = make_interview(status=Interview.Status.DRAFT)
    Exchange.objects.filter(interview=draft, position=1).update(answer_fr=f"Rare {WORD}.")
    editing.publish(interview=draft, user=make_user())
    assert found(WORD) == {draft.slug}


def test_edit_is_searchable_right_after_its_commit():
    interview = published_with_word()
    assert found(WORD) == {interview.slug}
    edit_answer(interview.exchanges.get(position=1), "Un mot tout neuf : hippocampe.")
    assert found("hippocampe") == {interview.slug}
    assert found(WORD) == set()
    assert index_matches_database()


def test_nothing_reaches_the_index_before_the_commit(whoosh_index):
    interview = make_interview()
    with transaction.atomic():
        interview.exchanges.filter(position=1).update(answer_fr=f"Pas encore {WORD}.")
        interview.save()
        assert found(WORD) == set()
    assert found(WORD) == {interview.slug}


def test_rolled_back_save_leaves_no_trace():
    interview = make_interview()
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    keys = engine.backend().keys()
    with pytest.raises(RuntimeError), transaction.atomic():
        edit_answer(interview.exchanges.get(position=1), f"Annulé {WORD}.")
        raise RuntimeError("the request failed after saving")
    assert found(WORD) == set()
    assert engine.backend().keys() == keys
    assert index_matches_database()


def test_rolled_back_savepoint_leaves_no_trace_in_a_committed_transaction():
    interview = make_interview()
    with transaction.atomic():
        edit_answer(interview.exchanges.get(position=1), "Gardé : hippocampe.")
        with pytest.raises(RuntimeError), transaction.atomic():
            edit_answer(interview.exchanges.get(position=2), f"Annulé {WORD}.")
            raise RuntimeError("rolled back")
    assert found("hippocampe") == {interview.slug}
    assert found(WORD) == set()
    assert index_matches_database()


def test_unpublishing_removes_the_interview():
    interview = published_with_word()
    editing.unpublish(interview=interview, user=make_user())
    assert found(WORD) == set()
    assert index_matches_database()


def test_deleting_removes_the_interview():
    published_with_word().delete()
    assert found(WORD) == set()
    assert index_matches_database()


def test_deleting_an_exchange_removes_its_paragraphs():
    interview = published_with_word()
    interview.exchanges.get(position=1).delete()
    assert found(WORD) == set()
    assert found("answer") == {interview.slug}


def test_slug_change_drops_the_old_documents():
    interview = published_with_word()
    old = interview.slug
    interview.slug = f"{old}-renamed"
    interview.save()
    assert found(WORD) == {interview.slug}
    assert not any(document["interview"] == old for document in search_archive("answer"))


def test_new_interviewee_is_searchable():
    interview = make_interview()
    interview.interviewees.add(make_person("Gaspard Hippolyte"))
    assert found("Hippolyte") == {interview.slug}


def test_failing_index_write_does_not_fail_the_save(monkeypatch, caplog):
    interview = make_interview()

    def broken(*args, **kwargs) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(engine.backend(), "replace_interviews", broken)
    edit_answer(interview.exchanges.get(position=1), f"Enregistré {WORD}.")
    assert WORD in Exchange.objects.get(interview=interview, position=1).answer_fr
    assert "search index update failed" in caplog.text


def test_interview_added_from_the_person_side_is_searchable():
    interview = make_interview()
    make_person("Gaspard Hippolyte").interviews.add(interview)
    assert found("Hippolyte") == {interview.slug}


def test_renamed_person_is_found_under_the_new_name():
    person = make_person("Gaspard Hippolyte")
    interview = make_interview(interviewees=[person])
    person.name = "Gaspard Zéphyrin"
    person.save()
    assert found("Zephyrin") == {interview.slug}
    assert found("Hippolyte") == set()


def test_renamed_outlet_is_found_under_the_new_name():
    interview = make_interview(outlet=make_outlet("La Gazette"))
    interview.outlet.name = "Le Zéphyr"
    interview.outlet.save()
    assert found("Zephyr") == {interview.slug}


def test_deleted_topic_leaves_the_index():
    interview = make_interview()
    topic = Topic.objects.create(slug="hippisme", name_fr="Hippisme", name_en="Horse riding")
    interview.topics.add(topic)
    assert found("hippisme") == {interview.slug}
    topic.delete()
    assert found("hippisme") == set()


def test_cleared_from_the_person_side_leaves_the_index():
    person = make_person("Gaspard Hippolyte")
    interview = make_interview(interviewees=[person, make_person()])
    person.interviews.clear()
    assert found("Hippolyte") == set()
    assert found("answer") == {interview.slug}


def test_rolled_back_delete_keeps_the_interview():
    interview = published_with_word()
    with pytest.raises(RuntimeError), transaction.atomic():
        interview.delete()
        raise RuntimeError("rolled back")
    assert found(WORD) == {interview.slug}


def test_a_save_is_one_index_write_of_the_exchange_alone(whoosh_index, monkeypatch):
    """The exchange's old documents go and its new ones come in one commit: never a moment
    where a reader finds it missing, one lock and commit instead of two, and none of the
    interview's other documents made again."""
    interview = make_interview()
    exchange = interview.exchanges.get(position=1)
    generations = engine.backend().generations
    writes = []
    write = generations.write
    monkeypatch.setattr(generations, "write", lambda w: (writes.append(w), write(w))[1])
    edit_answer(exchange, f"Enregistré {WORD}.")
    assert len(writes) == 1
    assert writes[0].keys() == {"delete_exchanges", "index"}
    assert writes[0]["delete_exchanges"] == [exchange.uid]
    assert {data["exchange_uid"] for data in writes[0]["index"]} == {exchange.uid}
    assert found(WORD) == {interview.slug}
    assert index_matches_database()


def test_a_rolled_back_change_is_not_indexed_by_the_next_commit(whoosh_index, monkeypatch):
    rolled_back, saved = make_interview(), make_interview()
    with pytest.raises(RuntimeError), transaction.atomic():
        rolled_back.save()
        raise RuntimeError("rolled back")
    replaced = []
    monkeypatch.setattr(
        engine.backend(), "replace_interviews", lambda slugs, _, **__: replaced.append(slugs)
    )
    saved.save()
    assert replaced == [{saved.slug}]
