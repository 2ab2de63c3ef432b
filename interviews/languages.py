"""The archive's languages. ``settings.LANGUAGES`` is their one definition: everything
that lists, names or checks a language asks here (or is handed the list by who does)."""

from __future__ import annotations

from django.conf import settings

LANGS: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def language_name(code: str) -> str:
    """The language's name, in the interface language ("French", "français")."""
    return str(dict(settings.LANGUAGES)[code])


def other_language(code: str) -> str:
    """The language an interview written in ``code`` is translated into."""
    return next(lang for lang in LANGS if lang != code)
