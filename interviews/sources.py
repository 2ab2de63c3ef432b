"""Raw files as an editor hands them over: read once, decoded strictly, kept verbatim."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

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


def decode_source(data: bytes, *, lang: str, filename: str) -> RawSource:
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
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{lang}: no such file: {path}") from None
    except IsADirectoryError:
        raise SourceError(f"{lang}: {path} is a directory, not a file") from None
    except OSError as error:
        raise SourceError(f"{lang}: cannot read {path}: {error.strerror}") from None
    return decode_source(data, lang=lang, filename=path.name)
