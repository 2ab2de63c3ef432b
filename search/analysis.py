"""How French and English text becomes searchable terms, and the tools built on that.

Typed queries and archived text go through the same analyzer, so a researcher finds a quote
however it is typed: with or without accents or capitals, with straight or curly
apostrophes, with guillemets or quotes. Every filter keeps ``startchar``/``endchar`` on
the original text, which is what highlighting relies on.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

import Stemmer
from whoosh.analysis import Token, Tokenizer
from whoosh.lang import stopwords_for_language

APOSTROPHES = "'’‘ʼ"
# A word, with its inner apostrophes ("l’outsourcing", "aujourd'hui", "Morocco's") and
# combining accents (text typed or pasted decomposed: "e" + U+0301).
_LETTERS = r"[\w\u0300-\u036f]+"
WORD = rf"{_LETTERS}(?:[{APOSTROPHES}]{_LETTERS})*"
# French elided articles and pronouns, whichever apostrophe follows them.
_WORDS = re.compile(WORD)
ELISION = re.compile(rf"(?:qu|lorsqu|puisqu|jusqu|quoiqu|[cdjlmnst])[{APOSTROPHES}]", re.I)
POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$", re.I)
# What each language attaches to a word without it being part of the word: French elided
# articles and pronouns before it ("l’", "qu’"), English possessives after it ("’s"). The
# languages this analysis has rules for are the keys of this table: the archive's
# languages (settings.LANGUAGES) must be among them, which a test checks.
CLITICS: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    "fr": (ELISION, None),
    "en": (None, POSSESSIVE),
}
LANGUAGES: tuple[str, ...] = tuple(CLITICS)

# Letters NFKD leaves whole, and apostrophe variants, mapped to what people type.
_FOLDING = str.maketrans(
    {"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l"}
    | dict.fromkeys(APOSTROPHES, "'")
)


def fold(text: str) -> str:
    """Accent and typographic folding: "Œuvre numérique l’été" -> "Oeuvre numerique l'ete"."""
    if text.isascii():  # nothing to fold: most words of either language
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLDING)


# The French Snowball stemmer expects accented suffixes ("-ité", "-ée"): put them back on
# folded words, so that "capacites" and "capacités" share the stem of "capacité". No word
# ends with two of these endings.
_FRENCH_ENDINGS = {
    "ierement": "ièrement",
    "iere": "ière",
    "ieres": "ières",
    "ite": "ité",
    "ites": "ités",
    "ee": "ée",
    "ees": "ées",
}
_FRENCH_ENDED = tuple(_FRENCH_ENDINGS)  # a word ending otherwise is stemmed as it is


@lru_cache(maxsize=100_000)
def stem(word: str, lang: str) -> str:
    """The stem of an already folded, lowercase word; the same with or without accents.

    Stemming folded words (rather than folding stems) is what makes an unaccented query
    meet accented text: both reach the stemmer as the same string.
    """
    if lang == "fr" and word.endswith(_FRENCH_ENDED):
        ending = next(ending for ending in _FRENCH_ENDINGS if word.endswith(ending))
        word = word[: -len(ending)] + _FRENCH_ENDINGS[ending]
    stemmer, lock = _STEMMERS[lang]
    with lock:  # a stemmer keeps the word it works on: one thread at a time
        stemmed = stemmer.stemWord(word)
    return fold(stemmed)


# Each language's Snowball stemmer (found by its ISO 639 code), uncached: ``stem`` and
# the backends' own tables keep what they need.
_STEMMERS = {lang: (Stemmer.Stemmer(lang, 0), threading.Lock()) for lang in LANGUAGES}


@lru_cache(maxsize=200_000)
def term(word: str, lang: str) -> tuple[str, int, int]:
    """The indexed form of one word as the tokenizer finds it, and how many characters its
    elision ("l’") or possessive ("’s") takes off its start and its end."""
    folded, lead, trail = bare(word, lang)
    return stem(folded, lang), lead, trail


@lru_cache(maxsize=200_000)
def bare(word: str, lang: str) -> tuple[str, int, int]:
    """One word as the tokenizer finds it, without its elision or possessive, lowercased
    and folded but not stemmed (engines that stem by themselves start from this), and how
    many characters the elision and the possessive take off its start and its end."""
    lead = trail = 0
    before, after = CLITICS[lang]
    if before and (clitic := before.match(word)) and clitic.end() < len(word):
        lead = clitic.end()
    if after and (clitic := after.search(word)) and clitic.start() > 0:
        trail = len(clitic.group())
    return fold(word[lead : len(word) - trail].lower()), lead, trail


def bare_words(text: str, lang: str) -> list[str]:
    """Every word of ``text`` as ``bare`` gives it, in order."""
    return [bare(match.group(), lang)[0] for match in _WORDS.finditer(text)]


@lru_cache(maxsize=200_000)
def word_form(word: str, lang: str) -> tuple[str, int, int]:
    """As ``term``, but not stemmed: the word as a prefix search (``portai*``) reads it."""
    _, lead, trail = term(word, lang)
    return fold(word[lead : len(word) - trail].lower()), lead, trail


# Each analyzer's last text and its terms, by language and stemming (not on the analyzer,
# which is pickled with the index's schema).
_LAST_TERMS: dict[tuple[str, bool], tuple[str, list[str]]] = {}


class LanguageAnalyzer(Tokenizer):
    """Words, their elision or possessive dropped, lowercased, folded and stemmed (or not,
    with ``stemmed=False``: the words that prefixes are searched among).

    One pass, each distinct word analysed once (``term`` is cached): a chain of Whoosh
    filters does each step again for every occurrence, and indexing spends most of its
    time there. Stop words are kept (a quoted "à tous" must match); queries drop them
    outside quotes.
    """

    is_morph = True

    def __init__(self, lang: str, *, stemmed: bool = True) -> None:
        self.lang = lang
        self.stemmed = stemmed
        self.expression = re.compile(WORD)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageAnalyzer) and (other.lang, other.stemmed) == (
            self.lang,
            self.stemmed,
        )

    def __hash__(self) -> int:
        return hash((self.lang, self.stemmed))

    def terms(self, value: str) -> list[str]:
        """The term of each word of ``value``, in order: what ``__call__`` yields as
        ``token.text``, without the tokens. Not to be changed: the list made for the
        last text is given again for the same text (a passage's text field, then its
        common grams)."""
        kind = (self.lang, self.stemmed)
        last = _LAST_TERMS.get(kind)
        if last is not None and last[0] is value:
            return last[1]
        analyse, lang = term if self.stemmed else word_form, self.lang
        terms = [analyse(word, lang)[0] for word in self.expression.findall(value)]
        _LAST_TERMS[kind] = (value, terms)
        return terms

    def positions(self, value: str) -> dict[str, list[int]]:
        """Each term of ``value`` with its positions: what an index's postings hold."""
        return term_positions(enumerate(self.terms(value)))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        lang = self.lang
        analyse = term if self.stemmed else word_form
        words = (
            ((value, 0, len(value)),)
            if not tokenize
            else ((m.group(), m.start(), m.end()) for m in self.expression.finditer(value))
        )
        for pos, (word, start, end) in enumerate(words, start_pos):
            token.text, lead, trail = analyse(word, lang)
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start + lead
                token.endchar = start_char + end - trail
            yield token


