"""A parsed query (``search.syntax``) as a PostgreSQL ``tsquery`` expression, per language.

A word or phrase becomes its lexemes one after the other, as ``vectors`` makes them (the
archive's own terms, the same as the indexed text's), given as a bound parameter of
``tsquery`` text: user text never reaches the SQL. A prefix stands for the indexed words
beginning with it, and the tree becomes the ``&&``, ``||`` and ``!!`` operators between
the parts. Where a stem of those words is shorter than the prefix, the query matches
through a condition on the row rather than its ``tsquery`` alone (``compile_match``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...analysis import bare_words, is_stopword, stem
from ...syntax import All, Node, Not, Phrase, Word
from .vectors import Lexemes

SINGLE = "%s::tsquery"  # the SQL of a word or phrase's ``tsquery``, its text a parameter


@dataclass
class Compiled:
    """SQL evaluating to a ``tsquery`` (from ``compile_match``: to whether a row ``d``
    matches), and its parameters; a condition ``within`` its ``tsquery`` holds for none
    of the rows that ``tsquery`` does not match (no prefix in it is left out)."""

    sql: str
    params: list[Any] = field(default_factory=list)
    within: bool = True


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


def compile_match(
    node: Node,
    lang: str,
    expand: Callable[[str, str], list[str]],
    written: Callable[[str, str, list[str], list[str]], list[str]],
    shared: Callable[[str, str], set[str]] = lambda prefix, lang: set(),
    lexemes: Lexemes | None = None,
) -> Compiled | None:
    """``node`` as a condition on a row ``d`` that holds where ``d`` matches in ``lang``,
    for a query with a prefix that ``compile_query`` finds too much for; None when it
    finds just what the prefix stands for.

    A prefix stands for the words beginning with it as written, but a vector holds
    stems: the stem of a word that begins with it may be shorter than the prefix, and
    that of other words too ("portait" and "porte": "port", for "portai*"); or words
    that do not begin with it may share it (``shared`` gives the words of the prefix
    whose stem they share: "happiness", for "happi*", is "happi" as "happy" is). The rows
    holding such a stem, and none of the others, are read, and ``written`` gives the keys
    of those holding a word that begins with the prefix (given the prefix, the language,
    and the ``tsquery`` texts of the other stems and of those stems)."""
    lexemes = lexemes or Lexemes()
    column = f"d.vector_{lang}"
    if isinstance(node, Word) and node.prefix:
        words = _words(node, lang)
        if len(words) != 1:  # after other words: the phrase compile_query makes
            return None
        prefix = words[0]
        found, elsewhere = expand(prefix, lang), shared(prefix, lang)
        loose = [
            word for word in found if word in elsewhere or not stem(word, lang).startswith(prefix)
        ]
        if not loose:
            return None
        exact = _lexemes(lexemes, lang, [word for word in found if word not in loose])
        keys = written(prefix, lang, exact, _lexemes(lexemes, lang, loose))
        if not exact:
            return Compiled("d.key = ANY(%s)", [keys])
        return Compiled(f"({column} @@ %s::tsquery OR d.key = ANY(%s))", [" | ".join(exact), keys])
    if isinstance(node, Word | Phrase):
        return None
    children = list(node.children) if not isinstance(node, Not) else [node.child]
    if isinstance(node, All):
        children = _without_stopwords(children, lang)
    parts = [compile_match(child, lang, expand, written, shared, lexemes) for child in children]
    if all(part is None for part in parts):
        return None
    made = [
        part or _matching(column, compile_query(child, lang, expand, lexemes))
        for child, part in zip(children, parts, strict=True)
    ]
    # A part with no word indexed is left out, as a tsquery leaves out an empty one.
    made = [part for part in made if part.params != [""]]
    if isinstance(node, Not):
        return Compiled(f"NOT {made[0].sql}", made[0].params, within=False)
    operator = " AND " if isinstance(node, All) else " OR "
    return Compiled(
        "(" + operator.join(part.sql for part in made) + ")",
        [param for part in made for param in part.params],
        within=all(part.within for part in made),
    )


def _matching(column: str, query: Compiled) -> Compiled:
    """``query`` (a ``tsquery``) as a condition on ``column``."""
    return Compiled(f"{column} @@ {query.sql}", query.params)


def _lexemes(lexemes: Lexemes, lang: str, words: list[str]) -> list[str]:
    """The distinct lexemes of ``words``, as ``tsquery`` text; those not indexed left out."""
    return list(dict.fromkeys(text for word in words if (text := lexemes.phrase(lang, [word]))))


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
