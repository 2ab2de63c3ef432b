"""What the importer produces: plain, frozen values, free of Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from .plausibility import Plausibility

# The two parts of an exchange, as the importer, the corpus and the search contract name them.
Role = Literal["question", "answer"]
QUESTION: Final = "question"
ANSWER: Final = "answer"


class ImportProblem(Exception):
    """An article that cannot be imported; the message is one line naming place and problem."""


@dataclass(frozen=True)
class Paragraph:
    """One block of source text, with the 1-based line it starts on for error reports.

    `bold` is set by the HTML layer when the whole paragraph is in bold type and `heading`
    when it was a heading element: both are hints that it may be a question.
    """

    text: str
    line: int
    bold: bool = False
    heading: bool = False


@dataclass(frozen=True)
class ParsedExchange:
    question: str
    answer: list[str]
    line: int


@dataclass(frozen=True)
class ParsedArticle:
    lang: str
    title: str
    standfirst: str
    outlet: str | None
    published_on: date | None
    interviewees: list[str]
    interviewer: str | None
    source_url: str | None
    exchanges: list[ParsedExchange]
    warnings: list[str] = field(default_factory=list)
    filename: str = ""
    # Where each metadata field was found: field name -> a code of page_metadata.PROVENANCE.
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def place(self) -> str:
        """How error messages name this side: its language, and its file when known."""
        return f"{self.lang} ({self.filename})" if self.filename else self.lang


# Below this confidence, an aligned exchange is one the editor should check: a question
# with neither "?" nor marking, or lengths further apart than nineteen pairs in twenty of
# real translated paragraphs (fixtures/sentence_alignment).
DOUBTFUL_BELOW = 0.25


@dataclass(frozen=True)
class AlignedExchange:
    question: dict[str, str]
    answer: dict[str, list[str]]
    # How sure the importer is that the two sides of this exchange belong together: 1 when
    # both sides' own structures agree, less when one side's was laid on the other's.
    confidence: float = 1.0

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_BELOW


@dataclass(frozen=True)
class AlignedInterview:
    original: str
    title: dict[str, str]
    standfirst: dict[str, str]
    outlet: str | None
    published_on: date | None
    interviewees: list[str]
    interviewer: str | None
    source_url: str | None
    exchanges: list[AlignedExchange]
    warnings: list[str] = field(default_factory=list)
    # Whether the translation is one of this article (None without a translation).
    plausibility: Plausibility | None = None
    # As in ParsedArticle, for the values kept from either side.
    provenance: dict[str, str] = field(default_factory=dict)
