"""A save through ``interviews.editing`` that this process may not live through.

``python tests/faults/healing_save.py POINT WORD`` appends WORD to the seed's first answer,
and is SIGKILLed at POINT:

- ``none``          not killed
- ``before-commit`` the exchange written, its transaction not committed
- ``after-commit``  committed, the index not written (a commit callback registered before
                    the save's runs first)
- ``mid-index``     inside the index write, before the index commits
- ``after-index``   the index written, its pending record not yet deleted

Only this script kills: the archive's code has no hook for it.
"""

from __future__ import annotations

import os
import signal
import sys

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from interviews import editing  # noqa: E402
from interviews.models import Exchange  # noqa: E402
from search import pending  # noqa: E402
from search.backends.whoosh import index  # noqa: E402
from tests.factories import SEED_SLUG  # noqa: E402


def die(*args: object, **kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


point, word = sys.argv[1], sys.argv[2]
position = int(sys.argv[3]) if len(sys.argv) > 3 else 1
if point == "mid-index":
    index.document_fields = die  # type: ignore[assignment]
elif point == "after-index":
    pending.done = die  # type: ignore[assignment]
exchange = Exchange.objects.get(interview__slug=SEED_SLUG, position=position)
user, _ = get_user_model().objects.get_or_create(username="fault-editor")
with transaction.atomic():
    if point == "after-commit":
        transaction.on_commit(die)
    editing.save_source(
        exchange=exchange,
        question=exchange.question_fr,
        answer=f"{exchange.answer_fr} {word}",
        version=exchange.version,
        user=user,
    )
    if point == "before-commit":
        die()
