"""How far the translation of an interview has come: its exchanges counted by status.

The same numbers come from exchanges already loaded (the translation editor) or from
annotations computed by the database for a whole list (the dashboard, in one query).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet

from .languages import LANGS
from .models import Exchange, Interview

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = Exchange.Status
# Left to right in the progress bar: the most finished first.
ORDER = (Status.REVIEWED, Status.NEEDS_REVIEW, Status.DRAFT, Status.NEEDS_REVISION)


@dataclass(frozen=True)
class Segment:
    status: str
    label: StrOrPromise
    count: int
    percent: float
    offset: float  # the percent of the bar before it


@dataclass(frozen=True)
class Progress:
    total: int
    counts: Mapping[str, int]  # exchanges per status; missing ones are the rest

    @classmethod
    def of_statuses(cls, statuses: Iterable[str | None]) -> Progress:
        statuses = list(statuses)
        return cls(len(statuses), Counter(s for s in statuses if s in ORDER))

    @classmethod
    def of_annotations(cls, interview: Interview) -> Progress:
        """From an interview of ``with_progress(...)``."""
        # The counts are annotations of the queryset, unknown to the model's type.
        counts: dict[str, int] = {
            status: getattr(interview, f"progress_{status}") for status in ORDER
        }
        return cls(interview.progress_total, counts)  # type: ignore[attr-defined]

    @property
    def translated(self) -> int:
        return sum(self.counts.get(status, 0) for status in ORDER)

    @property
    def reviewed(self) -> int:
        return self.counts.get(Status.REVIEWED, 0)

    @property
    def missing(self) -> int:
        return self.total - self.translated

    @property
    def segments(self) -> list[Segment]:
        counted = [(status, self.counts.get(status, 0)) for status in ORDER]
        counted.append((Status.MISSING, self.missing))
        segments, offset = [], 0.0
        for status, count in counted:
            if count:
                percent = 100 * count / self.total
                segments.append(Segment(status, Status(status).label, count, percent, offset))
                offset += percent
        return segments


def _translation_in(statuses: Iterable[str]) -> Q:
    """Exchanges whose translation (into the language that is not the original) is at one
    of ``statuses``."""
    statuses = list(statuses)
    return reduce(
        or_,
        (
            Q(original_language=original, **{f"exchanges__status_{target}__in": statuses})
            for original in LANGS
            for target in LANGS
            if target != original
        ),
    )


def with_progress(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    """Each interview annotated with its exchanges counted by translation status."""
    return interviews.annotate(
        progress_total=Count("exchanges"),
        progress_translated=Count("exchanges", filter=_translation_in(ORDER)),
        **{
            f"progress_{status}": Count("exchanges", filter=_translation_in([status]))
            for status in ORDER
        },
    )


def needing(interviews: QuerySet[Interview], what: str) -> QuerySet[Interview]:
    """Interviews of ``with_progress(...)`` with an exchange missing, or at status ``what``."""
    if what == Status.MISSING:
        # django-stubs checks lookups against the model's fields, not the queryset's annotations.
        return interviews.filter(progress_total__gt=F("progress_translated"))  # type: ignore[misc]
    return interviews.filter(**{f"progress_{what}__gt": 0})
