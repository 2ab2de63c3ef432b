"""A passage's text as HTML: escaped, its sentences in spans, search matches in ``<mark>``.

Works on positions in the plain text, so the text is escaped once, here, whatever is laid
over it: sentences (which may be emphasised) and matches, which may run across sentences.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Span = tuple[int, int]


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int
    group: str = ""  # sentences of every language in one group translate each other
    emphasised: bool = False


def passage_html(
    text: str, *, sentences: Iterable[SentenceSpan] = (), marks: Iterable[Span] = ()
) -> SafeString:
    """``text`` escaped, each sentence in a ``<span class="s">`` (focusable when it has a
    group, so its counterpart can be shown from the keyboard too) and each match in
    ``<mark>``, closed and reopened where it crosses a sentence's edge."""
    sentences = sorted(sentences, key=lambda s: s.start)
    marks = sorted(marks)
    cuts = sorted(
        {0, len(text)}
        | {edge for s in sentences for edge in (s.start, s.end)}
        | {edge for m in marks for edge in m}
    )
    html: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece: str = escape(text[start:end])
        if any(m[0] <= start and end <= m[1] for m in marks):
            piece = f"<mark>{piece}</mark>"
        sentence = next((s for s in sentences if s.start <= start and end <= s.end), None)
        if sentence and sentence.start == start:
            html.append(_open(sentence))
        html.append(piece)
        if sentence and sentence.end == end:
            html.append("</span>")
    return mark_safe("".join(html))


def _open(sentence: SentenceSpan) -> str:
    classes = "s s--aligned" if sentence.emphasised else "s"
    if not sentence.group:
        return f'<span class="{classes}">'
    return f'<span class="{classes}" data-group="{escape(sentence.group)}" tabindex="0">'
