"""Lighthouse, axe-core and the Nu HTML checker on every kind of page (issue 16).

``make audit`` runs this alone and prints the table. It is marked ``audit`` and left out of
``make test``: CI runs it on its own once the suite's passes are over (`.ci/run`), so that
Lighthouse measures on a machine the passes no longer load.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, urljoin, urlparse
from urllib.robotparser import RobotFileParser

import pytest
from django.test import Client

from interviews import editing
from tests.audit.audits import (
    FORM_FACTORS,
    VIEWPORTS,
    Audit,
    Page,
    axe_violations,
    lighthouse,
    missing_tools,
    nu_errors,
    open_page,
    table,
)
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.factories import make_user

pytestmark = pytest.mark.audit

# A page's performance is measured up to this many times while under the floor.
LIGHTHOUSE_RUNS = 5
SEED_TEXTS = Path(__file__).resolve().parents[2] / "fixtures" / "seed"


def pages(slug: str) -> list[Page]:
    reading = f"/en/interviews/{slug}/"
    editor = f"/en/edit/interviews/{slug}/"
    return [
        Page("home", "/en/"),
        Page("home-fr", "/fr/"),
        Page("list", "/en/interviews/"),
        Page("reading", reading),
        Page("reading-swapped", f"{reading}?show=en,fr"),
        Page("reading-fr-only", f"{reading}?show=fr"),
        Page("reading-en-only", f"{reading}?show=en"),
        Page("search", "/en/search/?q=portail"),
        Page("bad-query", "/en/search/?q=" + quote('"portail AND (OR')),
        Page("dashboard", "/en/edit/", private=True),
        Page("translate", f"{editor}translate/", private=True),
        Page("import", "/en/edit/import/", private=True),
        Page(
            "import-preview",
            "/en/edit/import/",
            fields={
                "#id_fr_text": (SEED_TEXTS / "fr.txt").read_text("utf-8"),
                "#id_en_text": (SEED_TEXTS / "en.txt").read_text("utf-8"),
            },
            button="button[value=preview]",
            private=True,
        ),
        Page("history", f"{editor}history/", private=True),
    ]


@pytest.fixture
def editor_cookie(live_seed, live_server):
    """A reviewer's session on the live server, with one edit in the seed's history."""
    reviewer = make_user(is_superuser=True)
    exchange = live_seed.exchanges.first()
    editing.save_translation(
        exchange=exchange,
        question=exchange.question_en,
        answer=exchange.answer_en.replace("skills", "know-how"),
        version=exchange.version,
        ready=False,
        user=reviewer,
    )
    client = Client()
    client.force_login(reviewer)
    host = urlparse(live_server.url).hostname
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host}


def test_every_page_passes_lighthouse_axe_and_the_nu_checker(
    live_server, live_seed, editor_cookie, browser
):
    assert not missing_tools(), "run `make system` and `npm ci` in tests/audit"
    # AUDIT_PAGES=list,history (make audit) audits only these pages, to try a fix quickly.
    wanted = set(filter(None, os.environ.get("AUDIT_PAGES", "").split(",")))
    audited = [page for page in pages(live_seed.slug) if not wanted or page.name in wanted]
    audits = {page.name: Audit(page.name) for page in audited}

    sources = {}
    for viewport in VIEWPORTS.values():
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        context.add_cookies([{**editor_cookie, "path": "/"}])
        tab = context.new_page()
        for page in audited:
            response = open_page(tab, live_server.url, page)
            assert response.ok, f"{page.name}: {response.status}"
            sources[page.name] = response.text()
            audits[page.name].axe += axe_violations(tab)
        context.close()
    for name, errors in nu_errors(sources).items():
        audits[name].nu = errors

    # The editors' pages are kept out of search engines by robots.txt, and only they.
    robots = RobotFileParser(urljoin(live_server.url, "/robots.txt"))
    robots.read()
    kept_out = {p.name for p in audited if not robots.can_fetch("*", live_server.url + p.path)}
    assert kept_out == {page.name for page in audited if page.private}

    cookie = {**editor_cookie, "url": live_server.url}
    del cookie["domain"]
    # AUDIT_REPORTS=var/audit (make audit) keeps Lighthouse's report of each run there.
    reports = os.environ.get("AUDIT_REPORTS")
    if reports:
        Path(reports).mkdir(parents=True, exist_ok=True)
    measure = {
        "chrome": CHROMIUM,
        "flags": CHROMIUM_FLAGS,
        "cookies": [cookie],
        "reports": str(Path(reports).resolve()) if reports else None,
    }
    # Each page once in each form factor; again (up to LIGHTHOUSE_RUNS) only where under the
    # floor or not measured, each round in one browser.
    runs = [(page, form_factor) for form_factor in FORM_FACTORS for page in audited]
    seconds = 0.0
    for _round in range(LIGHTHOUSE_RUNS):
        for verdict in lighthouse(live_server.url, runs, **measure):
            audits[verdict["page"]].record(verdict)
            seconds += verdict["seconds"]
        runs = [
            (page, form_factor)
            for page in audited
            for form_factor in sorted(audits[page.name].to_measure_again())
        ]
        if not runs:
            break

    print(f"\nLighthouse: {sum(a.runs for a in audits.values())} runs, {seconds:.0f} s")
    print(table(list(audits.values())))
    for name, audit in audits.items():
        if audit.notes():
            print(f"{name} (points lost):", *audit.notes(), sep="\n  ")
    problems = {name: audit.problems() for name, audit in audits.items() if audit.problems()}
    for name, found in problems.items():
        print(f"{name}:", *found, sep="\n  ")
    assert problems == {}
