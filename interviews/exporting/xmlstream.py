"""XML written element by element and handed out as text, for the streaming exports.

A thin layer over ``xml.sax.saxutils.XMLGenerator`` (which escapes text and attribute
values): elements open and close in ``with`` blocks, and ``drain()`` returns what was
written since the last call, so a writer yields one chunk per interview.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING
from xml.sax.saxutils import XMLGenerator

if TYPE_CHECKING:
    from xml.sax.xmlreader import AttributesImpl

# Characters XML 1.0 cannot carry at all, even escaped; the generator would write them as
# they are and make the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Attributes = Mapping[str, str | int | None]


class XmlStream:
    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._xml = XMLGenerator(self._buffer, encoding="utf-8", short_empty_elements=True)
        self._xml.startDocument()

    @contextmanager
    def element(self, name: str, attrs: Attributes | None = None) -> Iterator[None]:
        """An element whose content is written inside the block, as it is (mixed content)."""
        self._xml.startElement(name, _attributes(attrs))
        yield
        self._xml.endElement(name)

    @contextmanager
    def block(self, name: str, attrs: Attributes | None = None) -> Iterator[None]:
        """An element of elements: each on its own line, for whoever reads the file."""
        self._xml.startElement(name, _attributes(attrs))
        self._xml.ignorableWhitespace("\n")  # also closes the start tag
        yield
        self._xml.endElement(name)
        self.newline()

    def leaf(self, name: str, text: str = "", attrs: Attributes | None = None) -> None:
        """An element holding only ``text`` (empty: ``<name/>``), on its own line."""
        # Not through element(): leaves are most of a file, and a context manager costs
        # a third of the time of writing one.
        self._xml.startElement(name, _attributes(attrs))
        self.text(text)
        self._xml.endElement(name)
        self.newline()

    def newline(self) -> None:
        """A line break after an element (the generator writes into ``_buffer``)."""
        self._buffer.write("\n")

    def text(self, text: str) -> None:
        self._xml.characters(_NOT_XML.sub("", text))

    def drain(self) -> str:
        """What was written since the last call."""
        written = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return written


def _attributes(attrs: Attributes | None) -> AttributesImpl[str]:
    """Attributes with a value, as text; ``None`` and ``""`` leave an attribute out.
    Attributes hold names, codes and dates: text read from people goes in elements."""
    # The generator only reads their items(): a dict does that, without wrapping each
    # element's attributes in the AttributesImpl that typeshed asks for (10 % of a leaf).
    return {  # type: ignore[return-value]
        name: str(value)
        for name, value in (attrs or {}).items()
        if value is not None and value != ""
    }
