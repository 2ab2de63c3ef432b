"""Every change to an interview or an exchange, recorded with django-reversion, and read back.

A revision stores the objects it changed, each as a full copy. Walking an interview's
versions in order rebuilds its state after each revision: that is what the history page
compares, field by field, and what a restore brings back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import groupby
from operator import attrgetter
from typing import Any

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from reversion.models import Revision, Version

from .diffing import word_diff
from .languages import LANGS
from .models import Exchange, Interview, RejectedEdit

reversion.register(Interview, follow=["exchanges"])
reversion.register(Exchange)
# A version is stored as JSON (reversion's default format): Django loads its serializers
# on first use, which made the first save of each process 25 ms slower; loaded here, at
# start-up, once.
serializers.get_serializer("json")

BASELINE_COMMENT = gettext_noop("State before the first recorded edit")


def _localized(*names: str) -> tuple[str, ...]:
    return tuple(f"{name}_{lang}" for name in names for lang in LANGS)


# What the history compares, field by field.
INTERVIEW_FIELDS = (
    *_localized("title", "standfirst", "translator", "translation_status"),
    "status",
)
EXCHANGE_FIELDS = _localized("question", "answer", "status", "translated_from")
_FIELDS: dict[type, tuple[str, ...]] = {
    Interview: INTERVIEW_FIELDS,
    Exchange: EXCHANGE_FIELDS,
}

State = dict[str, Any]


def ensure_baseline(interview: Interview) -> None:
    """Record the interview as it is before its first recorded edit, so it can be restored.

    Call it outside any open revision: it must be a revision of its own.
    """
    if Version.objects.get_for_object(interview).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(BASELINE_COMMENT)
        reversion.add_to_revision(interview)  # follows its exchanges


def _comment(revision: Revision) -> str:
    """Comments are stored untranslated (admin ones as JSON) and shown translated."""
    return gettext(revision.get_comment())


@dataclass(frozen=True)
class FieldChange:
    label: str
    diff: SafeString


@dataclass(frozen=True)
class ObjectChange:
    label: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class HistoryEntry:
    """One revision: who, when, why, and what changed in each object it touched."""

    revision: Revision
    changes: tuple[ObjectChange, ...]
    first_recorded: tuple[str, ...]  # objects seen for the first time: nothing to compare
    latest: bool = False

    @property
    def when(self) -> datetime:
        return self.revision.date_created

    @property
    def comment(self) -> str:
        return _comment(self.revision)


@dataclass(frozen=True)
class Snapshot:
    """An interview and its exchanges as they were after one revision."""

    interview: State | None
    exchanges: dict[int, State]


def _versions(interview: Interview) -> QuerySet[Version]:
    types = ContentType.objects.get_for_models(Interview, Exchange)
    exchange_ids = [str(pk) for pk in interview.exchanges.values_list("pk", flat=True)]
    return (
        Version.objects.filter(
            Q(content_type=types[Interview], object_id=str(interview.pk))
            | Q(content_type=types[Exchange], object_id__in=exchange_ids)
        )
        .select_related("revision__user")
        .order_by("revision_id", "pk")
    )


def _timeline(
    versions: QuerySet[Version],
) -> Iterator[tuple[Revision, list[tuple[Version, State | None]]]]:
    """Each revision in order, with its versions and the state each one replaced."""
    state: dict[tuple[int, str], State] = {}
    for _revision_id, group in groupby(versions, key=attrgetter("revision_id")):
        batch = list(group)
        yield (
            batch[0].revision,
            [(v, state.get((v.content_type_id, v.object_id))) for v in batch],
        )
        state.update(((v.content_type_id, v.object_id), v.field_dict) for v in batch)


def _label(model: type[Any], state: State) -> str:
    if model is Exchange:
        return gettext("Exchange %(number)s") % {"number": state["position"]}
    return capfirst(model._meta.verbose_name)


def _shown(model: type[Any], name: str, value: Any) -> str:
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    return "" if value is None else str(value)


def _field_changes(model: type[Any], before: State, after: State) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(
            label=capfirst(model._meta.get_field(name).verbose_name),
            diff=word_diff(_shown(model, name, before.get(name)), _shown(model, name, after[name])),
        )
        for name in _FIELDS[model]
        if name in after and before.get(name) != after[name]
    )


def interview_history(interview: Interview) -> list[HistoryEntry]:
    """The revisions of an interview and its exchanges, newest first."""
    entries = []
    for revision, versions in _timeline(_versions(interview)):
        changes, first_recorded = [], []
        for version, before in versions:
            model, after = version._model, version.field_dict
            if before is None:
                first_recorded.append(_label(model, after))
            elif fields := _field_changes(model, before, after):
                changes.append(ObjectChange(_label(model, after), fields))
        entries.append(HistoryEntry(revision, tuple(changes), tuple(first_recorded)))
    if entries:
        entries[-1] = replace(entries[-1], latest=True)
    return entries[::-1]


@dataclass(frozen=True)
class Refused:
    """An edit refused as stale, kept beside the revisions so that both texts stay."""

    edit: RejectedEdit

    @property
    def when(self) -> datetime:
        return self.edit.created_at


def timeline(interview: Interview) -> list[HistoryEntry | Refused]:
    """Revisions and refused edits of an interview, newest first."""
    refused = RejectedEdit.objects.filter(exchange__interview=interview).select_related(
        "user", "exchange"
    )
    items: list[HistoryEntry | Refused] = [*interview_history(interview), *map(Refused, refused)]
    return sorted(items, key=attrgetter("when"), reverse=True)


def snapshot(interview: Interview, revision_id: int) -> Snapshot | None:
    """The interview as it was after ``revision_id``; None if that is not one of its revisions."""
    versions = list(_versions(interview).filter(revision_id__lte=revision_id))
    if not any(version.revision_id == revision_id for version in versions):
        return None
    states: dict[type, dict[int, State]] = {Interview: {}, Exchange: {}}
    for version in versions:
        states[version._model][int(version.object_id)] = version.field_dict
    return Snapshot(interview=states[Interview].get(interview.pk), exchanges=states[Exchange])


@dataclass(frozen=True)
class Work:
    revision: Revision
    interview: Interview

    @property
    def comment(self) -> str:
        return _comment(self.revision)


def _interview_id(revision: Revision) -> int | None:
    versions = revision.version_set.all()
    for version in versions:
        if version._model is Interview:
            return int(version.object_id)
    return next((version.field_dict["interview_id"] for version in versions), None)


def recent_work(user, *, limit: int = 10) -> list[Work]:
    """The user's latest revisions, each with its interview (deleted ones left out)."""
    revisions = list(
        Revision.objects.filter(user=user)
        .order_by("-date_created", "-pk")
        .prefetch_related("version_set")[:limit]
    )
    ids = {revision.pk: _interview_id(revision) for revision in revisions}
    interviews = Interview.objects.in_bulk([pk for pk in ids.values() if pk is not None])
    return [
        Work(revision, interviews[ids[revision.pk]])
        for revision in revisions
        if ids[revision.pk] in interviews
    ]
