"""The language a command speaks: its refusals and warnings are the editor's messages, in
French or English like the web interface: ``--language``, or else the active language (the
site's, ``LANGUAGE_CODE``, when run from the shell)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import translation


def add_language_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--language",
        choices=[code for code, _name in settings.LANGUAGES],
        help=f"The language of the messages ({settings.LANGUAGE_CODE} unless said).",
    )


def speaking(handle: Callable[..., Any]) -> Callable[..., Any]:
    """``handle``, run in the language its ``--language`` option names, if it names one."""

    @wraps(handle)
    def in_language(self: Any, *args: Any, **options: Any) -> Any:
        with translation.override(options.get("language") or translation.get_language()):
            return handle(self, *args, **options)

    return in_language
