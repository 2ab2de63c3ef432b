"""The engine's reasons for refusing a query, worded in the reader's language.

``search.documents`` and the engines know no Django, hence no translation: they give a
``QueryProblem`` (a code and its values), and this is where it becomes a sentence.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .documents import QueryProblem
from .syntax import Note

MESSAGES = {
    "empty": gettext_lazy("Type a word, or a phrase in quotes, to search for."),
    "too_long": gettext_lazy(
        "The query is too long (%(length)s characters); keep it under %(limit)s."
    ),
    "unknown_language": gettext_lazy("Unknown language “%(lang)s”: choose one of %(choices)s."),
    "unknown_sort": gettext_lazy("Results can be sorted by %(sorts)s, not “%(sort)s”."),
    "bad_page": gettext_lazy("Pages start at 1 and hold 1 to %(limit)s results."),
    "dates_reversed": gettext_lazy("The start date is after the end date."),
    "not_understood": gettext_lazy("This query could not be understood; try plain words."),
    "nothing_to_search": gettext_lazy(
        "Nothing to search for: type at least one word, or a phrase in quotes "
        "(operators and punctuation alone match nothing)."
    ),
    "stale_index": gettext_lazy(
        "The search index was built by an earlier version of the archive and cannot be "
        "searched until it is rebuilt (manage.py rebuild_index)."
    ),
    "misplaced_wildcard": gettext_lazy(
        "In “%(word)s”, * is not at the end of a word: put it there to find the words "
        "beginning with what comes before it (portai* finds portail and portails)."
    ),
    "prefix_too_short": gettext_lazy(
        "“%(word)s” is too short to find the words beginning with it: type at least "
        "%(minimum)s letters before the *."
    ),
    "prefix_too_common": gettext_lazy(
        "Too many different words begin with “%(word)s”: type a few more letters before the *."
    ),
    "too_nested": gettext_lazy("Parentheses go at most %(limit)s deep: remove some of them."),
    "only_excluded": gettext_lazy(
        "%(excluded)s only says what to leave out: add a word to search for, as in portail -unique."
    ),
    "excluded_alternative": gettext_lazy(
        "%(excluded)s cannot be an alternative after OR: leave out words after the "
        "alternatives, as in (portail OR site) -unique."
    ),
}

# How a query was read otherwise than typed (``search.syntax.Note``), and how to fix it.
NOTES = {
    "unclosed_quote": gettext_lazy(
        "A quotation mark is not closed: everything after it was read as one phrase. "
        "Close the phrase with a second quotation mark."
    ),
    "unclosed_group": gettext_lazy(
        "A parenthesis is not closed: the group was closed at the end of the query. "
        "Close it where the group ends."
    ),
    "unopened_group": gettext_lazy(
        "A closing parenthesis has no opening one: it was left out. Add the opening "
        "parenthesis where the group begins, or remove the closing one."
    ),
    "dangling_operator": gettext_lazy(
        "%(operator)s needs something to search for on each side: it was left out. "
        "Add a word on either side of it, or remove it."
    ),
}


def problem_message(problem: QueryProblem) -> str:
    """Why the query could not run, in the active language."""
    preface = _("This query could not be understood:")
    return f"{preface} {MESSAGES[problem.code] % problem.params}"


def note_message(note: Note) -> str:
    """How the query was read instead of as typed, in the active language."""
    return str(NOTES[note.code] % note.params)
