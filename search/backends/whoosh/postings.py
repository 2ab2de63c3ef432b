"""The archive's text fields, whose postings are made straight from the analyzer's terms.

Whoosh makes a field's postings (``FieldType.index``) from a stream of tokens, one Python
object updated per word and filtered by a generator chain, then groups them by term in its
format's ``word_values``: the largest part of a rebuild's time on real text. These fields
ask the archive's analyzers for each term's positions at once (``positions()``: a list of
terms made by one comprehension) and encode them as Whoosh's formats do, byte for byte, so
an index written either way is the same (``tests/search_engine/test_whoosh_postings.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from whoosh import fields, formats
from whoosh.system import pack_uint

Posting = tuple[bytes, int, float, bytes]


class TermPositions(Protocol):
    """An analyzer that also gives each term of a text with its positions."""

    def positions(self, value: str) -> dict[str, list[int]]: ...


class _FromPositions(fields.FieldType):
    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        """(term, frequency, weight, encoded value) for each term of ``value``, as Whoosh's
        ``index`` gives them; Whoosh's own way for options and sequences of words."""
        format_ = self.format
        if kwargs or not isinstance(value, str) or type(format_) not in _FORMATS:
            return super().index(value, **kwargs)  # type: ignore[no-any-return]
        boost = format_.field_boost
        terms = self.analyzer.positions(value).items()
        if type(format_) is formats.Positions:
            encode, once = format_.encode, _ONE_POSITION
            return (
                (
                    t.encode(),
                    len(p),
                    len(p) * boost,
                    once[p[0]] if len(p) == 1 and p[0] < _ONCE_KEPT else encode(p),
                )
                for t, p in terms
            )
        return ((t.encode(), len(p), len(p) * boost, pack_uint(len(p))) for t, p in terms)


_FORMATS = (formats.Positions, formats.Frequency)

# Most words occur once in a passage: their positions' encoding (a pickle) made once each.
_ONCE_KEPT = 4096
_ONE_POSITION = [formats.Positions().encode([position]) for position in range(_ONCE_KEPT)]


class Text(_FromPositions, fields.TEXT):
    """``fields.TEXT`` on an analyzer with ``positions()``."""


class Grams(_FromPositions):
    """A field of common grams (``search.analysis.CommonGrams``): positions, not scored."""

    def __init__(self, analyzer: TermPositions) -> None:
        super().__init__(formats.Positions(), analyzer, scorable=False)
