"""The query mix of each corpus profile.

The recombined corpus keeps its fixed mix (``queries.QUERY_MIX``), so its figures compare
with earlier runs. The realistic one's is read off the corpus itself: how many passages
hold each word (``realistic.passage_statistics``), grouped by the term the archive's
analyzer indexes it as (so "électrique" counts the passages of "électricité" too, both
"electr"), in both languages, since a query searches both. Every choice is seeded.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from search.analysis import fold, is_stopword, term

from . import realistic
from .queries import QUERY_MIX, BenchQuery

PROFILES = ("realistic", "recombined")
_PLAIN = re.compile(r"[a-zà-öø-ÿœæ]{5,}")  # a content word: letters only, 5 or more
RARE = (3, 8)  # passages a rare word is in, in either language


def for_profile(profile: str, size: int, seed: int) -> tuple[BenchQuery, ...]:
    if profile == "recombined":
        return QUERY_MIX
    return realistic_mix(size, seed)


@dataclass(frozen=True)
class TermCounts:
    """Passages per indexed term, per language, and how many passages there are."""

    passages: int
    by_term: dict[str, Counter[str]]
    _hits: dict[str, int] = field(default_factory=dict)

    def hits(self, word: str) -> int:
        """About how many passages a search for ``word`` finds (at most: a passage holding
        it in both languages counts twice)."""
        if word not in self._hits:
            self._hits[word] = sum(
                self.by_term[lang][term(word, lang)[0]] for lang in realistic.LANGS
            )
        return self._hits[word]


def term_counts(statistics: realistic.PassageStatistics) -> TermCounts:
    by_term: dict[str, Counter[str]] = {}
    for lang, frequencies in statistics.frequencies.items():
        words = realistic.lexicon(lang).words
        counts: Counter[str] = Counter()
        for word_id in np.flatnonzero(frequencies).tolist():
            counts[term(words[word_id], lang)[0]] += int(frequencies[word_id])
        by_term[lang] = counts
    return TermCounts(statistics.passages, by_term)


def _content_words(lang: str, statistics: realistic.PassageStatistics) -> list[str]:
    words = realistic.lexicon(lang).words
    return [
        words[word_id]
        for word_id in np.flatnonzero(statistics.frequencies[lang]).tolist()
        if _PLAIN.fullmatch(words[word_id]) and not is_stopword(words[word_id], lang)
    ]


def _pick(
    rng: np.random.Generator,
    words: list[str],
    counts: TermCounts,
    low: float,
    high: float,
    also: Callable[[str], bool] = lambda word: True,
) -> str:
    """One of ``words`` whose search finds between ``low`` and ``high`` passages."""
    fitting = sorted(w for w in words if low <= counts.hits(w) <= high and also(w))
    if not fitting:
        raise ValueError(f"no word found in {low}–{high} passages: is the corpus too small?")
    return fitting[int(rng.integers(len(fitting)))]


def _phrase(passage: str, lang: str) -> str | None:
    """Four neighbouring words of ``passage`` with a stop word and a content word among
    them, and no punctuation between them, or None."""
    words = passage.rstrip(".?\u00a0").split(" ")
    for start in range(len(words) - 4):
        window = words[start : start + 4]
        if not all(re.fullmatch(r"[^\W\d_]+(?:’[^\W\d_]+)?", word) for word in window):
            continue
        if any(is_stopword(word, lang) for word in window) and any(
            _PLAIN.fullmatch(word.lower()) and not is_stopword(word, lang) for word in window
        ):
            return " ".join(window).lower()
    return None


def realistic_mix(size: int, seed: int) -> tuple[BenchQuery, ...]:
    statistics = realistic.passage_statistics(size, seed)
    counts = term_counts(statistics)
    rng = np.random.default_rng([seed, size, 18])
    passages = counts.passages
    french, english = (_content_words(lang, statistics) for lang in realistic.LANGS)
    rare = _pick(rng, french, counts, *RARE, also=lambda w: len(w) >= 7)
    medium = _pick(rng, english, counts, passages * 0.002, passages * 0.01)
    frequent = _pick(rng, french, counts, passages * 0.03, passages * 0.15)
    accented = _pick(
        rng, french, counts, passages * 0.002, passages * 0.02, also=lambda w: fold(w) != w
    )
    misspelt = None
    while misspelt is None:  # a short word may have no misspelling the corpus lacks
        misspelt = _misspelt(_pick(rng, french, counts, passages * 0.005, passages * 0.02), counts)
    # A phrase and two words of one passage of the first interview: present by construction.
    first = next(realistic.generate(1, seed))
    paragraphs = [p for exchange in first.exchanges for p in exchange.answer["fr"]]
    phrase = next(filter(None, (_phrase(p, "fr") for p in paragraphs)))
    pair = _pair(paragraphs, set(french), counts, rng)
    name = realistic.people()[first.interviewee][0]
    year = str(1950 + int(rng.integers(77)))
    filtered = _pick(rng, french, counts, passages * 0.005, passages * 0.03)
    faceted = _pick(rng, english, counts, passages * 0.03, passages * 0.15)
    return (
        BenchQuery("rare term", rare),
        BenchQuery("medium term (en)", medium),
        BenchQuery("frequent term", frequent),
        BenchQuery("two-term AND", " ".join(pair)),
        BenchQuery("quoted phrase with stop words", f'"{phrase}"'),
        BenchQuery("unaccented, capitalised", fold(accented).capitalize()),
        BenchQuery("misspelt (no hits: the suggester)", misspelt),
        BenchQuery("person's name (phrase)", f'"{name}"'),
        BenchQuery("number (a year)", year),
        BenchQuery(
            "filtered by outlet and date",
            filtered,
            outlet="le-monde",
            date_from=date(2010, 1, 1),
            date_to=date(2019, 12, 31),
        ),
        BenchQuery("faceted", faceted, facets=True),
    )


def _pair(
    paragraphs: list[str], known: set[str], counts: TermCounts, rng: np.random.Generator
) -> list[str]:
    """Two content words of medium frequency from the first paragraph that has two."""
    low, high = counts.passages * 0.001, counts.passages * 0.03
    for paragraph in paragraphs:
        words = sorted(
            {
                word
                for word in re.findall(r"[^\W\d_]+", paragraph.lower())
                if word in known and low <= counts.hits(word) <= high
            }
        )
        if len(words) >= 2:
            return rng.choice(words, size=2, replace=False).tolist()
    raise ValueError("no paragraph holds two words of medium frequency")


def _misspelt(word: str, counts: TermCounts) -> str | None:
    """``word`` with two neighbouring letters swapped, into a word no passage holds (None
    when each such swap is a word of the corpus)."""
    for position in range(len(word) // 2, len(word) - 1):
        letters = list(word)
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
        candidate = "".join(letters)
        if candidate != word and not counts.hits(candidate):
            return candidate
    return None
