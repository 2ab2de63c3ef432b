"""A parsed query (``search.syntax``) as a PostgreSQL ``tsquery`` expression, per language.

Words reach PostgreSQL as ``search.analysis`` leaves them before stemming (elisions and
possessives dropped, lowercased, folded: ``bare_words``), the same as the indexed text,
and the language's text search configuration stems them. User text is only ever a bound
parameter: a word or phrase goes through ``phraseto_tsquery`` (its words one after the
other), a prefix through ``to_tsquery`` on lexemes quoted here, and the tree becomes the
``&&``, ``||`` and ``!!`` operators between them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...analysis import bare_words, is_stopword
from ...syntax import All, Node, Not, Phrase, Word


@dataclass
class Compiled:
    """SQL evaluating to a ``tsquery``, and its parameters."""

    sql: str
    params: list[str] = field(default_factory=list)


def config(lang: str) -> str:
    """The text search configuration made for ``lang`` by the migrations."""
    return f"archive_{lang}"


def compile_query(
    node: Node, lang: str, expand: Callable[[str, str], list[str]] = lambda prefix, lang: []
) -> Compiled:
    """``node`` as one ``tsquery`` expression for the ``lang`` configuration; ``expand``
    gives the indexed words (as ``bare_words`` gives them) beginning with a prefix: a
    prefix is the words as written, never a stem."""
    cfg = f"'{config(lang)}'::regconfig"
    if isinstance(node, Word | Phrase):
        words = _words(node, lang)
        if isinstance(node, Word) and node.prefix and words:
            *before, prefix = words
            alternatives = expand(prefix, lang) or [prefix]
            return Compiled(
                "(" + " || ".join([f"phraseto_tsquery({cfg}, %s)"] * len(alternatives)) + ")",
                [" ".join([*before, word]) for word in alternatives],
            )
        return Compiled(f"phraseto_tsquery({cfg}, %s)", [" ".join(words)])
    if isinstance(node, Not):
        inner = compile_query(node.child, lang, expand)
        return Compiled(f"!!({inner.sql})", inner.params)
    children = list(node.children)
    if isinstance(node, All):
        children = _without_stopwords(children, lang)
    parts = [compile_query(child, lang, expand) for child in children]
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
