"""Who says a part of an interview: the one rule every page and export names speakers by."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Outlet, Person
from .passages import QUESTION


def speaker_name(
    part: str, *, interviewer: Person | None, interviewees: Iterable[Person], outlet: Outlet
) -> str:
    """The interviewer asks (unnamed, the outlet does); the interviewees answer."""
    if part == QUESTION:
        return interviewer.name if interviewer else outlet.name
    return ", ".join(person.name for person in interviewees)
