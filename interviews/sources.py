"""Raw files as an editor hands them over: read once, decoded, kept verbatim.

A text file is kept as it was written, in whichever common encoding it came; a Word or
OpenDocument file, which a text field cannot hold, as the page of its paragraphs that
``interviews.office`` writes (naming the file and the SHA-256 of its bytes).
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .importing.hygiene import EXCERPT_LENGTH, one_line
from .office import OfficeError, office_page, office_type

# Word 97–2003 and other pre-2007 Office files: a format of its own, read by no library here.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
HTML_MARKERS = ("<html", "<!doctype html", "<body", "<article", "<p>", "<div")


class SourceError(Exception):
    """A raw file that cannot be used; the message is one line naming file and problem."""


@dataclass(frozen=True)
class RawSource:
    lang: str
    filename: str
    content: str

    @property
    def content_type(self) -> str:
        head = self.content[:2000].lower()
        return "text/html" if any(marker in head for marker in HTML_MARKERS) else "text/plain"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()


def check_size(size: int, *, lang: str, filename: str) -> None:
    """Raises SourceError when ``size`` bytes are more than an import may read
    (``IMPORT_MAX_SOURCE_BYTES``): checked before the text is read or parsed."""
    limit = settings.IMPORT_MAX_SOURCE_BYTES
    if size > limit:
        raise SourceError(
            _("%(lang)s: %(filename)s has %(size)s bytes; a text may have at most %(limit)s.")
            % {
                "lang": lang,
                "filename": filename,
                "size": number_format(size, force_grouping=True),
                "limit": number_format(limit, force_grouping=True),
            }
        )


def decode_source(data: bytes, *, lang: str, filename: str) -> RawSource:
    """The file ``data`` as received (a text in a common encoding, a Word or OpenDocument
    text); SourceError when it is none of these, or too large."""
    check_size(len(data), lang=lang, filename=filename)
    if not data.strip():
        raise SourceError(_("%(lang)s: %(filename)s is empty.") % _names(lang, filename))
    if data.startswith(OLE_MAGIC):
        raise SourceError(
            _(
                "%(lang)s: %(filename)s is an older Word (.doc) or Office file: open it and "
                "save it as .docx or .odt."
            )
            % _names(lang, filename)
        )
    mime_type = office_type(data, filename)
    if mime_type is None:
        return carried_source(_decode_text(data, lang=lang, filename=filename), lang, filename)
    try:
        page = office_page(data, filename=filename, mime_type=mime_type)
    except OfficeError:
        raise SourceError(
            _(
                "%(lang)s: %(filename)s cannot be read as a Word or OpenDocument text: the file "
                "is damaged or of another kind. Open it and save it again as .docx or .odt."
            )
            % _names(lang, filename)
        ) from None
    return carried_source(page, lang, filename)


def carried_source(text: str, lang: str, filename: str) -> RawSource:
    """A source whose text was decoded before (the preview form carries it as UTF-8)."""
    check_size(len(text.encode("utf-8")), lang=lang, filename=filename)
    if "\x00" in text:
        raise SourceError(
            _("%(lang)s: %(filename)s is a binary file, not a text.") % _names(lang, filename)
        )
    return RawSource(lang=lang, filename=filename, content=text)


# Byte order marks, the longest first (UTF-32's little-endian one begins with UTF-16's):
# the codec, and the name a message gives.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _decode_text(data: bytes, *, lang: str, filename: str) -> str:
    """``data`` decoded: by its byte order mark; else as UTF-8, which legacy 8-bit text
    practically never passes for; else as Windows-1252, which is Latin-1 with letters (’ œ €
    …) where Latin-1 has control codes; else as Latin-1, which decodes any byte.

    A guessing detector was tried and left out: charset-normalizer reads a short French text
    in Windows-1252 as Central European (cp1250), and restricted to the Western code pages it
    comes down to this rule.
    """
    for bom, codec, name in BOMS:
        if not data.startswith(bom):
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError as error:
            names = {**_names(lang, filename), "encoding": name}
            if passage := _readable_before(data[: error.start].decode(codec, "replace")):
                message = _(
                    "%(lang)s: %(filename)s is not %(encoding)s text as it says: "
                    "it cannot be read after “%(passage)s”."
                )
                raise SourceError(message % {**names, "passage": passage}) from None
            message = _(
                "%(lang)s: %(filename)s is not %(encoding)s text as it says: "
                "it cannot be read from its start."
            )
            raise SourceError(message % names) from None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _readable_before(text: str) -> str:
    """The end of the last line of ``text`` that holds words: what an editor looks for to
    find where a file stops being readable (a line number means little in a pasted text)."""
    line = one_line(next((line for line in reversed(text.splitlines()) if line.strip()), ""))
    if len(line) <= EXCERPT_LENGTH:
        return line
    return "…" + line[-EXCERPT_LENGTH:].split(" ", 1)[-1]


def _names(lang: str, filename: str) -> dict[str, str]:
    return {"lang": lang, "filename": filename}


def read_source(path: str | Path, *, lang: str) -> RawSource:
    path = Path(path)
    try:
        with path.open("rb") as file:
            check_size(os.fstat(file.fileno()).st_size, lang=lang, filename=path.name)
            # A pipe or a growing file has no size to check beforehand: read one byte more
            # than the limit, enough for decode_source to refuse it.
            data = file.read(settings.IMPORT_MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise SourceError(
            _("%(lang)s: no such file: %(filename)s.") % _names(lang, str(path))
        ) from None
    except IsADirectoryError:
        raise SourceError(
            _("%(lang)s: %(filename)s is a folder, not a file.") % _names(lang, str(path))
        ) from None
    except OSError as error:
        raise SourceError(
            _("%(lang)s: %(filename)s cannot be read: %(reason)s.")
            % {**_names(lang, str(path)), "reason": error.strerror}
        ) from None
    return decode_source(data, lang=lang, filename=path.name)
