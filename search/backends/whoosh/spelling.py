"""What a misspelt word is corrected to: each language's indexed terms, kept up to date
segment by segment rather than read whole for each state of the index.

A segment's terms never change once written, so a save (a new small segment) adds its
terms, and a merge takes those of the merged segments back out: the vocabulary of a
realistic 10k index (seconds to read) is read once per process, as its workers start
(``WhooshBackend.warm``), never again in a request.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...analysis import LANGUAGES
from ...spelling import Vocabulary
from .internals import field_terms
from .segments import Segment

# The fields a language's words are indexed in (the text, then the titles and names).
FIELDS = {lang: (f"text_{lang}", f"meta_{lang}") for lang in LANGUAGES}
# Between two terms of ``SegmentTerms.words``: no analyzer's term holds it.
_SEPARATOR = "\0"


@dataclass(frozen=True)
class SegmentTerms:
    """One segment's terms of one language, and how many of its documents have each,
    held compactly (a few bytes a term): they are read back only to take them out of the
    vocabulary when the segment leaves the index."""

    words: str
    frequencies: array[int]

    @classmethod
    def read(cls, segment: Segment, lang: str) -> SegmentTerms:
        pairs = [pair for name in FIELDS[lang] for pair in field_terms(segment.reader, name)]
        return cls(
            _SEPARATOR.join(term.decode() for term, _ in pairs),
            array("I", (frequency for _, frequency in pairs)),
        )

    def items(self) -> Iterator[tuple[str, int]]:
        if not self.words:
            return iter(())
        return zip(self.words.split(_SEPARATOR), self.frequencies, strict=True)


class Spelling:
    """The vocabulary of each language over the segments it was last brought up to."""

    def __init__(self) -> None:
        self._held: dict[str, dict[str, SegmentTerms]] = {}
        self._vocabularies = {lang: Vocabulary() for lang in LANGUAGES}

    def vocabulary(self, segments: Iterable[Segment], lang: str) -> Vocabulary:
        self.update(segments)
        return self._vocabularies[lang]

    def update(self, segments: Iterable[Segment]) -> None:
        """Bring every language's vocabulary to exactly these segments' terms."""
        current = {segment.id: segment for segment in segments}
        gone = self._held.keys() - current.keys()
        if gone and gone == self._held.keys():
            # A new generation (a rebuild): nothing of the old one stays.
            self._held.clear()
            self._vocabularies = {lang: Vocabulary() for lang in LANGUAGES}
        for segment_id in gone & self._held.keys():
            for lang, terms in self._held.pop(segment_id).items():
                self._vocabularies[lang].remove(terms.items())
        for segment_id, segment in current.items():
            if segment_id not in self._held:
                held = {lang: SegmentTerms.read(segment, lang) for lang in LANGUAGES}
                for lang, terms in held.items():
                    self._vocabularies[lang].add(terms.items())
                self._held[segment_id] = held
