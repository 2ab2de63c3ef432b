"""The API over real HTTP, on a live server: as a researcher's notebook drives it, and as
schemathesis, generating requests from the OpenAPI document, finds it."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.core.management import call_command

from interviews.models import Interview
from tests.factories import SEED_SLUG, make_interview

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.fixture
def live_corpus(transactional_db, live_server, settings):
    """The seed and a few more interviews (one a draft), committed and so indexed."""
    settings.API_RATE_LIMIT = "100000/min"  # the fuzzer's requests, not a client's
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    for _ in range(3):
        make_interview()
    draft = make_interview(status=Interview.Status.DRAFT, title_fr="Brouillon secret")
    return draft


def test_a_notebook_lists_reads_searches_and_exports(live_server, live_corpus):
    api = f"{live_server.url}/api/v1"
    listing = requests.get(f"{api}/interviews/", params={"q": "data centers"}, timeout=30)
    [item] = listing.json()["results"]
    assert item["slug"] == SEED_SLUG

    interview = requests.get(item["links"]["api"], timeout=30).json()
    passage = interview["exchanges"][3]["passages"][1]
    assert {text["lang"] for text in passage["texts"]} == {"fr", "en"}

    search = requests.get(f"{api}/search/", params={"q": "portail unique"}, timeout=30).json()
    hit = search["results"][0]
    assert hit["interview"] == SEED_SLUG
    assert requests.get(hit["links"]["passage"], timeout=30).status_code == 200

    exported = requests.get(search["exports"]["csv"], timeout=30)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert hit["anchor"] in {row["anchor"] for row in rows}
    document = requests.get(item["links"]["exports"]["json"], timeout=30).json()
    [exported_interview] = document["interviews"]
    assert anchors(exported_interview) == anchors(interview)


def anchors(interview: dict) -> list[str]:
    return [p["anchor"] for exchange in interview["exchanges"] for p in exchange["passages"]]


def test_a_draft_is_nowhere_in_the_api(live_server, live_corpus):
    api = f"{live_server.url}/api/v1"
    slugs = [i["slug"] for i in requests.get(f"{api}/interviews/", timeout=30).json()["results"]]
    assert live_corpus.slug not in slugs
    assert requests.get(f"{api}/interviews/{live_corpus.slug}/", timeout=30).status_code == 404
    found = requests.get(f"{api}/search/", params={"q": "brouillon"}, timeout=30).json()
    assert found["results"] == []


def test_schemathesis_finds_nothing_wrong_in_any_operation(live_server, live_corpus, tmp_path):
    run = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--checks",
            "not_a_server_error,status_code_conformance,response_schema_conformance,"
            "content_type_conformance",
            "--max-examples",
            "10",
            "--seed",
            "1",
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--no-color",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "7 selected / 7 total" in run.stdout
    assert "No issues found" in run.stdout
