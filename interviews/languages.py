"""The archive's languages. ``settings.LANGUAGES`` is their one definition: everything
that lists, names or checks a language asks here (or is handed the list by who does).
Here too is what carries its language: a text (``LocalizedText``), a page's badge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NotRequired, TypedDict

from django.conf import settings

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LANGS: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def language_name(code: str) -> str:
    """The language's name, in the interface language ("French", "français")."""
    return str(dict(settings.LANGUAGES)[code])


def other_language(code: str) -> str:
    """The language an interview written in ``code`` is translated into."""
    return next(lang for lang in LANGS if lang != code)


@dataclass(frozen=True)
class LocalizedText:
    """A text with the language it is actually written in."""

    lang: str
    text: str

    def __str__(self) -> str:
        return self.text


class LanguageBadge(TypedDict):
    """One language of an interview as its page labels it."""

    lang: str
    status: str  # "original", or the translation's TranslationStatus
    label: StrOrPromise
    reviewed: NotRequired[bool]
    translator: NotRequired[str]
