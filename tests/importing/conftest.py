from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english():
    """The importer's messages in English, as these tests quote them (tests/editing checks
    both languages of the interface)."""
    with translation.override("en"):
        yield