ANALYZERS: dict[str, LanguageAnalyzer] = {lang: LanguageAnalyzer(lang) for lang in LANGUAGES}
WORD_ANALYZERS: dict[str, LanguageAnalyzer] = {
    lang: LanguageAnalyzer(lang, stemmed=False) for lang in LANGUAGES
}


def single_term(lang: str, word: str) -> str | None:
    """The one term ``word`` is indexed as in ``lang``; None if it makes none or several
    (did-you-mean corrects single words only)."""
    terms = [token.text for token in ANALYZERS[lang](word)]
    return terms[0] if len(terms) == 1 else None


STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(fold(word) for word in stopwords_for_language(lang)) for lang in LANGUAGES
}
# The same, as the analyzer indexes them (stemmed).
STOP_TERMS: dict[str, frozenset[str]] = {
    lang: frozenset(term(word, lang)[0] for word in stopwords_for_language(lang))
    for lang in LANGUAGES
}


def common_gram(first: str, second: str) -> str:
    """The term of two neighbouring terms in ``CommonGrams``' field."""
    return f"{first} {second}"


class CommonGrams(Tokenizer):
    """Each pair of neighbouring words one of which is a stop word ("des data", "à tous"),
    at the position of the first.

    A quoted phrase's stop words are then checked on these short lists, not on the lists
    of the stop words themselves, which hold nearly every document: "des data centers
    accessibles à tous" reads "des data", "accessibles à" and "à tous" (and the other
    words), never "des" or "à". Lucene's CommonGramsFilter, for Whoosh.
    """

    def __init__(self, words: LanguageAnalyzer) -> None:
        self.words = words
        self.stops = STOP_TERMS[words.lang]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CommonGrams) and other.words == self.words

    def __hash__(self) -> int:
        return hash(("grams", self.words.lang))

    def __call__(
        self, value: str, positions: bool = False, mode: str = "", **kwargs: object
    ) -> Iterator[Token]:
        token = Token(positions, False, mode=mode)
        for gram, pos in self.grams(value):
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            token.pos = pos
            yield token

    def grams(self, value: str) -> list[tuple[str, int]]:
        """Each common gram of ``value`` with its position (its first word's)."""
        stops, terms = self.stops, self.words.terms(value)
        return [
            (common_gram(previous, text), pos)
            for pos, (previous, text) in enumerate(pairwise(terms))
            if previous in stops or text in stops
        ]

    def positions(self, value: str) -> dict[str, list[int]]:
        """Each common gram of ``value`` with its positions."""
        return term_positions((pos, gram) for gram, pos in self.grams(value))


