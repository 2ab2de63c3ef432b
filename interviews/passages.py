"""Passages: the units the archive aligns, links to, cites and exports.

An exchange is made of passages: its question, then each answer paragraph, each in every
language. A passage's anchor is its permalink fragment and the one name other tools use
for it (``?passage=`` in citation URLs, ids in exports):

- ``x-<uid>``      the whole exchange
- ``x-<uid>-q``    its question
- ``x-<uid>-p<n>`` answer paragraph n (1-based)

and a passage's sentence bead k (1-based, ``Passage.sentences.beads``): ``x-<uid>-q-s<k>``,
``x-<uid>-p<n>-s<k>`` (an id in exports; in the reading view, which has no element for it,
the group its sentences share).

A passage's key in the search index is ``<uid>:q`` or ``<uid>:p<n>``, an interview's own
document's ``<slug>:meta``; a permalink is the reading view's address, then
``?at=<anchor>#<anchor>``: the browser needs the fragment, and the server ``at`` to serve
the page of a long interview that holds the passage.

This module is the only place that writes or reads those formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from django.utils.translation import gettext as _

from .importing.records import ANSWER, QUESTION, Role
from .languages import LANGS
from .models import Exchange
from .sentences import AlignedSentences, align_sentences

_BEAD = re.compile(r"-s[1-9][0-9]{0,4}$")
_ANCHOR = re.compile(r"^x-(?P<uid>[0-9a-f]{1,12})(?:-(?:(?P<q>q)|p(?P<n>[1-9][0-9]{0,4})))?$")


def exchange_anchor(uid: str) -> str:
    return f"x-{uid}"


def passage_anchor(uid: str, part: str, paragraph: int = 0) -> str:
    """The anchor of a question (``part="question"``) or of answer paragraph ``paragraph``."""
    return f"{exchange_anchor(uid)}-{_passage_name(part, paragraph)}"


def passage_key(uid: str, part: str, paragraph: int = 0) -> str:
    """The search index's key of a question or of answer paragraph ``paragraph``."""
    return f"{uid}:{_passage_name(part, paragraph)}"


def interview_key(slug: str) -> str:
    """The search index's key of an interview's own document (title, standfirst, names)."""
    return f"{slug}:meta"


def key_owner(key: str) -> tuple[str | None, str | None]:
    """Whose document a search key names: ``(slug, None)`` for an interview's own,
    ``(None, uid)`` for a passage of an exchange."""
    owner, _, name = key.rpartition(":")
    return (owner, None) if name == "meta" else (None, owner)


def _passage_name(part: str, paragraph: int) -> str:
    return "q" if part == QUESTION else f"p{paragraph}"


def url_at(url: str, anchor: str) -> str:
    """``url`` at ``anchor`` (a permalink), or ``url`` itself for no anchor."""
    if not anchor:
        return url
    return f"{url}{'&' if '?' in url else '?'}at={anchor}#{anchor}"


def anchor_exchange(anchor: str) -> str | None:
    """The uid of the exchange that ``anchor`` (an exchange's, a passage's or a sentence
    bead's) is in, or None when it is no anchor."""
    ref = anchor_passage(anchor)
    return ref.uid if ref else None


def anchor_passage(anchor: str) -> PassageRef | None:
    """The passage (or exchange) that ``anchor``, a sentence bead's included, is in."""
    return parse_anchor(_BEAD.sub("", anchor or "", count=1))


def bead_anchor(anchor: str, bead: int) -> str:
    """The name of sentence bead ``bead`` (1-based) of the passage ``anchor`` names."""
    return f"{anchor}-s{bead}"


@dataclass(frozen=True)
class PassageRef:
    """What an anchor names: an exchange (``part`` None), its question, or a paragraph."""

    uid: str
    part: str | None
    paragraph: int = 0

    @property
    def anchor(self) -> str:
        if self.part is None:
            return exchange_anchor(self.uid)
        return passage_anchor(self.uid, self.part, self.paragraph)


def parse_anchor(anchor: str) -> PassageRef | None:
    """The passage an anchor names, or None when it is not an anchor."""
    match = _ANCHOR.match(anchor or "")
    if not match:
        return None
    if match["q"]:
        return PassageRef(match["uid"], QUESTION)
    if match["n"]:
        return PassageRef(match["uid"], ANSWER, int(match["n"]))
    return PassageRef(match["uid"], None)


@dataclass(frozen=True)
class Passage:
    """One aligned unit of an exchange: its text in each language (``""`` when missing)."""

    exchange: Exchange
    part: Role
    paragraph: int  # 0 for the question, 1-based for answer paragraphs
    texts: dict[str, str]

    @property
    def anchor(self) -> str:
        return passage_anchor(self.exchange.uid, self.part, self.paragraph)

    @property
    def locator(self) -> str:
        """Where it is, in words of the interface language: "exchange 4, paragraph 2"."""
        return passage_locator(self.exchange.position, self.part, self.paragraph)

    @property
    def sentences(self) -> AlignedSentences:
        return align_sentences(self.texts)


def passage_locator(exchange: int, part: str | None, paragraph: int = 0) -> str:
    if part == QUESTION:
        return _("exchange %(exchange)s, question") % {"exchange": exchange}
    if part == ANSWER:
        return _("exchange %(exchange)s, paragraph %(paragraph)s") % {
            "exchange": exchange,
            "paragraph": paragraph,
        }
    return _("exchange %(exchange)s") % {"exchange": exchange}


def exchange_passages(exchange: Exchange) -> list[Passage]:
    """The question, then each answer paragraph, lined up across languages."""
    question = Passage(
        exchange, QUESTION, 0, {lang: getattr(exchange, f"question_{lang}") or "" for lang in LANGS}
    )
    per_lang = [exchange.paragraphs(lang) for lang in LANGS]
    paragraphs = [
        Passage(
            exchange,
            ANSWER,
            number,
            {lang: text or "" for lang, text in zip(LANGS, texts, strict=True)},
        )
        for number, texts in enumerate(zip_longest(*per_lang), start=1)
    ]
    return [question, *paragraphs]


def find_passages(exchanges, ref: PassageRef) -> list[Passage]:
    """The passages of ``exchanges`` that ``ref`` names (all of an exchange's for an
    exchange anchor); empty when there is none."""
    for exchange in exchanges:
        if exchange.uid == ref.uid:
            passages = exchange_passages(exchange)
            if ref.part is None:
                return passages
            return [p for p in passages if (p.part, p.paragraph) == (ref.part, ref.paragraph)]
    return []
