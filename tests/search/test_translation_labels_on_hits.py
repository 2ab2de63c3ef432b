"""Search hits say whether the translation they quote or show was reviewed."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from interviews.models import Exchange, Interview
from tests.factories import make_interview

pytestmark = pytest.mark.django_db


def hit_labels(client, query: str) -> list[str]:
    text = client.get("/en/search/", {"q": query}).content.decode()
    return re.findall(r'class="translation-label[^"]*"[^>]*>([^<]*)<', text)


def test_a_hit_on_a_draft_translation_is_labelled_unreviewed(client, indexed_seed):
    labels = hit_labels(client, "portail")
    assert labels
    assert set(labels) == {"English: Unreviewed translation (draft)"}


def test_a_hit_on_a_reviewed_translation_is_labelled_reviewed(client, indexed_seed):
    Interview.objects.update(translation_status_en=Interview.TranslationStatus.REVIEWED)
    Exchange.objects.update(status_en=Interview.TranslationStatus.REVIEWED)
    assert set(hit_labels(client, "portail")) == {"English: Reviewed translation"}


def test_hit_labels_take_one_query_for_a_page(
    client, django_assert_max_num_queries, db, whoosh_index
):
    # The page's own queries, beside an index outside the database (the PostgreSQL
    # backend adds its own statements).
    for _ in range(3):
        make_interview(exchanges=4)
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    with django_assert_max_num_queries(12) as few:
        client.get("/en/search/", {"q": "answer"})
    for _ in range(3):
        make_interview(exchanges=4)
    call_command("rebuild_index", "--noinput", verbosity=0, stdout=StringIO())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/en/search/", {"q": "answer"})
