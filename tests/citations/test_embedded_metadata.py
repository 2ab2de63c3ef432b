"""What the reading view embeds for reference managers, read back with extruct and lxml."""

from __future__ import annotations

import extruct
import pytest
from lxml import html as lxml_html

from interviews.models import Interview

from .conftest import OUTLET, TITLE_EN, TITLE_FR

pytestmark = pytest.mark.django_db


def reading_page(client, interview, site: str = "en") -> str:
    response = client.get(f"/{site}/interviews/{interview.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def extracted(client, interview, syntax: str) -> list[dict]:
    html = reading_page(client, interview)
    return extruct.extract(html, base_url="http://testserver/", syntaxes=[syntax])[syntax]


def json_ld(client, interview) -> dict:
    (article,) = extracted(client, interview, "json-ld")
    return article


def test_json_ld_describes_the_interview_as_a_news_article(client, interview):
    article = json_ld(client, interview)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["genre"] == "interview"
    assert article["headline"] == TITLE_FR
    assert article["datePublished"] == "2024-01-15"
    assert article["inLanguage"] == "fr"
    assert article["publisher"] == {"@type": "Organization", "name": OUTLET}
    assert article["url"] == f"http://testserver/fr/interviews/{interview.slug}/"


def test_json_ld_names_interviewees_with_their_role_and_the_interviewer(client, interview):
    interview.interviewees.filter(name="Marine Le Pen").update(role_fr="députée")
    article = json_ld(client, interview)
    assert [person["name"] for person in article["about"]] == [
        "Marine Le Pen",
        "Redouane El Haloui",
    ]
    assert article["about"][0]["jobTitle"] == "députée"
    assert [role["roleName"] for role in article["contributor"]] == ["interviewee", "interviewee"]
    assert article["contributor"][0]["contributor"]["name"] == "Marine Le Pen"
    assert article["author"]["name"] == "Marie Dupont"


def test_json_ld_links_the_translation_to_the_original(client, interview):
    article = json_ld(client, interview)
    translation = article["workTranslation"]
    assert translation["headline"] == TITLE_EN
    assert translation["inLanguage"] == "en"
    assert translation["translationOfWork"] == {"@id": article["@id"]}
    assert translation["translator"] == {"@type": "Person", "name": "Jeanne Martin"}
    assert translation["url"] == f"http://testserver/en/interviews/{interview.slug}/"


def test_json_ld_has_no_translation_when_there_is_none(client, interview):
    interview.translation_status_en = Interview.TranslationStatus.MISSING
    interview.save()
    assert "workTranslation" not in json_ld(client, interview)


def test_json_ld_cannot_be_broken_out_of(client, interview):
    interview.title_fr = "</script><script>alert(1)</script><!--"
    interview.save()
    html = reading_page(client, interview)
    assert "<script>alert(1)" not in html
    assert json_ld(client, interview)["headline"] == interview.title_fr


def dublin_core(client, interview) -> dict[str, list[str]]:
    (found,) = extracted(client, interview, "dublincore")
    elements: dict[str, list[str]] = {}
    for element in found["elements"]:
        assert element["URI"].startswith("http://purl.org/dc/elements/1.1/")
        elements.setdefault(element["name"], []).append(element["content"])
    return elements


def test_dublin_core_describes_the_original(client, interview):
    elements = dublin_core(client, interview)
    assert elements["DC.title"] == [TITLE_FR]
    assert elements["DC.creator"] == ["Marine Le Pen", "Redouane El Haloui"]
    assert elements["DC.date"] == ["2024-01-15"]
    assert elements["DC.language"] == ["fr"]
    assert elements["DC.publisher"] == [OUTLET]
    assert elements["DC.identifier"] == [f"http://testserver/fr/interviews/{interview.slug}/"]
    assert elements["DC.relation"] == [f"http://testserver/en/interviews/{interview.slug}/"]


def highwire(client, interview) -> dict[str, list[str]]:
    head = lxml_html.fromstring(reading_page(client, interview)).find("head")
    tags: dict[str, list[str]] = {}
    for meta in head.iterfind("meta"):
        if (meta.get("name") or "").startswith("citation_"):
            tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    return tags


def test_highwire_tags_describe_the_original(client, interview):
    assert highwire(client, interview) == {
        "citation_title": [TITLE_FR],
        "citation_author": ["Marine Le Pen", "Redouane El Haloui"],
        "citation_publication_date": ["2024/01/15"],
        "citation_date": ["2024/01/15"],
        "citation_journal_title": [OUTLET],
        "citation_publisher": [OUTLET],
        "citation_language": ["fr"],
        "citation_public_url": [f"http://testserver/fr/interviews/{interview.slug}/"],
    }


def test_embedded_metadata_adds_no_query_to_the_reading_view(
    client, interview, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        reading_page(client, interview)
