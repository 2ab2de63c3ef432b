"""A matching document as a hit: in the language that matched best, highlighted, beside
its counterpart in the other language. The same for every engine."""

from __future__ import annotations

from ..analysis import LANGUAGES, highlight
from ..documents import SearchDocument, SearchHit
from ..query_terms import Marks


def search_hit(
    document: SearchDocument, scores: dict[str, float], marks: dict[str, Marks]
) -> SearchHit:
    """``scores``: each searched language's score (the highest is shown); ``marks``: what
    to highlight, per searched language."""
    lang = _best_language(scores, document)
    other = next(
        candidate for candidate in (document.original_language, *LANGUAGES) if candidate != lang
    )
    text, highlighted, translation = _passage(document, lang, other, marks[lang])
    return SearchHit(
        key=document.key,
        interview=document.interview,
        exchange_uid=document.exchange_uid,
        exchange=document.exchange,
        part=document.part,
        paragraph=document.paragraph,
        lang=lang,
        text=text,
        highlighted=highlighted,
        translation=translation,
        translation_lang=other,
        score=scores[lang],
        published_on=document.published_on,
        title=document.title,
    )


def _best_language(scores: dict[str, float], document: SearchDocument) -> str:
    """The language that matched best; on a tie, the one the interview was given in."""
    return max(scores, key=lambda lang: (scores[lang], lang == document.original_language))


def _passage(
    document: SearchDocument,
    lang: str,
    other: str,
    marks: Marks,
) -> tuple[str, str, str]:
    """The text to show for a hit, highlighted, and its counterpart in ``other``.

    An interview's own document may match on its standfirst, its title or its names:
    the first of those that holds a match is shown.
    """
    candidates = [document.text]
    if document.part == "meta":
        extra = {language: document.extra_text(language) for language in (lang, other)}
        candidates += [document.title, extra]
    shown = []
    for texts in candidates:
        text = texts.get(lang, "")
        highlighted = highlight(text, lang, marks.terms, marks.phrases, marks.prefixes)
        shown.append((text, highlighted, texts.get(other, "")))
        if "<mark>" in highlighted:
            return shown[-1]
    return next((passage for passage in shown if passage[0]), shown[0])
