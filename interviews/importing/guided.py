"""Aligning a translation whose exchanges the parser could not find as it found the
original's, or the other way round: one side's structure guides the other.

Translations often mark their questions inconsistently ("– " on some, nothing on others),
drop the "?" of a question that is a statement, or merge and split paragraphs; the parser
then finds another number of exchanges on that side. Its paragraphs are still in order, so
they are placed on the other side's (question, answer paragraphs) sequence by a
Gale–Church dynamic programme over paragraph lengths, with penalties where the cues
disagree: a guide question matched with a paragraph that neither asks nor was taken for a
question, a guide answer matched with one that was.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .exchanges import ASKS, DASH
from .gale_church import BEAD_PRIORS, bead_cost, length_cost
from .hygiene import excerpt
from .records import AlignedExchange, ImportProblem, ParsedArticle

# Cues, in the units of a bead's cost (-log probability): a rhetorical question in an
# answer is common, a question with neither "?" nor marking less so, and a paragraph the
# follower's own parse took for a question rarely answers.
UNASKED_QUESTION = 1.5
ASKING_ANSWER = 1.0
MARKED_ANSWER = 3.0
# Below this agreement (a probability) of a pair of passages, the two sides are not the
# same interview's and nothing is accepted (records.DOUBTFUL_BELOW flags an exchange).
REFUSED = 0.02
# How far (in paragraphs) the alignment may stray from the diagonal: enough for every
# merge and split an interview has, and it keeps long texts fast.
MIN_BAND = 20
# Ratios closer than this give the same alignment: no need to make it again.
SAME_RATIO = 0.02
# The exchange number of the standfirst's paragraphs, which both sides' structures include:
# a first question the parser left unmarked is in its side's standfirst.
INTRO = -1
# What a standfirst paragraph without counterpart costs: translations often drop the
# original's standfirst or write their own, and the header lines each parser recognises
# ("Entretien avec …", "An interview with …") differ.
SPARE_INTRO = 2.0
# English runs 77 to 93 per cent of the length of the same text in French in the
# seventeen articles of fixtures/sentence_alignment; a little margin either way.
ENGLISH_PER_FRENCH = (0.72, 1.0)


@dataclass(frozen=True)
class _Unit:
    """One paragraph of the guide, with the exchange and the part it belongs to."""

    text: str
    exchange: int
    role: str


@dataclass(frozen=True)
class _Follower:
    """One paragraph of the side being aligned, with its cues."""

    text: str
    asks: bool
    marked: bool


@dataclass(frozen=True)
class Guided:
    exchanges: list[AlignedExchange]
    warnings: list[str]
    cost: float
    # The follower's standfirst, which may have taken in a first question left unmarked.
    follower: str
    standfirst: str


def guided_alignment(source: ParsedArticle, target: ParsedArticle) -> Guided:
    """The alignment of ``source`` and ``target`` led by whichever side's structure explains
    both best; raises ImportProblem, quoting where the sides part, when neither does."""
    attempts: list[Guided | ImportProblem] = []
    for guide, follower in ((source, target), (target, source)):
        try:
            attempts.append(_follow(guide, follower))
        except ImportProblem as problem:
            attempts.append(problem)
    found = [attempt for attempt in attempts if isinstance(attempt, Guided)]
    if found:
        return min(found, key=lambda guided: guided.cost)
    more, fewer = sorted((source, target), key=lambda a: len(a.exchanges), reverse=True)
    # The side with more exchanges is the likelier guide: its reason is the one to give.
    first = attempts[0] if more is source else attempts[1]
    raise ImportProblem(
        _(
            "Exchanges found: %(fewer_count)s in %(fewer)s, %(more_count)s in %(more)s; no "
            "confident alignment of their paragraphs exists: %(reason)s"
        )
        % {
            "fewer": fewer.place,
            "fewer_count": len(fewer.exchanges),
            "more": more.place,
            "more_count": len(more.exchanges),
            "reason": first,
        }
    )


def _intro(article: ParsedArticle) -> list[str]:
    return article.standfirst.split("\n\n") if article.standfirst else []


def _units(guide: ParsedArticle) -> list[_Unit]:
    units = [_Unit(text, INTRO, "intro") for text in _intro(guide)]
    for number, exchange in enumerate(guide.exchanges):
        units += [_Unit(text, number, "question") for text in exchange.question.split("\n\n")]
        units += [_Unit(text, number, "answer") for text in exchange.answer]
    return units


def _followers(article: ParsedArticle) -> list[_Follower]:
    paragraphs = [
        _Follower(text, asks=bool(ASKS.search(text)), marked=False) for text in _intro(article)
    ]
    for exchange in article.exchanges:
        paragraphs += [
            _Follower(text, asks=bool(ASKS.search(text)), marked=True)
            for text in exchange.question.split("\n\n")
        ]
        paragraphs += [
            _Follower(text, asks=bool(ASKS.search(text)), marked=False) for text in exchange.answer
        ]
    return paragraphs


def _cue_cost(role: str, followers: list[_Follower]) -> float:
    if role == "intro":
        return 0.0
    if role == "question":
        return 0.0 if any(f.asks or f.marked for f in followers) else UNASKED_QUESTION
    if any(f.marked for f in followers):
        return MARKED_ANSWER
    return ASKING_ANSWER if any(f.asks for f in followers) else 0.0


def _follow(guide: ParsedArticle, follower: ParsedArticle) -> Guided:
    units, paragraphs = _units(guide), _followers(follower)
    introduced = len(_intro(guide))
    observed = sum(len(p.text) for p in paragraphs) / max(1, sum(len(u.text) for u in units))
    first_ratio = _ratio(guide.lang, follower.lang, observed)
    beads, cost = _path(units, paragraphs, first_ratio, introduced)
    # The texts' own ratio counts standfirsts and passages that one side lacks: it is
    # estimated again on the pairs found, and the alignment made again with it.
    pairs = [b for b in beads if b[0] < b[1] and b[2] < b[3] and units[b[0]].role != "intro"]
    guide_length = sum(len(u.text) for start, end, _first, _last in pairs for u in units[start:end])
    follower_length = sum(
        len(p.text) for _start, _end, first, last in pairs for p in paragraphs[first:last]
    )
    ratio = _ratio(guide.lang, follower.lang, follower_length / max(1, guide_length))
    if abs(ratio - first_ratio) > SAME_RATIO:
        beads, cost = _path(units, paragraphs, ratio, introduced)
    return _assemble(guide, follower, units, paragraphs, beads, ratio, cost)


def _path(
    units: list[_Unit], paragraphs: list[_Follower], ratio: float, introduced: int
) -> tuple[list[tuple[int, int, int, int]], float]:
    """The cheapest alignment, as beads (units[start:end] with paragraphs[first:last]),
    and its cost."""
    n, m = len(units), len(paragraphs)
    # Along the diagonal scaled to both lengths, so the band only needs to hold the unevenly
    # spread part of the difference in paragraph counts.
    band = MIN_BAND + abs(n - m) // 2 + max(n, m) // 20
    guide_sums, follower_sums = _running_sums(units), _running_sums(paragraphs)
    # cost[i, j]: cheapest alignment of units[:i] with paragraphs[:j]; step[i, j]: its last
    # bead. A bead never spans two parts of the guide: its structure is the one kept.
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    step: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(max(0, i * m // max(1, n) - band), min(m, i * m // max(1, n) + band) + 1):
            for (di, dj), prior in BEAD_PRIORS.items():
                before = cost.get((i - di, j - dj))
                if before is None or i < di or j < dj:
                    continue
                guide_part = units[i - di : i]
                if di == 2 and _part(guide_part[0]) != _part(guide_part[1]):
                    continue
                matched = paragraphs[j - dj : j]
                if not (guide_part and matched) and i <= introduced:
                    candidate = before + SPARE_INTRO
                else:
                    candidate = before + bead_cost(
                        guide_sums[i] - guide_sums[i - di],
                        follower_sums[j] - follower_sums[j - dj],
                        prior,
                        ratio,
                    )
                if guide_part and matched:
                    candidate += _cue_cost(guide_part[0].role, matched)
                if candidate < cost.get((i, j), math.inf):
                    cost[i, j], step[i, j] = candidate, (di, dj)

    beads: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i or j:
        di, dj = step[i, j]
        beads.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    return beads[::-1], cost[n, m]


def _assemble(
    guide: ParsedArticle,
    follower: ParsedArticle,
    units: list[_Unit],
    paragraphs: list[_Follower],
    beads: list[tuple[int, int, int, int]],
    ratio: float,
    total: float,
) -> Guided:
    questions: list[tuple[list[str], list[str]]] = [([], []) for _exchange in guide.exchanges]
    answers: list[tuple[list[str], list[str]]] = [([], []) for _exchange in guide.exchanges]
    confidence = [1.0] * len(guide.exchanges)
    warnings = []
    intro, introduced = [], len(_intro(guide))
    for start, end, first, last in beads:
        matched = paragraphs[first:last]
        missing = start == end or first == last
        if missing and (start < introduced or start == end == introduced):
            # A translation may lack the original's standfirst or have its own.
            intro += [p.text for p in matched]
            continue
        if start == end or first == last:
            raise ImportProblem(_parting(guide, follower, units, paragraphs, start, first))
        unit = units[start]
        agreement = _agreement(units[start:end], matched, ratio)
        if agreement < REFUSED:
            # A merge or split that fails may still begin in step: they part after that.
            in_step = _agreement(units[start : start + 1], matched[:1], ratio) >= REFUSED
            if in_step and (end - start > 1 or last - first > 1):
                start, first = min(start + 1, end), min(first + 1, last)
            raise ImportProblem(_parting(guide, follower, units, paragraphs, start, first))
        if unit.role == "intro":
            intro += [p.text for p in matched]
            continue
        confidence[unit.exchange] = min(confidence[unit.exchange], agreement)
        part = (questions if unit.role == "question" else answers)[unit.exchange]
        part[0].append(" ".join(u.text for u in units[start:end]))
        part[1].append(" ".join(_plain(p, unit.role) for p in matched))
        where = {
            "number": unit.exchange + 1,
            "follower": follower.lang,
            "guide": guide.lang,
            "passage": excerpt(unit.text),
        }
        if end - start > 1:
            warnings.append(
                _(
                    "Exchange %(number)s: %(follower)s merges two paragraphs of %(guide)s into "
                    "one (“%(passage)s”); they were joined."
                )
                % where
            )
        elif last - first > 1:
            warnings.append(
                _(
                    "Exchange %(number)s: %(follower)s splits a paragraph of %(guide)s in two "
                    "(“%(passage)s”); they were joined."
                )
                % where
            )
    exchanges = []
    for number, ((guide_q, follower_q), (guide_a, follower_a)) in enumerate(
        zip(questions, answers, strict=True)
    ):
        exchanges.append(
            AlignedExchange(
                question={guide.lang: "\n\n".join(guide_q), follower.lang: "\n\n".join(follower_q)},
                answer={guide.lang: guide_a, follower.lang: follower_a},
                confidence=round(confidence[number], 2),
            )
        )
        if exchanges[-1].doubtful:
            warnings.append(
                _(
                    "Exchange %(number)s: unsure where %(lang)s places it (confidence "
                    "%(confidence)s): “%(passage)s”."
                )
                % {
                    "number": number + 1,
                    "lang": follower.lang,
                    "passage": excerpt(follower_q[0]),
                    "confidence": f"{exchanges[-1].confidence:.2f}",
                }
            )
    summary = _(
        "Exchanges found: %(follower_count)s in %(follower)s, %(guide_count)s in %(guide)s; "
        "the paragraphs of %(follower_lang)s were laid on the structure of %(guide_lang)s."
    ) % {
        "follower": follower.place,
        "follower_count": len(follower.exchanges),
        "guide": guide.place,
        "guide_count": len(guide.exchanges),
        "follower_lang": follower.lang,
        "guide_lang": guide.lang,
    }
    return Guided(exchanges, [summary, *warnings], total, follower.lang, "\n\n".join(intro))


def _agreement(units: list[_Unit], matched: list[_Follower], ratio: float) -> float:
    """How likely the two sides of a bead are translations of each other, from their
    lengths and cues: 1 when the lengths agree as the texts' ratio predicts."""
    guide_length = sum(len(u.text) for u in units)
    follower_length = sum(len(p.text) for p in matched)
    spent = length_cost(guide_length, follower_length, ratio) + _cue_cost(units[0].role, matched)
    return math.exp(-spent)


