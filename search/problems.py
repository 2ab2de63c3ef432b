"""The engine's reasons for refusing a query, worded in the reader's language.

``search.documents`` and the engines know no Django, hence no translation: they give a
``QueryProblem`` (a code and its values), and this is where it becomes a sentence.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .documents import QueryProblem

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
}


def problem_message(problem: QueryProblem) -> str:
    """Why the query could not run, in the active language."""
    preface = _("This query could not be understood:")
    return f"{preface} {MESSAGES[problem.code] % problem.params}"
