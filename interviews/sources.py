"""Raw files as an editor hands them over: read once, decoded strictly, kept verbatim."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

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
    check_size(len(data), lang=lang, filename=filename)
    if not data.strip():
        raise SourceError(f"{lang}: {filename} is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{lang}: {filename} is not UTF-8 text (byte 0x{data[error.start]:02x} "
            f"at offset {error.start})"
        ) from None
    if "\x00" in text:
        raise SourceError(f"{lang}: {filename} is a binary file, not text")
    return RawSource(lang=lang, filename=filename, content=text)


def read_source(path: str | Path, *, lang: str) -> RawSource:
    path = Path(path)
    try:
        with path.open("rb") as file:
            check_size(os.fstat(file.fileno()).st_size, lang=lang, filename=path.name)
            # A pipe or a growing file has no size to check beforehand: read one byte more
            # than the limit, enough for decode_source to refuse it.
            data = file.read(settings.IMPORT_MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise SourceError(f"{lang}: no such file: {path}") from None
    except IsADirectoryError:
        raise SourceError(f"{lang}: {path} is a directory, not a file") from None
    except OSError as error:
        raise SourceError(f"{lang}: cannot read {path}: {error.strerror}") from None
    return decode_source(data, lang=lang, filename=path.name)
