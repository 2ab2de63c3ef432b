"""Small ``make_*`` helpers: each test builds just what it needs."""

from __future__ import annotations

import itertools
from datetime import date

from django.db import transaction

from interviews.models import Exchange, Interview, Outlet, Person
from interviews.paragraphs import join_paragraphs

SEED_SLUG = "redouane-el-haloui-data-centers-accessibles-a-tous"
_counter = itertools.count(1)


def make_outlet(name: str | None = None) -> Outlet:
    n = next(_counter)
    name = name or f"Outlet {n}"
    return Outlet.objects.create(name=name, slug=f"outlet-{n}")


def make_person(name: str | None = None) -> Person:
    n = next(_counter)
    return Person.objects.create(name=name or f"Person {n}", slug=f"person-{n}")


def make_interview(
    *,
    exchanges: int = 3,
    paragraphs: int = 2,
    status: str = Interview.Status.PUBLISHED,
    outlet: Outlet | None = None,
    interviewees: list[Person] | None = None,
    published_on: date = date(2024, 1, 15),
    **fields,
) -> Interview:
    n = next(_counter)
    fields.setdefault("title_fr", f"Entretien numéro {n}")
    fields.setdefault("title_en", f"Interview number {n}")
    fields.setdefault("translation_status_en", Interview.TranslationStatus.DRAFT)
    # One transaction, as an import is: its commit indexes the interview with its exchanges
    # (bulk-created, so without signals of their own).
    with transaction.atomic():
        interview = Interview.objects.create(
            slug=f"interview-{n}",
            outlet=outlet or make_outlet(),
            published_on=published_on,
            status=status,
            **fields,
        )
        interview.interviewees.set(interviewees or [make_person()])
        Exchange.objects.bulk_create(
            Exchange(
                interview=interview,
                position=position,
                question_fr=f"Question {position} en français ?",
                question_en=f"Question {position} in English?",
                answer_fr=join_paragraphs(
                    [
                        f"Réponse {position}, paragraphe {p} : « oui »."
                        for p in range(1, paragraphs + 1)
                    ]
                ),
                answer_en=join_paragraphs(
                    [f"Answer {position}, paragraph {p}: “yes”." for p in range(1, paragraphs + 1)]
                ),
            )
            for position in range(1, exchanges + 1)
        )
    return interview


def make_user(*, groups: list[str] | None = None, **fields):
    """A user in the named groups ("Editors", "Reviewers"), or in none."""
    from django.contrib.auth.models import Group, User

    n = next(_counter)
    fields.setdefault("username", f"user{n}")
    user = User.objects.create_user(**fields)
    user.groups.set(Group.objects.filter(name__in=groups or []))
    return user
