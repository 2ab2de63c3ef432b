"""From a raw article (plain text or a saved HTML page) to a ParsedArticle."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Protocol

from django.utils.translation import gettext as _

from .boilerplate import strip_boilerplate
from .exchanges import find_exchanges, same_party
from .html import HtmlPage, looks_like_html
from .hygiene import drop_invisible, tidy_paragraphs, tidy_text
from .metadata import outlet_label, read_header, read_meta_line, standfirst_people
from .page_metadata import PageMetadata, first_found, found_if
from .records import ImportProblem, Paragraph, ParsedArticle
from .typography import read_html_keeping_no_break_spaces

WORD = re.compile(r"[^\W\d_]+")
# The commonest words of each language, by which an article's language is recognised.
COMMON_WORDS = {
    lang: frozenset(words.split())
    for lang, words in {
        "fr": "le la les des du de et est une un dans pour que qui pas nous vous sur au aux avec"
        " ce cette il elle sont ont mais",
        "en": "the and is are of to in that we you for with this it not have be was will our but"
        " they has",
    }.items()
}
# The languages the importer reads: those it recognises. The archive's languages
# (settings.LANGUAGES) must be these, which a test checks.
LANGS: tuple[str, ...] = tuple(COMMON_WORDS)
# Lines ending like this close a sentence; hard-wrapped text mostly breaks elsewhere.
SENTENCE_END = (".", "?", "!", "»", "”", '"', ":", "…", ")", ";")


def parse_article(text: str, *, lang: str | None = None, filename: str = "") -> ParsedArticle:
    """Reads one language's article: metadata, standfirst and question/answer exchanges.

    Raises ImportProblem, naming the file and quoting the passage, when the text is empty or
    holds no interview.
    """
    if lang is not None and lang not in LANGS:
        raise ImportProblem(
            _("%(place)s: unknown language “%(lang)s”.")
            % {"place": filename or _("input"), "lang": lang}
        )
    if not text.strip():
        raise ImportProblem(_("%(place)s: the text is empty.") % {"place": _place(lang, filename)})
    text = drop_invisible(text)
    page = read_html_keeping_no_break_spaces(text) if looks_like_html(text) else None
    paragraphs = tidy_paragraphs(page.paragraphs if page else paragraphs_from_text(text))
    if not paragraphs:
        raise ImportProblem(
            _(
                "%(place)s: not an interview: only the site’s menus, links and notices, "
                "no article text."
            )
            % {"place": _place(lang, filename)}
        )
    lang = lang or detect_language(" ".join(paragraph.text for paragraph in paragraphs))
    place = _place(lang, filename)

    title = tidy_text(page.title).strip() if page and page.title else None
    header = read_header(paragraphs, title=title, place=place)
    stated = page.metadata if page else PageMetadata()
    # What the site states as data comes before what the text says, guesses last.
    outlet = first_found(
        stated.outlet,
        found_if(header.outlet, "header_line"),
        found_if(page.outlet if page else None, "site_metadata"),
    )
    interviewer = first_found(
        stated.author,
        found_if(header.interviewer, "header_line"),
        found_if(_byline_interviewer(page), "byline"),
    )
    named = first_found(
        stated.interviewees, found_if(tuple(header.interviewees), header.interviewees_where)
    )
    body = find_exchanges(
        header.body,
        place=place,
        outlet=outlet.value if outlet else None,
        interviewer=interviewer.value if interviewer else None,
        interviewees=named.value if named else header.quoted_speakers,
    )
    outlet = outlet or found_if(outlet_label(body.askers), "question_prefix")
    interviewees = first_found(
        named,
        found_if(tuple(_speaker_names(body.speakers)), "answer_labels"),
        found_if(tuple(standfirst_people(" ".join(p.text for p in body.intro))), "standfirst"),
        found_if(tuple(header.quoted_speakers), "headline"),
    )
    published_on = first_found(
        stated.published_on,
        found_if(header.published_on, "header_line"),
        found_if(page.published_on if page else None, "htmldate"),
    )
    title_where = "first_paragraph"
    if page and page.title:
        title_where = stated.title_source(page.title) or "site_metadata"
    found = {
        "title": found_if(header.title, title_where),
        "outlet": outlet,
        "published_on": published_on,
        "interviewees": interviewees,
        "interviewer": interviewer,
    }
    return ParsedArticle(
        lang=lang,
        title=header.title,
        standfirst="\n\n".join(paragraph.text for paragraph in body.intro),
        outlet=outlet.value if outlet else None,
        published_on=published_on.value if published_on else None,
        interviewees=list(interviewees.value) if interviewees else [],
        interviewer=interviewer.value if interviewer else None,
        source_url=page.source_url if page else None,
        exchanges=body.exchanges,
        warnings=[*header.warnings, *body.warnings],
        filename=filename,
        provenance={name: each.where for name, each in found.items() if each},
    )


def _place(lang: str | None, filename: str) -> str:
    if lang and filename:
        return f"{lang} ({filename})"
    return lang or filename or _("input")


def detect_language(text: str) -> str:
    """French or English, by counting the commonest words of each."""
    words = [word.casefold() for word in WORD.findall(text[:20_000])]
    counts = {lang: sum(word in stop for word in words) for lang, stop in COMMON_WORDS.items()}
    return max(LANGS, key=lambda lang: counts[lang])


def paragraphs_from_text(text: str) -> list[Paragraph]:
    """Paragraphs of a plain-text article, site chrome left out.

    Scraped text puts one paragraph on each line, with or without blank lines between
    them; only hard-wrapped text (lines broken mid-sentence) needs joining.
    """
    lines = strip_boilerplate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if not _hard_wrapped(lines):
        return [
            Paragraph(text=line.strip(), line=number)
            for number, line in enumerate(lines, start=1)
            if line.strip()
        ]
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append(line.strip())
        elif block:
            paragraphs.append(Paragraph(text=" ".join(block), line=number - len(block)))
            block = []
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    continued = [
        line.rstrip() for line, following in pairwise(lines) if line.strip() and following.strip()
    ]
    broken = [line for line in continued if not line.endswith(SENTENCE_END)]
    return len(continued) >= 3 and len(broken) > len(continued) / 2


def _byline_interviewer(page: HtmlPage | None) -> str | None:
    if not page or not page.byline:
        return None
    byline = read_meta_line(page.byline)
    return byline.interviewer if byline and byline.interviewer else page.byline


def _speaker_names(labels: list[str]) -> list[str]:
    """One name per person signing answers, in its fullest written form."""
    names: list[str] = []
    for label in labels:
        name = label.title() if label.isupper() else label
        same = next((i for i, known in enumerate(names) if same_party(name, known)), None)
        if same is None:
            names.append(name)
        elif len(name) > len(names[same]):
            names[same] = name
    return names


class SourceText(Protocol):
    """What parse_sources reads of a raw source (interviews.sources.RawSource is one)."""

    @property
    def lang(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def filename(self) -> str: ...


def parse_sources(sources: Iterable[SourceText]) -> dict[str, ParsedArticle]:
    """Each raw source parsed, by language."""
    return {
        source.lang: parse_article(source.content, lang=source.lang, filename=source.filename)
        for source in sources
    }
