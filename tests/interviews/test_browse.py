from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interviews.models import Interview
from tests.factories import SEED_SLUG, make_interview, make_outlet, make_person

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(("lang", "heading"), [("fr", "Derniers entretiens"), ("en", "Latest")])
def test_home_links_to_the_seed_in_both_languages(client, seed, lang, heading):
    html = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/interviews/{SEED_SLUG}/"' in html
    assert heading in html
    assert f'<html lang="{lang}">' in html


def test_home_counts_published_interviews_only(client, seed):
    make_interview(status=Interview.Status.DRAFT)
    response = client.get("/en/")
    assert response.context["counts"] == {
        "interviews": 1,
        "exchanges": 4,
        "people": 1,
        "outlets": 1,
    }


def test_language_switcher_points_to_the_same_page(client, seed):
    html = client.get(f"/fr/interviews/{SEED_SLUG}/").content.decode()
    assert f'href="/en/interviews/{SEED_SLUG}/"' in html


def test_list_filters_by_outlet(client):
    outlet = make_outlet("Le Monde")
    wanted = make_interview(outlet=outlet)
    make_interview()
    page = client.get(f"/fr/interviews/?outlet={outlet.slug}").context["page"]
    assert list(page) == [wanted]


def test_list_filters_by_person(client):
    person = make_person("Annie Ernaux")
    wanted = make_interview(interviewees=[person])
    make_interview()
    page = client.get(f"/fr/interviews/?person={person.slug}").context["page"]
    assert list(page) == [wanted]


def test_list_filters_by_person_and_topic_list_each_interview_once(client, seed):
    seed.interviewees.add(make_person("Second Interviewee"))
    person, topic = seed.interviewees.first(), seed.topics.first()
    page = client.get(f"/fr/interviews/?person={person.slug}&topic={topic.slug}").context["page"]
    assert list(page) == [seed]


def test_list_filters_by_year(client):
    wanted = make_interview(published_on=date(2013, 10, 24))
    make_interview(published_on=date(2024, 10, 5))
    page = client.get("/en/interviews/?year=2013").context["page"]
    assert list(page) == [wanted]


def test_list_readable_in_counts_only_reviewed_translations(client):
    reviewed = make_interview(translation_status_en=Interview.TranslationStatus.REVIEWED)
    make_interview(translation_status_en=Interview.TranslationStatus.DRAFT)
    make_interview(translation_status_en=Interview.TranslationStatus.MISSING)
    page = client.get("/en/interviews/?available_in=en").context["page"]
    assert list(page) == [reviewed]


def test_list_readable_in_including_unreviewed_is_an_explicit_choice(client):
    draft = make_interview(translation_status_en=Interview.TranslationStatus.DRAFT)
    make_interview(translation_status_en=Interview.TranslationStatus.MISSING)
    page = client.get("/en/interviews/?available_in=en&unreviewed=on").context["page"]
    assert list(page) == [draft]


def test_list_readable_in_the_original_language_needs_no_review(client):
    french = make_interview(translation_status_en=Interview.TranslationStatus.MISSING)
    page = client.get("/en/interviews/?available_in=fr").context["page"]
    assert list(page) == [french]


@pytest.mark.parametrize(
    ("sort", "expected"), [("", ["2024", "2013"]), ("oldest", ["2013", "2024"])]
)
def test_list_sorts_by_date(client, sort, expected):
    make_interview(published_on=date(2013, 10, 24))
    make_interview(published_on=date(2024, 10, 5))
    page = client.get(f"/en/interviews/?sort={sort}").context["page"]
    assert [str(interview.published_on.year) for interview in page] == expected


def test_list_sorts_by_title(client):
    make_interview(title_en="Zebra crossing", title_fr="Zèbre")
    make_interview(title_en="Apple pie", title_fr="Abricot")
    page = client.get("/en/interviews/?sort=title").context["page"]
    assert [interview.title_en for interview in page] == ["Apple pie", "Zebra crossing"]


def test_the_person_filter_lists_every_person_escaped_with_the_chosen_one_selected(client):
    chosen, other = make_person("Annie Ernaux"), make_person("<b>Léa</b> & « Max »")

    html = client.get(f"/fr/interviews/?person={chosen.slug}").content.decode()

    select = html[
        html.index('<select name="person"') : html.index(
            "</select>", html.index('<select name="person"')
        )
    ]
    assert f'<option value="{chosen.slug}" selected>Annie Ernaux</option>' in select
    assert f'<option value="{other.slug}">&lt;b&gt;Léa&lt;/b&gt; &amp; « Max »</option>' in select
    assert 'id="id_person"' in select


def test_list_with_a_bad_filter_shows_the_error_not_a_500(client):
    response = client.get("/en/interviews/?year=abc&outlet=nope")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_list_is_paginated(client):
    outlet = make_outlet()
    for _ in range(21):
        make_interview(outlet=outlet, exchanges=1)
    first = client.get("/fr/interviews/").context["page"]
    second = client.get("/fr/interviews/?page=2").context["page"]
    assert len(first) == 20
    assert len(second) == 1


def test_list_query_count_does_not_grow_with_rows(client):
    make_interview()
    with CaptureQueriesContext(connection) as one:
        client.get("/fr/interviews/")
    for _ in range(10):
        make_interview()
    with CaptureQueriesContext(connection) as eleven:
        client.get("/fr/interviews/")
    assert len(one) == len(eleven)


def test_person_page_lists_their_published_interviews(client, seed):
    make_interview(status=Interview.Status.DRAFT, interviewees=list(seed.interviewees.all()))
    response = client.get("/en/people/redouane-el-haloui/")
    assert list(response.context["interviews"]) == [seed]


def test_outlet_page_lists_its_interviews(client, seed):
    response = client.get("/fr/outlets/l-opinion/")
    assert list(response.context["interviews"]) == [seed]


def test_unknown_person_is_a_404(client):
    assert client.get("/fr/people/nobody/").status_code == 404
