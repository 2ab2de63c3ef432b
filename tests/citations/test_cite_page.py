"""The "Cite" page, /<lang>/interviews/<slug>/cite/, its files, and what they refuse."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from interviews.models import Interview
from tests.factories import make_interview

from .conftest import TITLE_EN, exchange

pytestmark = pytest.mark.django_db


def cite_page(client, interview, site: str = "en", **params):
    response = client.get(f"/{site}/interviews/{interview.slug}/cite/", params)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def panel(client, interview, site: str = "en", **params):
    (found,) = cite_page(client, interview, site, **params).cssselect("#cite-panel")
    return found


def test_page_shows_three_references_each_with_a_copy_button(client, interview):
    page = panel(client, interview)
    buttons = page.cssselect("button.copy-reference")
    assert [button.get("data-style") for button in buttons] == [
        "chicago-author-date",
        "apa",
        "modern-language-association",
    ]
    apa = page.cssselect("button.copy-reference[data-style=apa]")[0]
    assert apa.get("data-copy").startswith("Le Pen, M., & El Haloui, R. (2024, January 15).")
    assert page.cssselect(".reference[data-style=apa] .reference__text i")[0].text == "L’Opinion"


def test_copy_buttons_wait_for_javascript(client, interview):
    for button in panel(client, interview).cssselect("button.copy-reference"):
        assert button.get("hidden") is not None


def test_page_shows_the_permalink_the_locator_and_the_cited_text_in_its_language(client, interview):
    uid = exchange(interview).uid
    page = panel(client, interview, passage=f"x-{uid}-p2", lang="en")
    permalink = page.cssselect("a.cite-permalink")[0].get("href")
    assert permalink == (
        f"http://testserver/en/interviews/{interview.slug}/?at=x-{uid}-p2#x-{uid}-p2"
    )
    assert page.cssselect(".cite-locator")[0].text == "exchange 2, paragraph 2"
    (quoted,) = page.cssselect("blockquote.cite-panel__text")
    assert quoted.get("lang") == "en"
    assert quoted.text_content() == "Answer 2, paragraph 2: “yes”."


def test_exchange_citation_quotes_the_whole_exchange(client, interview):
    page = panel(client, interview, passage=exchange(interview).anchor)
    paragraphs = page.cssselect("blockquote.cite-panel__text p")
    assert [p.text for p in paragraphs][:2] == [
        "Question 2 en français ?",
        "Réponse 2, paragraphe 1 : « oui ».",
    ]
    assert len(paragraphs) == 4


def test_interview_citation_quotes_its_title(client, interview):
    page = panel(client, interview, lang="en")
    assert page.cssselect("blockquote.cite-panel__text p")[0].text == TITLE_EN


def test_page_is_in_french_on_the_french_site(client, interview):
    uid = exchange(interview).uid
    page = panel(client, interview, "fr", passage=f"x-{uid}-p2")
    assert page.cssselect("h1")[0].text == "Citer ce passage"
    assert page.cssselect(".cite-locator")[0].text == "échange 2, paragraphe 2"
    assert "Entretien réalisé par" in page.cssselect(".reference__text")[0].text_content()
    assert page.cssselect("button.copy-reference")[0].text == "Copier"


def test_page_links_the_three_files_for_the_same_passage(client, interview):
    anchor = f"x-{exchange(interview).uid}-q"
    page = panel(client, interview, passage=anchor, lang="en")
    links = {a.get("data-format"): a.get("href") for a in page.cssselect("a.cite-download")}
    assert links == {
        extension: f"/en/interviews/{interview.slug}/cite.{extension}?passage={anchor}&lang=en"
        for extension in ("bib", "ris", "json")
    }
    for url in links.values():
        assert client.get(url).status_code == 200


def test_page_escapes_the_title(client, interview):
    interview.title_fr = "<script>alert(1)</script>"
    interview.save()
    response = client.get(f"/en/interviews/{interview.slug}/cite/")
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


@pytest.mark.parametrize("path", ["cite/", "cite.bib", "cite.ris", "cite.json"])
def test_unknown_interview_is_not_found(client, db, path):
    assert client.get(f"/fr/interviews/no-such-interview/{path}").status_code == 404


@pytest.mark.parametrize("path", ["cite/", "cite.bib", "cite.ris", "cite.json"])
def test_draft_is_not_found_by_the_public(client, path):
    draft = make_interview(status=Interview.Status.DRAFT)
    assert client.get(f"/fr/interviews/{draft.slug}/{path}").status_code == 404
    anchor = draft.exchanges.first().anchor
    assert client.get(f"/fr/interviews/{draft.slug}/{path}?passage={anchor}").status_code == 404


def test_draft_can_be_cited_by_whom_may_see_drafts(admin_client):
    draft = make_interview(status=Interview.Status.DRAFT)
    assert admin_client.get(f"/fr/interviews/{draft.slug}/cite/").status_code == 200


def refusal(client, interview, site: str, path: str = "cite/", **params) -> str:
    response = client.get(f"/{site}/interviews/{interview.slug}/{path}", params)
    assert response.status_code == 400
    return lxml_html.fromstring(response.content).cssselect("#cite-panel .cite-error")[0].text


@pytest.mark.parametrize("path", ["cite/", "cite.bib", "cite.ris", "cite.json"])
def test_malformed_anchor_is_a_bad_request_explained_in_french(client, interview, path):
    reason = refusal(client, interview, "fr", path, passage="x-<script>")
    assert reason == (
        "«\u00a0x-<script>\u00a0» n’est pas une ancre de passage (comme x-ab12cd34ef56-p2)."
    )


def test_unknown_anchor_is_a_bad_request(client, interview):
    reason = refusal(client, interview, "en", passage="x-abcdef123456-p1")
    assert reason == "This interview has no passage “x-abcdef123456-p1”."
    uid = exchange(interview).uid
    assert "x-" in refusal(client, interview, "fr", passage=f"x-{uid}-p9")


@pytest.mark.parametrize("path", ["cite/", "cite.bib", "cite.ris", "cite.json"])
def test_unknown_language_is_a_bad_request(client, interview, path):
    assert refusal(client, interview, "fr", path, lang="de") == (
        "Langue «\u00a0de\u00a0» inconnue\u00a0: choisissez parmi fr, en."
    )


def test_passage_missing_in_the_language_is_a_bad_request(client, interview):
    passage = exchange(interview)
    passage.question_en = ""
    passage.save()
    assert refusal(client, interview, "en", passage=f"{passage.anchor}-q", lang="en") == (
        "This passage has no text in the language asked for (“en”)."
    )


@pytest.mark.parametrize("path", ["cite/", "cite.bib", "cite.ris", "cite.json"])
def test_cite_views_run_in_three_queries(client, interview, django_assert_max_num_queries, path):
    anchor = f"x-{exchange(interview).uid}-p1"
    with django_assert_max_num_queries(3):
        response = client.get(f"/fr/interviews/{interview.slug}/{path}?passage={anchor}&lang=en")
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
