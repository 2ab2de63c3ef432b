"""What the editor and the operator are told about a translation that may not be one of its
article: the refusal, the doubt, and the exchanges to look at, in the interface language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .importing import AlignedInterview, ImportProblem
from .importing.anchors import Kind
from .importing.plausibility import Correspondence, Plausibility, Verdict

# The anchors named in a refusal, when the original has any: the plainest evidence.
TOLD_KINDS: tuple[Kind, ...] = ("numbers", "names", "dates")


@dataclass(frozen=True)
class FlaggedExchange:
    number: int
    missing: list[str]  # the original's numbers, dates and names the translation lacks here


@dataclass(frozen=True)
class PlausibilityReport:
    verdict: str
    message: str
    exchanges: list[FlaggedExchange]


def refuse_implausible(aligned: AlignedInterview) -> None:
    """Raises ImportProblem, saying why, when the translation is not one of the article."""
    plausibility = aligned.plausibility
    if plausibility is not None and plausibility.verdict is Verdict.REFUSED:
        raise ImportProblem(refusal(plausibility))


def report(aligned: AlignedInterview | None) -> PlausibilityReport | None:
    """What the import preview shows, when there is something to show."""
    plausibility = aligned.plausibility if aligned else None
    if plausibility is None or plausibility.verdict not in (Verdict.REFUSED, Verdict.DOUBTFUL):
        return None
    message = (
        refusal(plausibility) if plausibility.verdict is Verdict.REFUSED else doubt(plausibility)
    )
    exchanges = [
        FlaggedExchange(
            passage.number,
            [
                text
                for each in passage.evidence
                if each.kind in TOLD_KINDS
                for text in each.missing[plausibility.original]
            ],
        )
        for passage in plausibility.least_plausible()
    ]
    return PlausibilityReport(plausibility.verdict.value, message, exchanges)


def refusal(plausibility: Plausibility) -> str:
    original = plausibility.original
    told = [kind for kind in TOLD_KINDS if plausibility.of_kind(kind).total[original]]
    counts = [_count(plausibility.of_kind(kind), original) for kind in told or ["cognates"]]
    return _(
        "The translation does not seem to be of this article: only %(counts)s of the original "
        "are in the translation facing them."
    ) % {"counts": get_text_list(counts, _("and"))}


def doubt(plausibility: Plausibility) -> str:
    numbers = [str(passage.number) for passage in plausibility.least_plausible()]
    text = _(
        "The translation may not be of this article: its exchanges share little more with "
        "the translation facing them than with the rest of it."
    )
    if numbers:
        check = ngettext(
            "Check exchange %(numbers)s.", "Check exchanges %(numbers)s.", len(numbers)
        )
        text += " " + check % {"numbers": get_text_list(numbers, _("and"))}
    return text


def _count(evidence: Correspondence, lang: str) -> str:
    """How many of ``lang``'s anchors of this kind have their counterpart."""
    found, total = evidence.found[lang], evidence.total[lang]
    match evidence.kind:
        case "numbers":
            template = ngettext(
                "%(found)d of the %(total)d number", "%(found)d of the %(total)d numbers", total
            )
        case "names":
            template = ngettext(
                "%(found)d of the %(total)d name", "%(found)d of the %(total)d names", total
            )
        case "dates":
            template = ngettext(
                "%(found)d of the %(total)d month", "%(found)d of the %(total)d months", total
            )
        case _:
            template = ngettext(
                "%(found)d of the %(total)d long word",
                "%(found)d of the %(total)d long words",
                total,
            )
    return template % {"found": found, "total": total}
