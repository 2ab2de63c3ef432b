from __future__ import annotations

import pytest
from django.core.management import call_command

from interviews.models import Interview
from tests.factories import SEED_SLUG

pytestmark = pytest.mark.browser


@pytest.fixture
def live_seed(transactional_db, live_server):
    """The seed interview, served by a live server the browser can reach."""
    call_command("loaddata", "fixtures/seed.json", verbosity=0)
    return Interview.objects.get(slug=SEED_SLUG)
