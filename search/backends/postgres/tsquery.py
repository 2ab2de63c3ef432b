"""A parsed query (``search.syntax``) as a PostgreSQL ``tsquery`` expression, per language.

A word or phrase becomes its lexemes one after the other, as ``vectors`` makes them (the
archive's own terms, the same as the indexed text's), given as a bound parameter of
``tsquery`` text: user text never reaches the SQL. A prefix stands for the indexed words
beginning with it, and the tree becomes the ``&&``, ``||`` and ``!!`` operators between
the parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...analysis import bare_words, is_stopword
from ...syntax import All, Node, Not, Phrase, Word
from .vectors import Lexemes

SINGLE = "%s::tsquery"  # the SQL of a word or phrase's ``tsquery``, its text a parameter


@dataclass
class Compiled:
    """SQL evaluating to a ``tsquery``, and its parameters."""

    sql: str
    params: list[str] = field(default_factory=list)


def compile_query(
    node: Node,
    lang: str,
    expand: Callable[[str, str], list[str]] = lambda prefix, lang: [],
    lexemes: Lexemes | None = None,
) -> Compiled:
    """``node`` as one ``tsquery`` expression in language ``lang``; ``expand`` gives the
    indexed words (as ``bare_words`` gives them) beginning with a prefix: a prefix is
    the words as written, never a stem."""
    lexemes = lexemes or Lexemes()
    if isinstance(node, Word | Phrase):
        words = _words(node, lang)
        if isinstance(node, Word) and node.prefix and words:
            *before, prefix = words
            alternatives = expand(prefix, lang) or [prefix]
            phrases = list(dict.fromkeys(lexemes.phrase(lang, [*before, w]) for w in alternatives))
            return Compiled("(" + " || ".join(["%s::tsquery"] * len(phrases)) + ")", phrases)
        return Compiled(SINGLE, [lexemes.phrase(lang, words)])
    if isinstance(node, Not):
        inner = compile_query(node.child, lang, expand, lexemes)
        return Compiled(f"!!({inner.sql})", inner.params)
    children = list(node.children)
    if isinstance(node, All):
        children = _without_stopwords(children, lang)
    parts = [compile_query(child, lang, expand, lexemes) for child in children]
    operator = " && " if isinstance(node, All) else " || "
    return Compiled(
        "(" + operator.join(part.sql for part in parts) + ")",
        [param for part in parts for param in part.params],
    )


def _words(node: Word | Phrase, lang: str) -> list[str]:
    return bare_words(node.text if isinstance(node, Word) else " ".join(node.words), lang)


def _without_stopwords(children: list[Node], lang: str) -> list[Node]:
    """Outside quotes, stop words are optional ("accessibles à tous" needs no "à"),
    unless nothing else is left to find."""
    kept = [
        child
        for child in children
        if not (isinstance(child, Word) and not child.prefix and is_stopword(child.text, lang))
    ]
    return kept if any(not isinstance(child, Not) for child in kept) else children
