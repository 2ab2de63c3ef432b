"""Sentences inside an aligned paragraph, and which sentences translate which.

Pure functions of the two texts, so a sentence alignment is never stored and never stale:
an edit of either side changes the texts, and the next call aligns the new ones. Both
steps are cached on the texts themselves.

- Splitting: ``sentence_splitter`` (the Moses/Europarl splitter by Koehn and Schroeder),
  which knows each language's non-breaking prefixes (M., Mme, Dr, U.S., etc.) and ends a
  sentence inside « … » or “ … ”. Two additions for French press text: abbreviated months
  ("le 8 nov. 2022") and the ellipsis character "…", which Moses only knows as "...".
- Aligning: Gale & Church (1993) by character length, through NLTK's implementation
  (``nltk.translate.gale_church``): beads of 1–1, 1–2, 2–1, 1–0, 0–1 (and 2–2) sentences.
"""

from __future__ import annotations

import functools
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .languages import LANGS

# What the splitter reads instead of the text, character for character so that positions
# are kept. French typography puts a non-breaking space inside « » and before ; : ! ?: the
# splitter only knows the ordinary space. Moses ends a sentence at "..." before a capital
# but does not know "…"; "!" follows the same rule.
_FOR_SPLITTER = str.maketrans(
    {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\n": " ", "\t": " ", "…": "!"}
)
_WHITESPACE = re.compile(r"\s")
# Abbreviations missing from the Moses lists, with its own NUMERIC_ONLY meaning: the
# sentence goes on before a number ("le 8 nov. 2022"), not before a capital.
_NUMERIC_ONLY_PREFIXES = {
    "fr": ("janv", "févr", "fév", "avr", "juil", "juill", "sept", "oct", "nov", "déc"),
}


@dataclass(frozen=True)
class Sentence:
    """``text`` is ``paragraph[start:end]``, exactly (typography included)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Bead:
    """Sentences of each language that translate each other: indices into ``sentences``."""

    indices: dict[str, tuple[int, ...]]

    def kind(self) -> str:
        """ "1-1", "2-1", "1-0"…, in the order of ``LANGS``."""
        return "-".join(str(len(self.indices[lang])) for lang in LANGS)


@dataclass(frozen=True)
class AlignedSentences:
    sentences: dict[str, tuple[Sentence, ...]]
    beads: tuple[Bead, ...]

    def bead_of(self, lang: str, index: int) -> int:
        """The number of the bead holding sentence ``index`` of ``lang``."""
        for number, bead in enumerate(self.beads):
            if index in bead.indices[lang]:
                return number
        raise IndexError(f"no sentence {index} in {lang}")

    def text(self, bead: Bead, lang: str) -> str:
        """The sentences of ``bead`` in ``lang``, as one text."""
        return " ".join(self.sentences[lang][i].text for i in bead.indices[lang])


@functools.cache
def _splitter(lang: str):
    import sentence_splitter
    from sentence_splitter import SentenceSplitter

    extra = _NUMERIC_ONLY_PREFIXES.get(lang, ())
    if not extra:
        return SentenceSplitter(language=lang)
    # The splitter reads one prefix file: the one it ships for the language (at the path
    # it would compute itself), then ours.
    shipped = Path(sentence_splitter.__file__).with_name("non_breaking_prefixes") / f"{lang}.txt"
    prefixes = shipped.read_text(encoding="utf-8") + "".join(
        f"\n{prefix} #NUMERIC_ONLY#" for prefix in extra
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"{lang}.txt"
        path.write_text(prefixes + "\n", encoding="utf-8")
        return SentenceSplitter(language=lang, non_breaking_prefix_file=str(path))


@functools.lru_cache(maxsize=4096)
def split_sentences(text: str, lang: str) -> tuple[Sentence, ...]:
    """The sentences of ``text`` (in language ``lang``) with their place in it."""
    if not text.strip():
        return ()
    prepared = text.translate(_FOR_SPLITTER)
    pieces = _splitter(lang).split(prepared)
    return tuple(Sentence(text[start:end], start, end) for start, end in _locate(prepared, pieces))


def _locate(text: str, pieces: list[str]):
    """Where each piece the splitter returned lies in ``text``, as (start, end): the
    splitter collapses and strips whitespace but keeps every other character, in order."""
    position = 0
    for piece in pieces:
        visible = _WHITESPACE.sub("", piece)
        if not visible:
            continue
        start = end = None
        for char in visible:
            while _WHITESPACE.match(text[position]):
                position += 1
            if text[position] != char:
                raise ValueError(f"sentence splitter changed the text at {position}")
            start = position if start is None else start
            position += 1
            end = position
        yield start, end


def align_sentences(texts: dict[str, str]) -> AlignedSentences:
    """The sentences of a paragraph and of its translation, in beads that translate each
    other. A side with no text gives 1–0 beads."""
    return _align(*(texts.get(lang) or "" for lang in LANGS))


@functools.lru_cache(maxsize=4096)
def _align(*texts: str) -> AlignedSentences:
    sentences = {lang: split_sentences(text, lang) for lang, text in zip(LANGS, texts, strict=True)}
    first, second = (sentences[lang] for lang in LANGS)
    if first and second:
        from nltk.translate.gale_church import align_blocks

        pairs = align_blocks([_length(s) for s in first], [_length(s) for s in second])
    else:
        pairs = []
    return AlignedSentences(sentences, tuple(_beads(pairs, len(first), len(second))))


def _length(sentence: Sentence) -> int:
    return max(1, len(sentence.text))


def _beads(pairs: list[tuple[int, int]], count_first: int, count_second: int):
    """Groups Gale–Church's sentence pairs into beads, in reading order; a sentence in no
    pair is a bead of its own (1–0 or 0–1), placed where it falls."""
    groups: list[tuple[list[int], list[int]]] = []
    for i, j in sorted(pairs):
        if groups and (i in groups[-1][0] or j in groups[-1][1]):
            first, second = groups[-1]
            first.extend([i] if i not in first else [])
            second.extend([j] if j not in second else [])
        else:
            groups.append(([i], [j]))
    a, b = LANGS
    next_first = next_second = 0
    for first, second in [*groups, ([count_first], [count_second])]:
        yield from (Bead({a: (i,), b: ()}) for i in range(next_first, min(first)))
        yield from (Bead({a: (), b: (j,)}) for j in range(next_second, min(second)))
        if min(first) < count_first:
            yield Bead({a: tuple(first), b: tuple(second)})
        next_first, next_second = max(first) + 1, max(second) + 1
