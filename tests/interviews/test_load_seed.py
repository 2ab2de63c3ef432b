from __future__ import annotations

import pytest
from django.core.management import call_command

from interviews.models import Exchange, Interview
from tests.factories import SEED_SLUG


@pytest.mark.django_db
def test_load_seed_fills_an_empty_archive():
    call_command("load_seed", verbosity=0)

    interview = Interview.objects.get(slug=SEED_SLUG)
    assert interview.exchanges.count() == 4


def test_load_seed_never_overwrites_an_editors_work(seed):
    exchange = seed.exchanges.get(position=1)
    exchange.question_en = "Corrected by an editor."
    exchange.save()

    call_command("load_seed", verbosity=0)

    assert Exchange.objects.get(pk=exchange.pk).question_en == "Corrected by an editor."
