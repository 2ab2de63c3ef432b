"""Finding the questions and answers in an article's body.

A question is found by the marking the document uses consistently: speaker labels
("Q. …", "L'Express : …", answers signed "Redouane El Haloui : …"), bold type, a leading
dash, or, failing all of these, standalone paragraphs that ask. A paragraph that merely ends
with "?" inside an answer stays there when the document marks its questions otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .hygiene import excerpt
from .metadata import PARTICLE
from .records import ANSWER, QUESTION, ImportProblem, Paragraph, ParsedExchange

TOKEN_ROLES = {
    "q": QUESTION,
    "question": QUESTION,
    "r": ANSWER,
    "a": ANSWER,
    "réponse": ANSWER,
    "reponse": ANSWER,
    "answer": ANSWER,
}
TOKEN_LABEL = re.compile(
    r"(?P<label>Q|R|A|Question|Réponse|Answer)\s*(?:\d+\s*)?(?:[.:]|[-–—](?=\s))\s*(?=\S)",
    re.IGNORECASE,
)
# "L'Express : …", "Redouane El Haloui : …", "R. El Haloui. – …", "REDOUANE EL HALOUI. – …"
NAME_LABEL = re.compile(r"(?P<label>[^\W\d_][\w'’. -]{0,40}?)\s*(?::|\.\s*[–—-])\s+(?=\S)")
NAME_LABEL_WORD = re.compile(rf"[A-ZÀ-ÖØ-Þ][\w'’.-]*|{PARTICLE}|[dl]['’][A-ZÀ-ÖØ-Þ][\w'’.-]*")
MAX_LABEL_WORDS = 5
DASH = re.compile(r"[-–—]\s*(?=\S)")
ASKS = re.compile(r"\?[\s»”\"’')\]]*$")
# Standalone questions are a sentence or three; a long paragraph ending with "?" is an
# answer closing on a rhetorical question.
MAX_UNMARKED_QUESTION = 400
MIN_QUESTIONS = 2
LABEL_LAYOUTS = ("label", "signed answers")


@dataclass(frozen=True)
class Label:
    name: str
    rest: str
    token: bool


@dataclass(frozen=True)
class InterviewBody:
    """An article's body split into its introduction and its exchanges."""

    intro: list[Paragraph]
    exchanges: list[ParsedExchange]
    # Names that sign the answers, as written: a clue to who is interviewed.
    speakers: list[str]
    # Names that label the questions: the interviewer, or the outlet ("Le Point : …").
    askers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """Where the questions are, and how the document marks them."""

    questions: list[int]
    kind: str
    answer_dashes: bool = False
    warnings: list[str] = field(default_factory=list)


def speaker_label(text: str) -> Label | None:
    """The speaker label opening a paragraph, if it has one."""
    match = NAME_LABEL.match(text)
    if match and _name_like(match["label"]):
        name = match["label"].strip()
        return Label(name=name, rest=text[match.end() :], token=_key(name) in TOKEN_ROLES)
    match = TOKEN_LABEL.match(text)
    if match:
        return Label(name=match["label"], rest=text[match.end() :], token=True)
    return None


def _name_like(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= MAX_LABEL_WORDS and all(
        NAME_LABEL_WORD.fullmatch(word) for word in words
    )


def _key(name: str) -> str:
    text = unicodedata.normalize("NFC", name).casefold().replace("’", "'")
    return " ".join(text.replace(".", " ").split())


def same_party(label: str, name: str | None) -> bool:
    """Whether a speaker label designates `name` ("R. El Haloui" is "Redouane El Haloui")."""
    if not name:
        return False
    a, b = _key(label), _key(name)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))):
        return True
    surname = a.split()[-1]
    return len(surname) > 2 and surname == b.split()[-1]


def asks(paragraph: Paragraph) -> bool:
    return bool(ASKS.search(paragraph.text))


