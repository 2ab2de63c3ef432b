"""Citations: what is cited, and its CSL-JSON description.

What is cited is an interview, one exchange, or one passage of it (a question or an answer
paragraph), in one *text language*: the original or the translation. Its CSL-JSON item is
the one description every output is made from: formatted references
(``citation_styles``), BibTeX, RIS and CSL-JSON files (``citation_formats``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .citation_styles import Reference, format_references
from .languages import LANGS
from .models import Exchange, Interview
from .passages import (
    PassageRef,
    find_passages,
    parse_anchor,
    passage_locator,
    url_at,
)
from .reviewing import TranslationLabel, translation_label

# "interview" rather than "article-newspaper": in the three styles the archive offers it
# names the interviewer ("Interview by…", "Entretien réalisé par…") where a newspaper
# article cannot, and with citeproc-py "article-newspaper" adds a stray "Edition." to
# Chicago author-date. The outlet still shows as the container, in italics.
CSL_TYPE = "interview"


class CitationError(ValueError):
    """A citation that cannot be made; the message is for the reader, in the interface
    language."""


@dataclass(frozen=True)
class CitedText:
    """An interview (``ref`` None), one of its exchanges or one passage of it (``ref``), in
    language ``lang``; ``paragraphs`` is the text cited."""

    interview: Interview
    lang: str
    paragraphs: tuple[str, ...]
    exchange: Exchange | None = None
    ref: PassageRef | None = None

    @property
    def kind(self) -> str:
        """ "interview", "exchange" or "passage"."""
        if self.ref is None:
            return "interview"
        return "exchange" if self.ref.part is None else "passage"

    @property
    def anchor(self) -> str:
        """The passage's anchor (see ``interviews.passages``); "" for the interview."""
        return self.ref.anchor if self.ref else ""

    @property
    def locator(self) -> str:
        """Where the passage is, in words of the interface language; "" for the interview."""
        if self.ref is None:
            return ""
        assert self.exchange is not None  # a passage is always cited with its exchange
        return passage_locator(self.exchange.position, self.ref.part, self.ref.paragraph)

    @property
    def is_translation(self) -> bool:
        return self.lang != self.interview.original_language

    @property
    def reviewed(self) -> bool:
        """Whether a translation's text was approved: the interview's translation, and the
        exchange's when a part of it is cited. An original needs no approval."""
        label = self.translation_label
        return label is None or label.reviewed

    @property
    def translation_label(self) -> TranslationLabel | None:
        """What the cite page tells of the cited text: None for an original."""
        if not self.is_translation:
            return None
        status = getattr(self.interview, f"translation_status_{self.lang}")
        if self.exchange is None:
            return translation_label(self.lang, status)
        return translation_label(self.lang, status, getattr(self.exchange, f"status_{self.lang}"))

    @property
    def key(self) -> str:
        """Unique per interview, passage and language: the entry's id in every format."""
        return "-".join(part for part in (self.interview.slug, self.anchor, self.lang) if part)


def parse_text_language(value: str | None, interview: Interview) -> str:
    """The language of the text to cite, from ``?lang=`` (default: the original)."""
    if not value:
        return interview.original_language
    if value not in LANGS:
        raise CitationError(
            _("Unknown language “%(lang)s”: choose one of %(choices)s.")
            % {"lang": value, "choices": ", ".join(LANGS)}
        )
    return value


def cite(interview: Interview, *, passage: str | None, lang: str | None) -> CitedText:
    """What ``?passage=<anchor>&lang=<code>`` names in ``interview``, or CitationError."""
    text_lang = parse_text_language(lang, interview)
    if not passage:
        return cited_text(interview, text_lang)
    ref = parse_anchor(passage)
    if ref is None:
        raise CitationError(
            _("“%(anchor)s” is not a passage anchor (such as x-ab12cd34ef56-p2).")
            % {"anchor": passage}
        )
    exchange = interview.exchanges.filter(uid=ref.uid).first()
    return cited_text(interview, text_lang, exchange=exchange, ref=ref)