def term_positions(terms: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """(position, term) pairs as each term's positions, terms in order of first use."""
    positions: dict[str, list[int]] = {}
    for pos, text in terms:
        if (seen := positions.get(text)) is None:
            positions[text] = [pos]
        else:
            seen.append(pos)
    return positions


def is_stopword(word: str, lang: str) -> bool:
    return fold(word.lower()) in STOPWORDS[lang]


def word_terms(text: str, lang: str) -> list[str]:
    """The terms ``text`` is searched as: one per word, folded and stemmed, stop words kept."""
    return [token.text for token in ANALYZERS[lang](text)]


def prefix_terms(text: str, lang: str) -> tuple[list[str], str]:
    """What ``text*`` searches: the terms of its words but the last, and the last word as
    the beginning of words, folded and lowercased but not stemmed (a stem is not a
    beginning: "portai" would become "port"). An elision or a possessive goes
    ("l’ét*" -> "et")."""
    words = list(re.finditer(WORD, text))
    if not words:
        return [], ""
    return word_terms(text[: words[-1].start()], lang), word_form(words[-1].group(), lang)[0]


def match_spans(
    text: str,
    lang: str,
    terms: Collection[str],
    phrases: Iterable[Sequence[str]] = (),
    prefixes: Collection[str] = (),
) -> list[tuple[int, int]]:
    """Where in ``text`` the words whose analyzed form is in ``terms`` are, each whole
    occurrence of the analyzed ``phrases``, and each word that begins with one of
    ``prefixes`` as written, accents and capitals aside ("portai" marks "Portails", never
    "portée")."""
    tokens = [
        (token.text, token.startchar, token.endchar)
        for token in ANALYZERS[lang](text, positions=True, chars=True, mode="index")
    ]
    spans = [
        (start, end)
        for word, start, end in tokens
        if word in terms or (prefixes and fold(text[start:end].lower()).startswith(tuple(prefixes)))
    ]
    words = [word for word, _, _ in tokens]
    for phrase in phrases:
        size = len(phrase)
        spans.extend(
            (tokens[i][1], tokens[i + size - 1][2])
            for i in range(len(tokens) - size + 1)
            if size and words[i : i + size] == list(phrase)
        )
    return list(_merged(spans))


def highlight(
    text: str,
    lang: str,
    terms: Collection[str],
    phrases: Iterable[Sequence[str]] = (),
    prefixes: Collection[str] = (),
) -> str:
    """``text`` HTML-escaped, with ``<mark>`` around each of its ``match_spans``."""
    parts, position = [], 0
    for start, end in match_spans(text, lang, terms, phrases, prefixes):
        parts += [html.escape(text[position:start]), "<mark>", html.escape(text[start:end])]
        parts.append("</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def _merged(spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    current: tuple[int, int] | None = None
    for start, end in sorted(spans):
        if current and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current:
            yield current
        current = (start, end)
    if current:
        yield current