def _ratio(guide: str, follower: str, observed: float) -> float:
    """The length ratio to expect: the texts' own, unless missing or extra passages push
    it past what translations between the two languages show."""
    low, high = ENGLISH_PER_FRENCH
    if (guide, follower) == ("en", "fr"):
        low, high = 1 / high, 1 / low
    elif (guide, follower) != ("fr", "en"):
        return observed
    return min(max(observed, low), high)


def _running_sums(paragraphs: list[_Unit] | list[_Follower]) -> list[int]:
    """The length of the text before each paragraph, and of all of it."""
    sums = [0]
    for paragraph in paragraphs:
        sums.append(sums[-1] + len(paragraph.text))
    return sums


def _part(unit: _Unit) -> tuple[int, str]:
    return unit.exchange, unit.role


def _plain(paragraph: _Follower, role: str) -> str:
    """A paragraph taken for a question loses its dash, as the parser's questions do."""
    match = DASH.match(paragraph.text) if role == "question" else None
    return paragraph.text[match.end() :] if match else paragraph.text


def _parting(
    guide: ParsedArticle,
    follower: ParsedArticle,
    units: list[_Unit],
    paragraphs: list[_Follower],
    i: int,
    j: int,
) -> str:
    """Where the two sides part, quoting the first passage of each from there."""

    def at(lang: str, texts: list[str], index: int) -> str:
        if index < len(texts):
            return _("%(lang)s “%(passage)s”") % {"lang": lang, "passage": excerpt(texts[index])}
        return _("the end of %(lang)s") % {"lang": lang}

    return _("the sides part at %(guide)s and %(follower)s.") % {
        "guide": at(guide.lang, [u.text for u in units], i),
        "follower": at(follower.lang, [p.text for p in paragraphs], j),
    }
