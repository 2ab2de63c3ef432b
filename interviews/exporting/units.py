"""What an export holds: interviews, the passages chosen in each, and their units.

Writers read an ``Export`` and never query the database: each ``ExportedInterview`` comes
with everything they need (outlet, people, topics, exchanges, source documents), loaded by
``selection`` a chunk of interviews at a time.

A unit is what a translation memory calls a translation unit. At ``paragraph`` level it is
a passage (a question or an answer paragraph) in both languages; at ``sentence`` level, a
bead of ``Passage.sentences``: the sentences of each language that translate each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..languages import LANGS
from ..models import Exchange, Interview
from ..passages import Passage, bead_anchor, url_at
from ..sentences import Sentence

PARAGRAPH, SENTENCE = "paragraph", "sentence"
LEVELS = (PARAGRAPH, SENTENCE)


class ExportError(Exception):
    """An export that cannot be made; the message is meant for the person who asked."""


class InterviewNotFound(ExportError):
    """A named interview that does not exist, or that whoever asked may not see."""


def parse_level(value: str | None) -> str:
    """``paragraph`` (the default) or ``sentence``."""
    level = value or PARAGRAPH
    if level not in LEVELS:
        raise ExportError(
            _("Unknown level “%(level)s”: choose “paragraph” or “sentence”.") % {"level": level}
        )
    return level


@dataclass(frozen=True)
class Unit:
    """A passage (``bead`` 0) or its sentence bead number ``bead`` (1-based).

    ``texts`` are exactly as stored, typography included (a bead's text runs from its first
    sentence to its last); ``sentences`` are a bead's sentences in each language.
    """

    passage: Passage
    texts: dict[str, str]
    bead: int = 0
    sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        """The passage's anchor, or its bead's: the unit's name in every format."""
        return bead_anchor(self.passage.anchor, self.bead) if self.bead else self.passage.anchor


def passage_units(passage: Passage, level: str) -> list[Unit]:
    if level == PARAGRAPH:
        return [Unit(passage, passage.texts)]
    aligned = passage.sentences
    units = []
    for number, bead in enumerate(aligned.beads, start=1):
        sentences = {
            lang: tuple(aligned.sentences[lang][index] for index in bead.indices[lang])
            for lang in LANGS
        }
        units.append(
            Unit(
                passage,
                {lang: _span(passage.texts[lang], sentences[lang]) for lang in LANGS},
                number,
                {lang: tuple(s.text for s in sentences[lang]) for lang in LANGS},
            )
        )
    return units


def _span(text: str, sentences: tuple[Sentence, ...]) -> str:
    # A slice of the paragraph, not the sentences joined: whatever separates them (a
    # non-breaking space, a line break) is kept as it was.
    return text[sentences[0].start : sentences[-1].end] if sentences else ""


@dataclass(frozen=True)
class ExportedExchange:
    exchange: Exchange
    passages: tuple[Passage, ...]  # in reading order; each has text in some language


@dataclass(frozen=True)
class ExportedInterview:
    interview: Interview
    url: str  # the reading view's permalink (absolute when the export knows the site)
    exchanges: tuple[ExportedExchange, ...]

    def permalink(self, anchor: str) -> str:
        return url_at(self.url, anchor)

    def units(self, level: str) -> Iterator[Unit]:
        for exchange in self.exchanges:
            for passage in exchange.passages:
                yield from passage_units(passage, level)

    @property
    def translation_status(self) -> str:
        """The state of the translation as a whole (``Interview.translation_status_<lang>``)."""
        interview = self.interview
        return getattr(interview, f"translation_status_{interview.translation_language}")


def exchange_status(exchange: Exchange, lang: str) -> str:
    """The state of ``exchange``'s text in ``lang`` (``Exchange.status_<lang>``)."""
    return getattr(exchange, f"status_{lang}")


def unit_record(item: ExportedInterview, unit: Unit) -> dict[str, str]:
    """Where a unit is and the state of its translation, flat: CSV's columns and TMX's
    ``<prop>``s. Empty values are ``""``."""
    interview, passage = item.interview, unit.passage
    return {
        "interview": interview.slug,
        "exchange": str(passage.exchange.position),
        "uid": passage.exchange.uid,
        "part": passage.part,
        "paragraph": str(passage.paragraph),
        "sentence": str(unit.bead or ""),
        "anchor": unit.anchor,
        "permalink": item.permalink(passage.anchor),
        "original_language": interview.original_language,
        "translation_language": interview.translation_language,
        "translation_status": exchange_status(passage.exchange, interview.translation_language),
        "interview_translation_status": item.translation_status,
        "outlet": interview.outlet.name,
        "published_on": interview.published_on.isoformat() if interview.published_on else "",
        "interviewees": "; ".join(person.name for person in interview.interviewees.all()),
    }


@dataclass(frozen=True)
class Export:
    """What one export writes: ``interviews`` is consumed once, lazily, by one writer."""

    interviews: Iterable[ExportedInterview]
    level: str
    count: int  # how many interviews (for progress bars)
    title: str  # what this is, in words of the interface language
    single: bool = False  # one named interview: a TEI document rather than a corpus
    language: str | None = None  # the original language, when every interview shares it
