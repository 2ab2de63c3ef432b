"""`import_interview --json` says where each field was found; pages whose outlet only the
title or the footer names can be published."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from interviews.models import Interview

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ROOT / "fixtures" / "layouts"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_interview", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_json_says_where_each_field_was_found_in_english():
    out = run("--fr", str(LAYOUTS / "32_html_json_ld_newsarticle_fr.html"), "--dry-run", "--json")

    data = json.loads(out)
    assert data["outlet"] == "Ouest Matin"
    assert data["provenance"] == {
        "title": "JSON-LD headline",
        "outlet": "JSON-LD publisher",
        "published_on": "JSON-LD datePublished",
        "interviewees": "JSON-LD about",
        "interviewer": "JSON-LD author",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("30_html_outlet_in_title_fr.html", "Libération"),
        ("31_html_outlet_in_footer_fr.html", "Le Parisien"),
        ("35_html_outlet_question_prefix_fr.html", "Le Point"),
    ],
)
def test_a_page_naming_its_outlet_outside_the_header_can_be_published(name, outlet):
    run("--fr", str(LAYOUTS / name), "--publish")

    interview = Interview.objects.published().get()
    assert interview.outlet.name == outlet
