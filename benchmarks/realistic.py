"""An archive with the statistics of real French and English, not recombined sentences.

Words are drawn from wordfreq's frequency lists (Robyn Speer et al., built from subtitles,
Wikipedia, news, books and web text, shipped with the library), so the most common words
are as common as in real text and the long tail is as long: at 10k interviews each language
meets about a hundred thousand distinct words, and most of them a handful of times. Added
to them, as real interviews have them: proper names (the interviewee's, and others drawn
with Zipf-like weights from a few thousand), numbers (years, counts, percentages, amounts)
at the rate wordfreq measures for digits, and a few theme words per interview that come back
in it (real words cluster by subject, which a plain draw from the frequencies would miss).

The shape is the recombined corpus' (``corpus.generate``): 6–10 exchanges, answers of 2–6
paragraphs of 1–3 sentences, both languages aligned paragraph by paragraph and sharing
their names and numbers, the same outlets and topics. Each interview is drawn from its own
seed (``[seed, number]``), so the first 1,000 interviews of a 10k corpus are the 1k corpus:
figures at different sizes compare the same interviews. ``passage_statistics`` counts, for
every word, the passages that hold it (what a search's total counts), from the same draws
without writing the text; ``benchmarks.queries`` picks the query mix from those counts.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import numpy as np

from interviews.importing import AlignedExchange

from .corpus import FIRST_NAMES, OUTLETS, ROLES, SLUG_PREFIX, TOPICS, GeneratedInterview

LANGS = ("fr", "en")
VOCABULARY = 200_000  # most frequent words kept per language (of about 300,000)
NAME_SHARE = 0.006  # of the words of a text: proper names
THEME_SHARE = 0.02  # of the words of a text: its interview's theme words
THEMES = 8  # theme words per interview and language, drawn among…
THEME_RANKS = (2_000, 40_000)  # …these ranks of the frequency list
PEOPLE = 2_000
SLUG_MARK = "r"  # bench-r<seed>-<number>, beside the recombined corpus' bench-s…

# A word of letters, with inner apostrophes or hyphens ("aujourd'hui", "week-end"): Latin
# script only, so the few Greek or Cyrillic words of the lists stay out.
_WORD = re.compile(r"[a-zà-öø-ÿœæ]+(?:['-][a-zà-öø-ÿœæ]+)*")
_DIGITS = re.compile(r"[0-9][0-9.,]*")
# wordfreq splits "l'homme" into "l" and "homme", "it's" into "it" and "s": the clitics are
# written back onto their word. A French one before a consonant is its full form.
FRENCH_ELISIONS = {
    "l": "le", "d": "de", "c": "ce", "qu": "que", "j": "je", "n": "ne", "s": "se",
    "m": "me", "t": "te", "jusqu": "jusque", "lorsqu": "lorsque", "puisqu": "puisque",
}  # fmt: skip
ENGLISH_CLITICS = {"s", "t", "d", "ll", "re", "ve", "m"}
_VOWEL_START = re.compile(r"[aeiouyhàâäéèêëîïôöùûüœæ]")
NBSP = "\u00a0"


@dataclass(frozen=True)
class Lexicon:
    """One language's words by id (most frequent first) and the cumulative probabilities
    of every token id: the words, then ``number``, ``name`` and ``theme``."""

    words: tuple[str, ...]
    cdf: np.ndarray
    table: np.ndarray  # the words by id, as an array (placeholders for the last three)

    @property
    def number(self) -> int:
        return len(self.words)

    @property
    def name(self) -> int:
        return len(self.words) + 1

    @property
    def theme(self) -> int:
        return len(self.words) + 2


@cache
def lexicon(lang: str) -> Lexicon:
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict(lang, wordlist="large")
    words: list[str] = []
    weights: list[float] = []
    digits = 0.0
    for word, frequency in frequencies.items():
        if _DIGITS.fullmatch(word):
            digits += frequency
        elif len(words) < VOCABULARY and _WORD.fullmatch(word):
            words.append(word)
            weights.append(frequency)
    text = np.array(weights) / sum(weights) * (1 - NAME_SHARE - THEME_SHARE - digits)
    probabilities = np.concatenate([text, [digits, NAME_SHARE, THEME_SHARE]])
    cdf = np.cumsum(probabilities)
    cdf[-1] = 1.0
    table = np.array([*words, "", "", ""], dtype=object)
    return Lexicon(tuple(words), cdf, table)


@cache
def people() -> list[tuple[str, str, str]]:
    """(name, role_fr, role_en) of everyone the corpus names: ``PEOPLE`` distinct names,
    surnames made of syllables (so that each is rare, as real surnames are)."""
    rng = np.random.default_rng(1789)
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "z",
        "ch",
        "br",
        "dr",
        "gr",
        "tr",
    ]
    vowels = ["a", "e", "i", "o", "u", "ou", "an", "en", "in", "é"]
    codas = ["", "", "", "l", "n", "r", "s", "t", "x", "d"]
    names: dict[str, None] = {}
    while len(names) < PEOPLE:
        syllables = [
            str(rng.choice(onsets)) + str(rng.choice(vowels))
            for _ in range(int(rng.integers(2, 4)))
        ]
        surname = ("".join(syllables) + str(rng.choice(codas))).capitalize()
        names[f"{FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]} {surname}"] = None
    return [(name, *ROLES[i % len(ROLES)]) for i, name in enumerate(names)]


@cache
def _name_cdf() -> np.ndarray:
    weights = 1 / np.arange(1, PEOPLE + 1) ** 1.05
    return np.cumsum(weights / weights.sum())


@dataclass(frozen=True)
class Draft:
    """An interview drawn but not yet written: its token ids per language, cut into
    sentences (``lengths``) and passages (``passages``: sentences per passage, the
    question first in each exchange), and its interviewee."""

    number: int
    exchanges: tuple[tuple[int, ...], ...]
    lengths: dict[str, np.ndarray]
    ids: dict[str, np.ndarray]
    interviewee: int

    def passage_ids(self, lang: str) -> Iterator[np.ndarray]:
        """The token ids of each passage, in order (questions and paragraphs)."""
        counts = [n for exchange in self.exchanges for n in exchange]
        ends = np.cumsum(self.lengths[lang])
        bounds = np.concatenate([[0], ends[np.cumsum(counts) - 1]])
        for start, end in itertools.pairwise(bounds):
            yield self.ids[lang][start:end]


def draft(number: int, seed: int) -> Draft:
    rng = np.random.default_rng([seed, number])
    exchanges = tuple(
        (1, *rng.integers(1, 4, size=int(rng.integers(2, 7))).tolist())
        for _ in range(int(rng.integers(6, 11)))
    )
    sentences = sum(sum(exchange) for exchange in exchanges)
    lengths_fr = rng.integers(6, 31, size=sentences)
    lengths = {"fr": lengths_fr, "en": np.maximum(4, np.rint(lengths_fr * 0.9)).astype(int)}
    ids = {}
    for lang in LANGS:
        words = lexicon(lang)
        drawn = np.searchsorted(words.cdf, rng.random(int(lengths[lang].sum())), side="right")
        themes = rng.integers(*THEME_RANKS, size=THEMES)
        is_theme = drawn == words.theme
        drawn[is_theme] = rng.choice(themes, size=int(is_theme.sum()))
        ids[lang] = drawn
    interviewee = int(np.searchsorted(_name_cdf(), rng.random(), side="right"))
    return Draft(number, exchanges, lengths, ids, min(interviewee, PEOPLE - 1))


@dataclass(frozen=True)
class PassageStatistics:
    """For each language, the passages holding each word id (``VOCABULARY`` long)."""

    passages: int
    frequencies: dict[str, np.ndarray]


def passage_statistics(size: int, seed: int, *, chunk: int = 500) -> PassageStatistics:
    frequencies = {lang: np.zeros(len(lexicon(lang).words), dtype=np.int64) for lang in LANGS}
    passages = 0
    for start in range(1, size + 1, chunk):
        held: dict[str, list[np.ndarray]] = {lang: [] for lang in LANGS}
        for number in range(start, min(start + chunk, size + 1)):
            item = draft(number, seed)
            for lang in LANGS:
                vocabulary = len(lexicon(lang).words)
                parts = list(item.passage_ids(lang))
                if lang == "fr":
                    passages += len(parts)
                # One key per (passage, word): each passage counts a word once.
                keys = np.concatenate(
                    [position * (vocabulary + 3) + ids for position, ids in enumerate(parts)]
                )
                words = np.unique(keys) % (vocabulary + 3)
                held[lang].append(words[words < vocabulary])
        for lang in LANGS:
            found = np.concatenate(held[lang])
            frequencies[lang] += np.bincount(found, minlength=len(frequencies[lang]))
    return PassageStatistics(passages, frequencies)


class _Writer:
    """Writes a draft's token ids as text, with the names and numbers its passage shares
    between its two languages."""

    def __init__(self, item: Draft, seed: int) -> None:
        self.item = item
        self.rng = np.random.default_rng([seed, item.number, 1])
        self.persons = people()

    def passage_extras(self) -> tuple[list[str], list[float]]:
        """The names and the numbers one passage mentions, in both its languages."""
        draws = np.searchsorted(_name_cdf(), self.rng.random(4), side="right")
        own = self.persons[self.item.interviewee][0]
        names = [
            (own if self.rng.random() < 0.5 else own.split(" ", 1)[1])
            if self.rng.random() < 0.4
            else self.persons[min(int(d), PEOPLE - 1)][0]
            for d in draws
        ]
        return names, self.rng.random(4).tolist()

    def sentence(
        self, lang: str, ids: np.ndarray, extras: tuple[list[str], list[float]], end: str
    ) -> str:
        words = lexicon(lang)
        names, numbers = extras
        tokens = words.table[ids].tolist()
        for position in np.flatnonzero(ids >= words.number).tolist():
            if ids[position] == words.number:
                tokens[position] = _number(lang, numbers[position % len(numbers)])
            else:
                tokens[position] = names[position % len(names)]
        text = _joined(lang, tokens, self.rng)
        mark = end if lang == "en" or end == "." else NBSP + end
        return text[:1].upper() + text[1:] + mark

    def passage(self, ids: dict[str, np.ndarray], lengths: dict[str, list[int]], end: str):
        extras = self.passage_extras()
        texts = {}
        for lang in LANGS:
            cuts = np.cumsum([0, *lengths[lang]])
            texts[lang] = " ".join(
                self.sentence(lang, ids[lang][a:b], extras, end)
                for a, b in itertools.pairwise(cuts)
            )
        return texts

    def exchanges(self) -> tuple[AlignedExchange, ...]:
        item = self.item
        passages = {lang: item.passage_ids(lang) for lang in LANGS}
        sentence_lengths = {lang: iter(item.lengths[lang].tolist()) for lang in LANGS}
        written = []
        for exchange in item.exchanges:
            texts = []
            for position, count in enumerate(exchange):
                ids = {lang: next(passages[lang]) for lang in LANGS}
                lengths = {
                    lang: list(itertools.islice(sentence_lengths[lang], count)) for lang in LANGS
                }
                texts.append(self.passage(ids, lengths, "?" if position == 0 else "."))
            written.append(
                AlignedExchange(
                    question={lang: texts[0][lang] for lang in LANGS},
                    answer={lang: [text[lang] for text in texts[1:]] for lang in LANGS},
                )
            )
        return tuple(written)

    def free_text(self, length: int) -> dict[str, str]:
        """A sentence of ``length`` words in each language, drawn as the others."""
        ids = {
            lang: np.searchsorted(lexicon(lang).cdf, self.rng.random(length), side="right")
            for lang in LANGS
        }
        # Outside the exchanges a theme draw is a name (titles name people).
        for lang in LANGS:
            ids[lang] = np.minimum(ids[lang], lexicon(lang).name)
        return self.passage(ids, {lang: [length] for lang in LANGS}, ".")


def _number(lang: str, draw: float) -> str:
    """A year, a count, a percentage or an amount, written as each language writes it."""
    value = int(draw * 1_000_000)
    if draw < 0.4:
        return str(1950 + value % 77)
    if draw < 0.7:
        return str(2 + value % 98)
    if draw < 0.8:
        whole, tenth = 1 + value % 60, value % 10
        return f"{whole},{tenth}{NBSP}%" if lang == "fr" else f"{whole}.{tenth}%"
    if draw < 0.9:
        thousands = f"{1 + value % 900}{NBSP if lang == 'fr' else ','}{value % 1000:03d}"
        return thousands
    amount, tenth = 1 + value % 90, value % 10
    unit = (
        ("milliards", "millions")[value % 2] if lang == "fr" else ("billion", "million")[value % 2]
    )
    return f"{amount},{tenth} {unit}" if lang == "fr" else f"{amount}.{tenth} {unit}"


def _joined(lang: str, tokens: list[str], rng: np.random.Generator) -> str:
    """Words written as a sentence: clitics put back, a comma now and then."""
    clitics = FRENCH_ELISIONS.keys() if lang == "fr" else ENGLISH_CLITICS
    if not clitics.isdisjoint(tokens):
        tokens = _with_clitics(lang, tokens)
    for position in np.flatnonzero(rng.random(len(tokens)) < 0.06).tolist():
        if 0 < position < len(tokens) - 2:
            tokens[position] += ","
    return " ".join(tokens)


def _with_clitics(lang: str, tokens: list[str]) -> list[str]:
    out: list[str] = []
    pending = ""
    for position, token in enumerate(tokens):
        if lang == "fr" and token in FRENCH_ELISIONS:
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            if _VOWEL_START.match(following):
                pending = token + "’"
                continue
            token = FRENCH_ELISIONS[token]
        elif lang == "en" and token in ENGLISH_CLITICS and out:
            out[-1] += "’" + token
            continue
        out.append(pending + token)
        pending = ""
    return out


def generate(size: int, seed: int) -> Iterator[GeneratedInterview]:
    """``size`` interviews, each the same whatever ``size`` (its own seed)."""
    start = date(2005, 1, 1)
    for number in range(1, size + 1):
        item = draft(number, seed)
        writer = _Writer(item, seed)
        rng = writer.rng
        name = people()[item.interviewee][0]
        quote = writer.free_text(int(rng.integers(5, 12)))
        yield GeneratedInterview(
            slug=f"{SLUG_PREFIX}{SLUG_MARK}{seed}-{number:05d}",
            title={
                "fr": f"{name}{NBSP}: « {quote['fr'].rstrip('.')} »",
                "en": f"{name}: “{quote['en'].rstrip('.')}”",
            },
            standfirst=writer.free_text(int(rng.integers(15, 30))),
            outlet=int(rng.integers(len(OUTLETS))),
            interviewee=item.interviewee,
            topics=tuple(
                sorted(int(t) for t in rng.choice(len(TOPICS), rng.integers(1, 4), replace=False))
            ),
            published_on=start + timedelta(days=int(rng.integers(20 * 365))),
            original_language="fr" if rng.random() < 0.7 else "en",
            exchanges=writer.exchanges(),
        )