def cited_text(
    interview: Interview,
    lang: str,
    *,
    exchange: Exchange | None = None,
    ref: PassageRef | None = None,
) -> CitedText:
    """The interview, or the passage ``ref`` of ``exchange``, in ``lang``."""
    if ref is None:
        texts = tuple(
            text
            for text in (getattr(interview, f"{field}_{lang}") for field in ("title", "standfirst"))
            if text
        )
        if lang not in citable_languages(interview, (lang,)):
            raise CitationError(
                _("This interview has no text in the language asked for (“%(lang)s”).")
                % {"lang": lang}
            )
        return CitedText(interview, lang, texts)
    passages = find_passages([exchange], ref) if exchange is not None else []
    if not passages:
        raise CitationError(
            _("This interview has no passage “%(anchor)s”.") % {"anchor": ref.anchor}
        )
    texts = tuple(p.texts[lang] for p in passages if p.texts[lang])
    if not texts:
        raise CitationError(
            _("This passage has no text in the language asked for (“%(lang)s”).") % {"lang": lang}
        )
    return CitedText(interview, lang, texts, exchange, ref)


def permalink(build_uri: Callable[[str], str], interview: Interview, lang: str, anchor="") -> str:
    """The stable, absolute address of the interview read in ``lang`` (at ``anchor``).
    ``build_uri`` makes a path absolute: ``request.build_absolute_uri``."""
    with translation.override(lang):
        url = build_uri(reverse("interviews:detail", args=[interview.slug]))
    return url_at(url, anchor)


def csl_name(name: str) -> dict[str, str]:
    """A person's name as CSL parts. A Person has one name field: the first word is taken
    as the given name and the rest as the family name, which fits the French and English
    names of the press ("Redouane El Haloui", "Marine Le Pen"); a single word stays whole."""
    given, _space, family = name.strip().partition(" ")
    if not family:
        return {"literal": name.strip()}
    return {"family": family.strip(), "given": given}


def _csl_date(day: date | None) -> dict[str, list[list[int]]] | None:
    return {"date-parts": [[day.year, day.month, day.day]]} if day else None


def csl_item(cited: CitedText, *, url: str, accessed: date) -> dict[str, Any]:
    """The CSL-JSON item citing ``cited``, found at ``url`` on ``accessed``."""
    interview = cited.interview
    original = interview.original_language
    issued = _csl_date(interview.published_on)
    original_title = getattr(interview, f"title_{original}")
    item: dict[str, Any] = {
        "id": cited.key,
        "type": CSL_TYPE,
        "title": getattr(interview, f"title_{cited.lang}") or original_title,
        "author": [csl_name(person.name) for person in interview.interviewees.all()],
        "interviewer": [csl_name(interview.interviewer.name)] if interview.interviewer else [],
        "container-title": interview.outlet.name,
        "issued": issued,
        "URL": url,
        "language": cited.lang,
        "accessed": _csl_date(accessed),
    }
    if cited.is_translation:
        translator = getattr(interview, f"translator_{cited.lang}")
        item.update(
            {
                # A free string (a person, several, an agency): kept whole, never split.
                "translator": [{"literal": translator}] if translator else [],
                "original-title": original_title,
                "original-date": issued,
                "original-publisher": interview.outlet.name,
            }
        )
    notes = [cited.locator, "" if cited.reviewed else _("unreviewed translation")]
    item["note"] = "; ".join(note for note in notes if note)
    return {name: value for name, value in item.items() if value}


@dataclass(frozen=True)
class Citation:
    """What a "Cite" page shows and a citation file holds, for one cited text."""

    cited: CitedText
    url: str
    item: dict[str, Any]

    @property
    def query(self) -> str:
        """The ``?passage=…&lang=…`` that names it (for the download links)."""
        return cite_query(self.cited.anchor, self.cited.lang)

    @cached_property
    def references(self) -> list[Reference]:
        return format_references(self.item)


def cite_query(anchor: str, lang: str) -> str:
    """The query string (no "?") of the "Cite" page of ``anchor`` (or of the whole
    interview for ``""``) in ``lang``."""
    params = {"passage": anchor, "lang": lang}
    return urlencode({name: value for name, value in params.items() if value})


def request_citation(
    interview: Interview,
    *,
    passage: str | None,
    lang: str | None,
    build_uri: Callable[[str], str],
) -> Citation:
    """The citation of what ``?passage=&lang=`` names in ``interview``, or CitationError."""
    cited = cite(interview, passage=passage, lang=lang)
    url = permalink(build_uri, interview, cited.lang, cited.anchor)
    return Citation(cited, url, csl_item(cited, url=url, accessed=timezone.localdate()))


def citable_languages(interview: Interview, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The languages of ``columns`` the interview can be cited in (it has a title there)."""
    return tuple(lang for lang in columns if getattr(interview, f"title_{lang}"))
