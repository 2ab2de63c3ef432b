"""What the reading view shows: an interview as rows lined up across two languages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info, gettext

from .citations import cite_query
from .languages import LANGS, LocalizedText
from .markup import SentenceSpan, Span, passage_html
from .models import Exchange, Interview
from .passages import (
    QUESTION,
    Passage,
    anchor_exchange,
    bead_anchor,
    exchange_passages,
    url_at,
)
from .reviewing import TranslationLabel, exchange_label, interview_label

# A reading page holds this many exchanges: a press interview (10 to 50) on one page, a
# long one split so that each page stays quick to build and to load.
EXCHANGES_PER_PAGE = 50


@dataclass(frozen=True)
class CiteLink:
    """A "Cite" link of a passage in one language."""

    lang: str
    language: str  # the language's name in the interface's
    href: str


@dataclass(frozen=True)
class PageLinks:
    """The links a reading page repeats for every passage, from URLs reversed once a page
    (a reversal per passage and language was a good part of the page's time)."""

    interview_url: str
    cite_url: str
    language_names: dict[str, str]

    @classmethod
    def of(cls, interview: Interview) -> PageLinks:
        return cls(
            interview.get_absolute_url(),
            reverse("interviews:cite", args=[interview.slug]),
            {code: str(get_language_info(code)["name_translated"]) for code in LANGS},
        )

    def permalink(self, anchor: str) -> str:
        return url_at(self.interview_url, anchor)

    def cite(self, anchor: str, cells: Iterable[Cell]) -> tuple[CiteLink | None, ...]:
        """A "Cite" link for each of ``cells`` that has a text, None for the others."""
        return tuple(
            CiteLink(
                cell.lang,
                self.language_names[cell.lang],
                f"{self.cite_url}?{cite_query(anchor, cell.lang)}",
            )
            if cell.text
            else None
            for cell in cells
        )


@dataclass(frozen=True)
class Cell:
    """A passage's text in one language, with its sentences and the search matches in it."""

    lang: str
    text: str
    sentences: tuple[SentenceSpan, ...] = ()
    marks: tuple[Span, ...] = ()

    @property
    def html(self) -> SafeString:
        return passage_html(self.text, sentences=self.sentences, marks=self.marks)


@dataclass(frozen=True)
class Row:
    """One line of the reading view: the same passage in each shown language."""

    passage: Passage
    cells: tuple[Cell, ...]
    links: PageLinks

    @property
    def anchor(self) -> str:
        return self.passage.anchor

    @property
    def permalink(self) -> str:
        return self.links.permalink(self.anchor)

    @property
    def cite_links(self) -> tuple[CiteLink | None, ...]:
        return self.links.cite(self.anchor, self.cells)

    @property
    def kind(self) -> str:
        """ "question" or "paragraph"."""
        return "question" if self.passage.part == QUESTION else "paragraph"

    @property
    def number(self) -> int:
        """0 for the question, 1-based for answer paragraphs."""
        return self.passage.paragraph


@dataclass(frozen=True)
class ExchangeRows:
    exchange: Exchange
    rows: tuple[Row, ...]
    # The translation's status in this exchange, where it differs from the interview's.
    labels: tuple[TranslationLabel, ...] = ()

    @property
    def cite_links(self) -> tuple[CiteLink, ...]:
        """The exchange's "Cite" links: one per language its question is in."""
        if not self.rows:
            return ()
        first = self.rows[0]
        return tuple(filter(None, first.links.cite(self.exchange.anchor, first.cells)))


def parse_columns(value: str | None, interview: Interview) -> tuple[str, ...]:
    """Languages to show, in order, from ``?show=fr,en`` (default: original first)."""
    wanted = [code for code in (value or "").split(",") if code in LANGS]
    unique = tuple(dict.fromkeys(wanted))
    if unique:
        return unique
    return (interview.original_language, interview.translation_language)


@dataclass(frozen=True)
class ViewOption:
    """A way to read the interview (``?show=``), and whether it is the one shown."""

    show: str
    label: str
    current: bool


def view_options(interview: Interview, columns: tuple[str, ...]) -> list[ViewOption]:
    """Side by side, swapped, and each language alone: each a fixed choice, so that none
    links to the page itself unmarked."""
    pair = interview.language_codes
    choices: list[tuple[tuple[str, ...], str]] = [
        (pair, gettext("Side by side")),
        (pair[::-1], gettext("Swap sides")),
    ]
    for code in pair:
        name = get_language_info(code)["name_translated"]
        choices.append(((code,), gettext("%(language)s only") % {"language": name}))
    return [ViewOption(",".join(shown), label, shown == columns) for shown, label in choices]


@dataclass(frozen=True)
class HeaderTexts:
    """The titles and standfirsts the reading view's header shows."""

    other_titles: list[LocalizedText]  # the title in the other shown languages
    standfirsts: list[LocalizedText]  # one per shown language that has one
    standfirst_fallback: str | None  # the language of a standfirst shown untranslated


def header_texts(interview: Interview, columns: tuple[str, ...]) -> HeaderTexts:
    title = interview.display_title
    other_titles = [
        LocalizedText(lang, text)
        for lang in columns
        if lang != title.lang and (text := getattr(interview, f"title_{lang}"))
    ]
    standfirsts = [
        LocalizedText(lang, text)
        for lang in columns
        if (text := getattr(interview, f"standfirst_{lang}"))
    ]
    if not standfirsts and interview.display_standfirst.text:
        standfirsts = [interview.display_standfirst]
    langs = {standfirst.lang for standfirst in standfirsts}
    fallback = standfirsts[0].lang if standfirsts and get_language() not in langs else None
    return HeaderTexts(other_titles, standfirsts, fallback)


def sentence_spans(passage: Passage, lang: str) -> tuple[SentenceSpan, ...]:
    """The sentences of ``passage`` in ``lang``, each tagged with its bead: the sentences of
    the other language in the same group are its translation."""
    aligned = passage.sentences
    return tuple(
        SentenceSpan(
            s.start, s.end, group=bead_anchor(passage.anchor, aligned.bead_of(lang, index) + 1)
        )
        for index, s in enumerate(aligned.sentences[lang])
    )


def _cell(passage: Passage, lang: str, columns: tuple[str, ...]) -> Cell:
    # Sentences are paired only when there is something to pair them with.
    paired = len(columns) > 1 and all(passage.texts[code] for code in columns)
    return Cell(lang, passage.texts[lang], sentence_spans(passage, lang) if paired else ())


def exchange_rows(exchange: Exchange, columns: tuple[str, ...], links: PageLinks) -> ExchangeRows:
    rows = tuple(
        Row(passage, tuple(_cell(passage, lang, columns) for lang in columns), links)
        for passage in exchange_passages(exchange)
        # A paragraph only the hidden language has is no row of this view.
        if passage.part == QUESTION or any(passage.texts[lang] for lang in columns)
    )
    labels = (exchange_label(exchange.interview, exchange, lang) for lang in columns)
    return ExchangeRows(exchange=exchange, rows=rows, labels=tuple(filter(None, labels)))


def column_labels(interview: Interview, columns: tuple[str, ...]) -> list[TranslationLabel]:
    """What the reader is told at the top of the translation's column, when it is shown."""
    return list(filter(None, (interview_label(interview, lang) for lang in columns)))


def reading_page(interview: Interview, *, number: str | None, at: str | None) -> Page:
    """The page of ``interview``'s exchanges that holds the passage anchored ``at`` (a
    permalink's ``?at=``), else page ``number`` (the first when it is not one)."""
    exchanges = interview.exchanges.order_by("position")
    uid = anchor_exchange(at or "")
    position = exchanges.filter(uid=uid).values_list("position", flat=True).first() if uid else None
    if position is not None:
        number = str(exchanges.filter(position__lt=position).count() // EXCHANGES_PER_PAGE + 1)
    return Paginator(exchanges, EXCHANGES_PER_PAGE).get_page(number)


def interview_rows(
    interview: Interview, exchanges: Iterable[Exchange], columns: tuple[str, ...]
) -> list[ExchangeRows]:
    links = PageLinks.of(interview)
    return [exchange_rows(exchange, columns, links) for exchange in exchanges]


class MatchMarker(Protocol):
    def __call__(
        self, exchanges: list[ExchangeRows], *, interview: str, text: str
    ) -> tuple[list[ExchangeRows], int]: ...


_match_marker: MatchMarker | None = None


def use_match_marker(marker: MatchMarker) -> None:
    """Have ``marker`` mark the matches of a search in the reading view (``?q=``).

    The search app registers its own in ``SearchConfig.ready()``: the corpus knows nothing
    of the index, the index knows the corpus, and without it the view simply marks nothing.
    """
    global _match_marker
    _match_marker = marker


def mark_matches(
    exchanges: list[ExchangeRows], *, interview: str, text: str
) -> tuple[list[ExchangeRows], int]:
    """``exchanges`` with the matches of the search ``text`` marked in their cells, and how
    many rows hold one; as they are when no search is given or none can be run."""
    if _match_marker is None or not text.strip():
        return exchanges, 0
    return _match_marker(exchanges, interview=interview, text=text)
