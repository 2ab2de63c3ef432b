"""What a translation carries over from its original unchanged, or nearly: numbers, months,
proper names, quoted titles, web addresses and cognates. Each is read from a text as an
*anchor*: a key that compares across the two languages, and the text as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final, Literal

Kind = Literal["numbers", "dates", "names", "titles", "links", "cognates"]
KINDS: Final[tuple[Kind, ...]] = ("numbers", "dates", "names", "titles", "links", "cognates")


@dataclass(frozen=True)
class Anchor:
    kind: Kind
    key: str
    text: str


# Thousands grouped by spaces (French, with ordinary, non-breaking or narrow non-breaking
# spaces), by commas (English) or by dots; a decimal part after a comma or a dot.
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:(?:[ \u00a0\u202f]|,|\.)\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
)
_GROUP_SEPARATORS = {"fr": " \u00a0\u202f.", "en": ","}
_DECIMAL_MARK = {"fr": ",", "en": "."}
# Integers under ten are as often written in words as in digits: they prove nothing.
_SMALLEST_NUMBER = 10

# Each month's spellings, folded, in the order of the months.
_MONTHS = {
    "fr": "janvier janv|fevrier fevr|mars|avril avr|mai|juin|juillet juil|aout|septembre sept"
    "|octobre oct|novembre nov|decembre dec",
    "en": "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
    "|september sept sep|october oct|november nov|december dec",
}
_MONTH_NUMBERS = {
    lang: {
        word: number for number, words in enumerate(months.split("|"), 1) for word in words.split()
    }
    for lang, months in _MONTHS.items()
}
# Month words that are also common words ("may", "march", French "sept" for seven) count
# only next to a number; English months are always capitalised.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "sep", "sept", "dec"})

_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"\bhttps?://([\w.-]+)[^\s<>»”\"']*|\bwww\.([\w.-]+\w)", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Short quotations in guillemets or curly or straight double quotes: titles, slogans.
_QUOTED = re.compile(r"«\s*([^«»]{2,120}?)\s*»|“([^“”]{2,120}?)”|\"([^\"]{2,120}?)\"")
# After these, a capital starts a sentence rather than a name.
_SENTENCE_OPENERS = frozenset('.!?…:;«“"—–-(')
# Capitalised words that are not names: pronouns, titles of address, days of the week.
# fmt: off
_NOT_NAMES = frozenset([
    "i", "mr", "mrs", "ms", "dr", "mme", "mlle", "me",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
])
# fmt: on
# Long enough for a shared consonant skeleton to mean a shared origin rather than chance.
_COGNATE_LETTERS = 7
_SKELETON_KEY = 4
_PREFIX_LETTERS = 5
_VOWELS = frozenset("aeiouy")
_SOUNDS_ALIKE = str.maketrans({"c": "k", "q": "k", "z": "s", "w": "f", "v": "f"})


def fold(text: str) -> str:
    """``text`` without accents or case: "Économie" -> "economie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


def skeleton(word: str) -> str:
    """The consonants of a folded word, its first letter kept and doubles single, with
    letters that sound alike merged: "gouvernement" and "government" both give "gvrnmnt"."""
    word = word.replace("ph", "f").replace("qu", "k").translate(_SOUNDS_ALIKE)
    letters = word[:1] + "".join(char for char in word[1:] if char not in _VOWELS)
    return re.sub(r"(.)\1+", r"\1", letters)


def anchors(text: str, *, lang: str, names: Iterable[str] = ()) -> Iterator[Anchor]:
    """Every anchor of ``text``, written in ``lang``, in order of kind.

    ``names`` are names known from the article's metadata (interviewees, outlet): each of
    their words found in the text is a name wherever it stands, even opening a sentence.
    """
    yield from _numbers(text, lang)
    yield from _months(text, lang)
    known = {fold(word) for name in names for word in _WORD.findall(name) if len(word) > 1}
    found_names: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group()
        key = fold(word)
        if key in found_names or key in _NOT_NAMES or len(word) < 2:
            continue
        capitalised = word[0].isupper() and not _opens_sentence(text, match.start())
        if key in known or (capitalised and not _is_month(word, lang)):
            found_names.add(key)
            yield Anchor("names", key, word)
    for match in _QUOTED.finditer(text):
        quoted = next(group for group in match.groups() if group)
        yield Anchor("titles", fold(quoted), quoted)
    for match in _URL.finditer(text):
        host = fold(match.group(1) or match.group(2)).removeprefix("www.")
        yield Anchor("links", host, match.group())
    for match in _EMAIL.finditer(text):
        yield Anchor("links", fold(match.group()), match.group())
    for match in _WORD.finditer(text):
        word = fold(match.group())
        if len(word) >= _COGNATE_LETTERS and word not in found_names:
            yield Anchor("cognates", word, match.group())


def _numbers(text: str, lang: str) -> Iterator[Anchor]:
    for match in _NUMBER.finditer(text):
        value = _number_value(match.group(), lang)
        if value is not None and (value >= _SMALLEST_NUMBER or value != value.to_integral()):
            yield Anchor("numbers", f"{value.normalize():f}", match.group())


def _number_value(written: str, lang: str) -> Decimal | None:
    """The value of a number as ``lang`` writes it: "1 000,5" in French is "1,000.5" in
    English. A separator that could be either is read as the language reads it."""
    separators = _GROUP_SEPARATORS.get(lang, "")
    digits = "".join(char for char in written if char not in separators)
    try:
        return Decimal(digits.replace(_DECIMAL_MARK.get(lang, "."), ".").replace(",", "."))
    except InvalidOperation:
        return None


def _months(text: str, lang: str) -> Iterator[Anchor]:
    for match in _WORD.finditer(text):
        word = match.group()
        if not _is_month(word, lang):
            continue
        if fold(word) in _AMBIGUOUS_MONTHS and not _near_a_number(text, match):
            continue
        yield Anchor("dates", f"month {_MONTH_NUMBERS[lang][fold(word)]}", word)


def _is_month(word: str, lang: str) -> bool:
    capitalised_enough = lang != "en" or word[0].isupper()
    return capitalised_enough and fold(word) in _MONTH_NUMBERS.get(lang, {})


def _near_a_number(text: str, match: re.Match[str]) -> bool:
    around = text[max(0, match.start() - 4) : match.end() + 6]
    return any(char.isdigit() for char in around)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \u00a0\u202f\t\n'’")
    return not before or before[-1] in _SENTENCE_OPENERS


def cognate_keys(word: str) -> frozenset[str]:
    """What a folded word shares with its cognates: its first letters ("publier",
    "published") or the beginning of its consonant skeleton ("gouvernement", "government").
    Endings are where the languages differ, so they are left out."""
    keys = {f"letters {word[:_PREFIX_LETTERS]}"} if len(word) >= _PREFIX_LETTERS else set()
    consonants = skeleton(word)
    if len(consonants) >= _SKELETON_KEY:
        keys.add(f"skeleton {consonants[:_SKELETON_KEY]}")
    return frozenset(keys)
