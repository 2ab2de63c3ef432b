"""One interview's export over HTTP, and the links to every export on the pages."""

from __future__ import annotations

import pytest
from django.http import StreamingHttpResponse
from lxml import html

from interviews.models import Interview
from tests.editing import EDITORS, log_in
from tests.factories import make_interview

from . import FORMATS, streamed

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "tmx": "application/x-tmx+xml",
    "tei": "application/tei+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@pytest.mark.parametrize("format", FORMATS)
def test_interview_export_streams_with_its_content_type(client, seed, format):
    response = client.get(f"/en/interviews/{seed.slug}/export.{format}")

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == CONTENT_TYPES[format]
    assert seed.exchanges.get(position=1).uid in streamed(response)


@pytest.mark.parametrize("format", FORMATS)
def test_interview_export_is_an_attachment_named_after_the_slug(client, seed, format):
    response = client.get(f"/en/interviews/{seed.slug}/export.{format}?level=sentence")

    assert response["Content-Disposition"] == f"attachment; filename={seed.slug}.{format}"


def test_unknown_format_is_not_found(client, seed):
    assert client.get(f"/en/interviews/{seed.slug}/export.xls").status_code == 404


def test_unknown_level_is_refused_with_the_reason_in_the_interface_language(client, seed):
    response = client.get(f"/fr/interviews/{seed.slug}/export.tmx?level=word")

    assert response.status_code == 400
    assert "Niveau inconnu «\u00a0word\u00a0»" in response.content.decode()


def test_unknown_interview_is_not_found_with_a_message(client, db):
    response = client.get("/en/interviews/no-such-interview/export.csv")

    assert response.status_code == 404
    assert "no-such-interview" in response.content.decode()


def test_anonymous_export_of_a_draft_is_not_found(client):
    draft = make_interview(status=Interview.Status.DRAFT)

    assert client.get(f"/en/interviews/{draft.slug}/export.json").status_code == 404


def test_editor_exports_a_draft_they_can_see(client):
    log_in(client, EDITORS)
    draft = make_interview(status=Interview.Status.DRAFT)
    response = client.get(f"/en/interviews/{draft.slug}/export.json")

    assert response.status_code == 200
    assert f'"slug": "{draft.slug}"' in streamed(response)


def test_permalinks_in_a_web_export_point_at_this_site(client, seed):
    body = streamed(client.get(f"/en/interviews/{seed.slug}/export.csv"))

    assert f"http://testserver/en/interviews/{seed.slug}/?at=x-" in body


def export_links(page: bytes) -> dict[tuple[str, str], str]:
    tree = html.fromstring(page)
    return {
        (link.get("data-format"), link.get("data-level")): link.get("href")
        for link in tree.find_class("export-link")
    }


def test_reading_view_links_to_each_format_at_each_level(client, seed):
    links = export_links(client.get(f"/en/interviews/{seed.slug}/").content)

    assert set(links) == {(f, level) for f in FORMATS for level in ("paragraph", "sentence")}
    assert links["tei", "sentence"] == f"/en/interviews/{seed.slug}/export.tei?level=sentence"
    for href in links.values():
        assert client.get(href).status_code == 200
