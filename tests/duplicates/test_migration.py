"""Sources imported before fingerprints existed get theirs from their interview's text."""

from __future__ import annotations

import importlib

from django.apps import apps

from interviews.models import SourceDocument
from tests.duplicates import save, seed_pair

migration = importlib.import_module("interviews.migrations.0004_source_fingerprint")


def test_existing_sources_get_the_fingerprint_an_import_of_them_gives(seed):
    imported = dict(
        save(seed_pair(), if_exists="keep-both").sources.values_list("lang", "fingerprint")
    )
    assert set(seed.sources.values_list("fingerprint", flat=True)) == {""}  # the fixture's

    migration.fingerprint_sources(apps, None)

    assert dict(seed.sources.values_list("lang", "fingerprint")) == imported
    assert SourceDocument.objects.filter(fingerprint="").count() == 0
