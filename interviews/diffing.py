"""Word-level differences between two texts, as escaped HTML marked with <del> and <ins>."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Words, runs of white space and single punctuation marks: joined back, they give the text.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class _Chunk:
    before: str
    after: str
    same: bool


def _chunks(before: str, after: str) -> list[_Chunk]:
    """Unchanged and changed stretches; a change of several words reads as one change."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    chunks = [
        _Chunk("".join(old[i1:i2]), "".join(new[j1:j2]), tag == "equal")
        for tag, i1, i2, j1, j2 in opcodes
    ]
    merged: list[_Chunk] = []
    for index, chunk in enumerate(chunks):
        # Opcodes alternate: a space left alone between two changes joins them.
        inner_space = chunk.same and chunk.before.isspace() and 0 < index < len(chunks) - 1
        if merged and not merged[-1].same and (inner_space or not chunk.same):
            last = merged[-1]
            merged[-1] = _Chunk(last.before + chunk.before, last.after + chunk.after, False)
        else:
            merged.append(chunk)
    return merged


def _elided(text: str, *, keep_head: bool, keep_tail: bool, words: int) -> str:
    """An unchanged stretch cut down to the ``words`` next to the changes around it."""
    tokens = _TOKEN.findall(text)
    keep = 2 * words  # a word and the space after it
    if not (keep_head or keep_tail) or len(tokens) <= 2 * keep:
        return text
    head = "".join(tokens[:keep]).rstrip() + " …" if keep_head else "…"
    tail = " " + "".join(tokens[-keep:]).lstrip() if keep_tail else ""
    return head + tail


def word_diff(before: str, after: str, *, context: int | None = 12) -> SafeString:
    """``after`` compared with ``before``: removed words in <del>, added ones in <ins>.

    Unchanged text is cut down to ``context`` words around each change (None: all of it).
    Every piece of text is escaped; only the <del> and <ins> tags are markup.
    """
    chunks = _chunks(before or "", after or "")
    parts: list[str] = []
    for index, chunk in enumerate(chunks):
        if chunk.same:
            text = chunk.before
            if context is not None:
                text = _elided(
                    text, keep_head=index > 0, keep_tail=index < len(chunks) - 1, words=context
                )
            parts.append(escape(text))
            continue
        if chunk.before:
            parts.append(f"<del>{escape(chunk.before)}</del>")
        if chunk.after:
            parts.append(f"<ins>{escape(chunk.after)}</ins>")
    return mark_safe("".join(parts))  # every text part above is escaped
