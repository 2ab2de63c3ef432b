from __future__ import annotations

from typing import Any

import pytest

from tests.benchmarks import tiny_run_report


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory, django_db_setup, django_db_blocker) -> dict[str, Any]:
    """One whole run at a tiny size, shared by the tests of a module."""
    with django_db_blocker.unblock():
        return tiny_run_report(tmp_path_factory.mktemp("bench"))