def find_exchanges(
    paragraphs: list[Paragraph],
    *,
    place: str,
    outlet: str | None = None,
    interviewer: str | None = None,
    interviewees: list[str] | tuple[str, ...] = (),
) -> InterviewBody:
    if not paragraphs:
        raise ImportProblem(
            _("%(place)s: not an interview: no text after the title and header.") % {"place": place}
        )
    labels = [speaker_label(paragraph.text) for paragraph in paragraphs]
    roles, guessed = _label_roles(paragraphs, labels, outlet, interviewer, interviewees)
    role_at = [roles.get(label.name) if label else None for label in labels]
    layout = _layout(paragraphs, role_at, place)
    if layout is None:
        raise ImportProblem(
            _(
                "%(place)s: not an interview: no question/answer structure found in the text "
                "from “%(first)s” to “%(last)s”."
            )
            % {
                "place": place,
                "first": excerpt(paragraphs[0].text),
                "last": excerpt(paragraphs[-1].text),
            }
        )
    if layout.kind not in LABEL_LAYOUTS:
        # A guessed role is only as good as the layout built on it: here a recurring name is
        # text ("Le Maroc : …"), not a signature to remove.
        role_at = [
            None if label and label.name in guessed else role
            for label, role in zip(labels, role_at, strict=True)
        ]

    exchanges = []
    warnings = list(layout.warnings)
    starts = layout.questions
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(paragraphs)
        split = start + 1
        if layout.kind == "label":
            # With signed answers, everything up to the first signed paragraph is the question.
            split = next((i for i in range(start + 1, end) if role_at[i] == ANSWER), split)
        answer = []
        for index in range(split, end):
            if paragraphs[index].heading and layout.kind != "heading":
                warnings.append(
                    _("%(place)s: the intertitle “%(passage)s” was left out.")
                    % {"place": place, "passage": excerpt(paragraphs[index].text)}
                )
                continue
            answer.append(_answer_text(paragraphs[index], labels[index], role_at[index], layout))
        if not answer:
            raise ImportProblem(
                unanswered(
                    place,
                    number,
                    paragraphs[start].text,
                    paragraphs[end].text if end < len(paragraphs) else None,
                )
            )
        question = "\n\n".join(
            _question_text(paragraphs[i], labels[i], role_at[i]) for i in range(start, split)
        )
        exchanges.append(
            ParsedExchange(question=question, answer=answer, line=paragraphs[start].line)
        )

    return InterviewBody(
        intro=paragraphs[: starts[0]],
        exchanges=exchanges,
        speakers=_named(labels, role_at, ANSWER),
        askers=_named(labels, role_at, QUESTION),
        warnings=warnings,
    )


def unanswered(place: str, index: int, question: str, following: str | None) -> str:
    """Why an article's question ``index`` (from 0) cannot be imported: it has no answer."""
    params = {"place": place, "number": index + 1, "passage": excerpt(question)}
    if following is None:
        return (
            _(
                "%(place)s, exchange %(number)s: the question “%(passage)s” has no answer (the "
                "text ends there)."
            )
            % params
        )
    return _(
        "%(place)s, exchange %(number)s: the question “%(passage)s” has no answer (the next "
        "question is “%(next)s”)."
    ) % {**params, "next": excerpt(following)}


def _named(labels: list[Label | None], role_at: list[str | None], role: str) -> list[str]:
    """The names (not "Q."/"R." tokens) labelling the paragraphs of one role, once each."""
    names = [
        label.name
        for label, each in zip(labels, role_at, strict=True)
        if label and each == role and not label.token
    ]
    return list(dict.fromkeys(names))


def _label_roles(
    paragraphs: list[Paragraph],
    labels: list[Label | None],
    outlet: str | None,
    interviewer: str | None,
    interviewees: list[str] | tuple[str, ...],
) -> tuple[dict[str, str], set[str]]:
    """Who asks and who answers, per label, and which of these roles are guesses.

    Labels naming the same person ("ALAIN BERTRAND", "A. Bertrand") are one party. Tokens
    and known names settle a party's role; other parties count only when they speak more
    than once, and then the one whose paragraphs ask more often (or, equal on that, are
    shorter) is the interviewer.
    """
    parties = _parties([label.name for label in labels if label])
    roles: dict[str, str] = {}
    unknown = []
    for party, count in parties:
        tokens = [TOKEN_ROLES[_key(name)] for name in party if _key(name) in TOKEN_ROLES]
        if tokens:
            role: str | None = tokens[0]
        elif any(same_party(name, outlet) or same_party(name, interviewer) for name in party):
            role = QUESTION
        elif any(same_party(name, person) for name in party for person in interviewees):
            role = ANSWER
        else:
            role = None
            if count >= MIN_QUESTIONS:
                unknown.append(party)
        roles.update(dict.fromkeys(party, role) if role else {})

    def asking(party: list[str]) -> tuple[float, float]:
        mine = [
            p for p, label in zip(paragraphs, labels, strict=True) if label and label.name in party
        ]
        share = sum(asks(p) for p in mine) / len(mine)
        return share, -sum(len(p.text) for p in mine) / len(mine)

    unknown.sort(key=asking, reverse=True)
    for rank, party in enumerate(unknown):
        asks_first = rank == 0 and (len(unknown) > 1 or asking(party)[0] >= 0.5)
        role = QUESTION if asks_first and QUESTION not in roles.values() else ANSWER
        roles.update(dict.fromkeys(party, role))
    return roles, {name for party in unknown for name in party}


