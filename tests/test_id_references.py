"""Every id a page refers to (a label's ``for``, ``aria-describedby``, ``aria-labelledby``,
``aria-controls``, a fragment link) is on that page: a control described by a hint that is
not there is described by nothing (issue 16: the import form's ``aria-describedby``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from tests.factories import make_user

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed"
REFERRING = {
    "for": "//label/@for",
    "aria-describedby": "//@aria-describedby",
    "aria-labelledby": "//@aria-labelledby",
    "aria-controls": "//@aria-controls",
    "href": "//a[starts-with(@href, '#')]/@href",
}


def missing_ids(content: bytes) -> dict[str, set[str]]:
    page = lxml_html.fromstring(content)
    present = set(page.xpath("//@id"))
    missing = {}
    for attribute, path in REFERRING.items():
        named = {name.lstrip("#") for value in page.xpath(path) for name in value.split()}
        if named - present - {""}:
            missing[attribute] = named - present - {""}
    return missing


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/fr/interviews/",
        "/en/interviews/{slug}/",
        "/en/interviews/{slug}/?show=fr",
        "/en/search/?q=portail",
        "/en/accounts/login/",
        "/en/edit/",
        "/en/edit/import/",
        "/en/edit/import/batch/",
        "/en/edit/interviews/{slug}/translate/",
        "/en/edit/interviews/{slug}/history/",
    ],
)
def test_every_id_a_page_refers_to_is_on_it(client, seed, url):
    client.force_login(make_user(is_superuser=True))
    response = client.get(url.format(slug=seed.slug))
    assert response.status_code == 200
    assert missing_ids(response.content) == {}


def test_every_id_the_import_preview_refers_to_is_on_it(client):
    client.force_login(make_user(is_superuser=True))
    texts = {f"{lang}_text": (SEED / f"{lang}.txt").read_text("utf-8") for lang in ("fr", "en")}
    data = {"original": "fr", "outlet": "", "action": "preview", **texts}
    response = client.post("/en/edit/import/", data)
    assert response.status_code == 200
    assert missing_ids(response.content) == {}
