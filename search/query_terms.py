"""A parsed query (``search.syntax``) in one language's terms: which of its words an
engine searches, and what a highlight marks in a text of that language.

The Whoosh backend compiles and highlights its hits with these; the search page marks
the query's words in the translation beside each hit with them, whatever the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import is_stopword, prefix_terms, word_terms
from .syntax import All, Any, Node, Not, Phrase, Word


@dataclass(frozen=True)
class Marks:
    """What to mark: analyzed terms, analyzed phrases (as wholes) and word beginnings."""

    terms: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: frozenset[str] = frozenset()


def searched(node: All, lang: str) -> tuple[Node, ...]:
    """The children of ``node`` searched in ``lang``: outside quotes, stop words are
    optional ("accessibles à tous" needs no "à"), unless nothing else is left to find."""
    kept = tuple(
        child
        for child in node.children
        if not (isinstance(child, Word) and not child.prefix and is_stopword(child.text, lang))
    )
    return kept if any(not isinstance(child, Not) for child in kept) else node.children


def phrase_terms(node: Word | Phrase, lang: str) -> list[str]:
    """The terms of a word that is not a prefix, or of a phrase, in order."""
    return word_terms(node.text if isinstance(node, Word) else " ".join(node.words), lang)


def query_marks(node: Node, lang: str) -> Marks:
    """The words ``node`` looks for, analyzed for ``lang``; what it leaves out is not marked."""
    terms: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: set[str] = set()

    def walk(node: Node) -> None:
        if isinstance(node, Word) and node.prefix:
            before, prefix = prefix_terms(node.text, lang)
            terms.update(before)
            if prefix:
                prefixes.add(prefix)
        elif isinstance(node, Word | Phrase):
            found = phrase_terms(node, lang)
            if len(found) == 1:
                terms.update(found)
            elif found:
                phrases.append(tuple(found))
        elif isinstance(node, All):
            for child in searched(node, lang):
                walk(child)
        elif isinstance(node, Any):
            for child in node.children:
                walk(child)

    walk(node)
    return Marks(frozenset(terms), tuple(phrases), frozenset(prefixes))