def _parties(names: list[str]) -> list[tuple[list[str], int]]:
    """The distinct labels grouped by the person they name, with how often each group speaks."""
    counts = Counter(names)
    parties: list[list[str]] = []
    for name in counts:
        party = next((p for p in parties if any(same_party(name, other) for other in p)), None)
        if party:
            party.append(name)
        else:
            parties.append([name])
    return [(party, sum(counts[name] for name in party)) for party in parties]


def _layout(paragraphs: list[Paragraph], role_at: list[str | None], place: str) -> Layout | None:
    labelled = [i for i, role in enumerate(role_at) if role == QUESTION]
    if len(labelled) >= MIN_QUESTIONS:
        return _with_lapsed_marking(paragraphs, labelled, "label", place)
    bold = [i for i, p in enumerate(paragraphs) if p.bold and not p.heading]
    if len(bold) >= MIN_QUESTIONS:
        return _with_lapsed_marking(paragraphs, bold, "bold", place)

    dashed = _dashed(paragraphs)
    if len(dashed) >= MIN_QUESTIONS:
        before = _questions_before(dashed, role_at)
        if _share_asking(paragraphs, dashed) < 0.5 <= _share_asking(paragraphs, before):
            # French layouts that open each answer with a dialogue dash
            return Layout(before, "dash", answer_dashes=True)
        return _with_lapsed_marking(paragraphs, dashed, "dash", place)

    # Signed answers come after typographic marks: a name opening two answer paragraphs
    # ("Le Maroc : …") is not a signature when the questions are marked otherwise.
    signed = [i for i, role in enumerate(role_at) if role == ANSWER]
    if len(signed) >= MIN_QUESTIONS:
        return Layout(_questions_before(signed, role_at), "signed answers")

    headings = [i for i, p in enumerate(paragraphs) if p.heading]
    if len(headings) >= MIN_QUESTIONS:
        return _with_lapsed_marking(paragraphs, headings, "heading", place)

    standalone = _standalone_questions(paragraphs, 0)
    if len(standalone) >= MIN_QUESTIONS:
        return Layout(standalone, "unmarked")
    return None


def _dashed(paragraphs: list[Paragraph]) -> list[int]:
    """Dash-marked paragraphs, less the items of bulleted lists (runs that do not ask)."""
    marked = [bool(DASH.match(p.text)) for p in paragraphs]

    def in_run(i: int) -> bool:
        return (i > 0 and marked[i - 1]) or (i + 1 < len(marked) and marked[i + 1])

    return [i for i, p in enumerate(paragraphs) if marked[i] and (asks(p) or not in_run(i))]


def _questions_before(answer_starts: list[int], role_at: list[str | None]) -> list[int]:
    starts = set(answer_starts)
    return [
        i - 1 for i in answer_starts if i > 0 and i - 1 not in starts and role_at[i - 1] is None
    ]


def _share_asking(paragraphs: list[Paragraph], indices: list[int]) -> float:
    return sum(asks(paragraphs[i]) for i in indices) / len(indices) if indices else 0.0


def _standalone_questions(paragraphs: list[Paragraph], start: int) -> list[int]:
    def candidate(i: int) -> bool:
        p = paragraphs[i]
        return asks(p) and len(p.text) <= MAX_UNMARKED_QUESTION

    return [i for i in range(start, len(paragraphs) - 1) if candidate(i) and not candidate(i + 1)]


def _with_lapsed_marking(
    paragraphs: list[Paragraph], marked: list[int], kind: str, place: str
) -> Layout:
    """Adds the questions asked after the document stopped marking them.

    Scraped and translated texts sometimes lose the marking halfway; past the last marked
    question's first answer paragraph, standalone asking paragraphs are questions too. Before
    that point the marking is in use, so an unmarked paragraph that asks is rhetorical.
    """
    lapsed = _standalone_questions(paragraphs, marked[-1] + 2)
    warnings = [
        _(
            "%(place)s: “%(passage)s” was taken as a question, although it is not marked as "
            "the earlier questions are."
        )
        % {"place": place, "passage": excerpt(paragraphs[i].text)}
        for i in lapsed
    ]
    return Layout(sorted([*marked, *lapsed]), kind, warnings=warnings)


def _question_text(paragraph: Paragraph, label: Label | None, role: str | None) -> str:
    if label and role == QUESTION:
        return label.rest.strip()
    return _without_dash(paragraph.text).strip()


def _answer_text(
    paragraph: Paragraph, label: Label | None, role: str | None, layout: Layout
) -> str:
    if label and role == ANSWER:
        return label.rest.strip()
    if layout.answer_dashes:
        return _without_dash(paragraph.text).strip()
    return paragraph.text.strip()


def _without_dash(text: str) -> str:
    match = DASH.match(text)
    return text[match.end() :] if match else text
