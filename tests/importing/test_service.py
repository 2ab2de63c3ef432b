"""Saving an aligned interview: the seed pair becomes exactly the fixture's interview."""

from __future__ import annotations

from pathlib import Path

import pytest
from reversion.models import Version

from interviews.duplicates import IfExists
from interviews.importing import ImportProblem, align_interview, parse_article
from interviews.models import Exchange, Interview, Outlet, Person
from interviews.services import import_interview
from interviews.sources import read_source
from tests.factories import make_user

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
INTERVIEW_FIELDS = ("title", "standfirst", "translation_status", "translator")
EXCHANGE_FIELDS = [
    f"{name}_{lang}"
    for name in ("question", "answer", "status", "translated_from")
    for lang in ("fr", "en")
]


def sources(*langs: str):
    return [read_source(SEED / f"{lang}.txt", lang=lang) for lang in langs]


def aligned(raw):
    articles = {s.lang: parse_article(s.content, lang=s.lang, filename=s.filename) for s in raw}
    return align_interview(articles.get("fr"), articles.get("en"), original="fr")


def test_the_seed_pair_imports_to_exactly_the_fixtures_interview(seed):
    raw = sources("fr", "en")
    # The seed is in the archive: the same pair again is a duplicate, imported as asked.
    imported = import_interview(aligned(raw), raw, if_exists=IfExists.KEEP_BOTH)

    assert imported.pk != seed.pk
    assert imported.outlet == seed.outlet  # "L'opinion" in the text, "L'Opinion" in the archive
    assert list(imported.interviewees.all()) == list(seed.interviewees.all())
    for field in (
        *(f"{name}_{lang}" for name in INTERVIEW_FIELDS for lang in ("fr", "en")),
        "published_on",
        "original_language",
        "source_url",
    ):
        assert getattr(imported, field) == getattr(seed, field), field
    assert imported.status == Interview.Status.DRAFT
    ours = list(imported.exchanges.values_list(*EXCHANGE_FIELDS))
    theirs = list(seed.exchanges.values_list(*EXCHANGE_FIELDS))
    assert ours == theirs
    assert [len(e.paragraphs("fr")) for e in imported.exchanges.all()] == [2, 5, 3, 3]
    assert [len(e.paragraphs("en")) for e in imported.exchanges.all()] == [2, 5, 3, 3]
    assert sorted(imported.sources.values_list("lang", "content", "sha256")) == sorted(
        seed.sources.values_list("lang", "content", "sha256")
    )


@pytest.mark.django_db
def test_an_import_creates_outlet_and_people_then_reuses_them():
    raw = sources("fr", "en")
    first = import_interview(aligned(raw), raw)
    second = import_interview(aligned(raw), raw, publish=True, if_exists=IfExists.KEEP_BOTH)

    assert Outlet.objects.count() == 1 and Person.objects.count() == 1
    assert first.outlet.name == "L'opinion"
    assert second.slug == f"{first.slug}-2"
    assert (first.status, second.status) == (Interview.Status.DRAFT, Interview.Status.PUBLISHED)


@pytest.mark.django_db
def test_without_its_translation_every_exchange_waits_for_one():
    raw = sources("fr")
    interview = import_interview(aligned(raw), raw)

    assert interview.translation_status_en == Interview.TranslationStatus.MISSING
    assert set(interview.exchanges.values_list("status_fr", "status_en", "answer_en")) == {
        (Exchange.Status.REVIEWED, Exchange.Status.MISSING, "")
    }
    assert list(interview.sources.values_list("lang", flat=True)) == ["fr"]


@pytest.mark.django_db
def test_the_import_is_recorded_in_the_history_with_its_author():
    user = make_user(groups=["Editors"])
    raw = sources("fr", "en")
    interview = import_interview(aligned(raw), raw, user=user)

    version = Version.objects.get_for_object(interview).get()
    assert version.revision.user == user
    assert Version.objects.filter(revision=version.revision).count() == 1 + 4


@pytest.mark.django_db
def test_an_interview_without_an_outlet_is_refused_and_nothing_is_written():
    raw = sources("fr")
    parsed = aligned(raw)
    nameless = type(parsed)(**{**parsed.__dict__, "outlet": None})

    with pytest.raises(ImportProblem, match="No outlet"):
        import_interview(nameless, raw)
    assert not Interview.objects.exists() and not Outlet.objects.exists()

    assert import_interview(nameless, raw, outlet="Le Monde").outlet.name == "Le Monde"
