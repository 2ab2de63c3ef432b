"""An import already in the archive is refused unless the editor replaces the draft or
keeps both: found by its source, by its text, or by its title, outlet and date."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation
from reversion.models import Version

from interviews import services
from interviews.duplicates import IfExists, Match, Reason
from interviews.models import Interview
from interviews.services import DuplicateImport
from tests.duplicates import SEED_DATE, look_alike, raw, respaced, save, seed_pair, seed_text
from tests.factories import make_outlet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(sources, **options) -> DuplicateImport:
    with pytest.raises(DuplicateImport) as refused:
        save(sources, **options)
    return refused.value


def test_the_same_sources_again_are_refused_and_nothing_is_written():
    first = save(seed_pair())
    versions = Version.objects.count()

    refused = refusal(seed_pair())

    assert [match.interview for match in refused.matches] == [first]
    assert refused.matches[0].reasons == (Reason.SOURCE, Reason.TEXT, Reason.TITLE)
    assert Interview.objects.get() == first
    assert Version.objects.count() == versions


def test_the_same_file_under_another_name_is_the_same_source():
    save([raw("fr")])

    refused = refusal([raw("fr", filename="entretien-copie.txt")])

    assert Reason.SOURCE in refused.matches[0].reasons


@pytest.mark.parametrize(
    ("lang", "start", "end"),
    [
        (
            "en",
            "already in the archive: “We are going to establish data centers accessible to all”"
            " (L'opinion, Oct. 5, 2024), imported ",
            ", draft. Not imported: choose to replace the existing draft, or to keep both.",
        ),
        (
            "fr",
            "déjà dans l’archive\u00a0: « Nous allons établir des data centers accessibles à "
            "tous » (L'opinion, 5 octobre 2024), importé le ",
            ", brouillon. Non importé\u00a0: choisissez de remplacer le brouillon existant, "
            "ou de garder les deux.",
        ),
    ],
)
def test_the_refusal_says_what_is_in_the_archive_and_what_to_do(lang, start, end):
    save(seed_pair())

    with translation.override(lang):
        message = str(refusal(seed_pair()))

    assert message.startswith(start)
    assert message.endswith(end)


def test_the_same_article_saved_again_with_other_spacing_and_headlines_is_the_same_text():
    first = save([raw("fr")])
    copy = raw("fr", respaced(seed_text("fr")), filename="saved-again.txt")

    refused = refusal([copy])

    assert [(m.interview, m.reasons) for m in refused.matches] == [(first, (Reason.TEXT,))]


def test_another_text_under_the_same_title_outlet_and_date_is_a_duplicate():
    existing = look_alike()

    refused = refusal([raw("fr")])

    assert [(m.interview, m.reasons) for m in refused.matches] == [(existing, (Reason.TITLE,))]


@pytest.mark.parametrize(
    "difference", [{"published_on": date(2024, 10, 6)}, {"title_fr": "Un autre entretien"}]
)
def test_another_date_or_title_is_another_interview(difference):
    look_alike(**difference)

    assert save([raw("fr")]).slug != ""
    assert Interview.objects.count() == 2


def test_keep_both_makes_a_second_interview():
    first = save(seed_pair())

    second = save(seed_pair(), if_exists=IfExists.KEEP_BOTH)

    assert second.slug == f"{first.slug}-2"
    assert Interview.objects.count() == 2


def test_replacing_a_draft_keeps_its_address_and_history():
    first = save([raw("fr")])
    uids = list(first.exchanges.values_list("uid", flat=True))
    versions = list(first.exchanges.values_list("version", flat=True))

    replaced = save(seed_pair(), if_exists=IfExists.REPLACE)

    assert (replaced.pk, replaced.slug) == (first.pk, first.slug)
    assert Interview.objects.count() == 1
    assert list(replaced.exchanges.values_list("uid", flat=True)) == uids
    assert [v + 1 for v in versions] == list(replaced.exchanges.values_list("version", flat=True))
    assert replaced.exchanges.exclude(answer_en="").count() == 4
    assert replaced.translation_status_en == Interview.TranslationStatus.DRAFT
    comments = [v.revision.comment for v in Version.objects.get_for_object(replaced)]
    assert comments == ["Replaced by a new import", "Imported"]
    assert sorted(replaced.sources.values_list("lang", flat=True)) == ["en", "fr"]


def test_replacing_a_longer_draft_drops_the_exchanges_it_has_beyond_the_new_ones():
    existing = look_alike(exchanges=6, status=Interview.Status.DRAFT)
    uids = list(existing.exchanges.values_list("uid", flat=True))

    replaced = save([raw("fr")], if_exists=IfExists.REPLACE)

    assert replaced.pk == existing.pk
    assert list(replaced.exchanges.values_list("uid", flat=True)) == uids[:4]
    assert replaced.exchanges.first().question_en == ""
    # Never recorded before: its state before the import is kept, so it can be restored.
    comments = [v.revision.comment for v in Version.objects.get_for_object(replaced)]
    assert comments == ["Replaced by a new import", "State before the first recorded edit"]


def test_replacing_may_publish_the_draft():
    first = save(seed_pair())

    replaced = save(seed_pair(), if_exists=IfExists.REPLACE, publish=True)

    assert replaced.pk == first.pk and replaced.is_published


def test_a_published_interview_is_never_replaced():
    first = save(seed_pair(), publish=True)

    refused = refusal(seed_pair(), if_exists=IfExists.REPLACE)

    assert "a published interview is never replaced by an import" in str(refused)
    assert Interview.objects.get() == first
    assert Version.objects.get_for_object(first).count() == 1


def test_refused_by_default_a_published_duplicate_offers_only_to_keep_both():
    save(seed_pair(), publish=True)

    message = str(refusal(seed_pair()))

    assert message.endswith(
        "Not imported: choose to keep both (a published interview is never replaced by an import)."
    )


def test_which_of_several_matches_to_replace_is_not_guessed():
    save([raw("fr")])
    save([raw("fr")], if_exists=IfExists.KEEP_BOTH)

    refused = refusal([raw("fr")], if_exists=IfExists.REPLACE)

    assert len(refused.matches) == 2
    assert "it matches several interviews" in str(refused)
    assert Interview.objects.count() == 2


def test_an_import_matching_nothing_is_not_a_duplicate():
    look_alike(published_on=SEED_DATE.replace(year=2023))

    interview = save(seed_pair())

    assert interview.sources.get(lang="fr").fingerprint != ""


def test_the_preview_line_escapes_what_the_archive_holds():
    interview = look_alike(title_en="<b>Bold</b> & co", outlet=make_outlet("<i>Outlet</i>"))

    html = Match(interview, (Reason.TITLE,)).describe_html()

    assert html.startswith(
        f'already in the archive: <a href="/en/edit/interviews/{interview.slug}/translate/">'
        "&lt;b&gt;Bold&lt;/b&gt; &amp; co</a> (&lt;i&gt;Outlet&lt;/i&gt;, Oct. 5, 2024)"
    )


def test_a_draft_published_since_it_was_found_is_not_replaced(monkeypatch):
    found = save(seed_pair())  # a draft when it was found
    Interview.objects.filter(pk=found.pk).update(status=Interview.Status.PUBLISHED)
    monkeypatch.setattr(
        services, "find_duplicates", lambda *args, **kwargs: [Match(found, (Reason.SOURCE,))]
    )

    refused = refusal(seed_pair(), if_exists=IfExists.REPLACE)

    assert "a published interview is never replaced by an import" in str(refused)
    assert Version.objects.get_for_object(found).count() == 1
