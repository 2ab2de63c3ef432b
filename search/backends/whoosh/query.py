"""What a user types (read by ``search.syntax``), compiled into Whoosh queries: each word
searched in a language's text and metadata fields, as that language analyses it."""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query

from ... import syntax
from ...analysis import prefix_terms, word_terms
from ...documents import QueryError
from ...query_terms import Marks, phrase_terms, query_marks, searched
from .index import WORDS


class ParsedQuery:
    """A user's query, read once and compiled for each language it is searched in."""

    def __init__(self, text: str, langs: tuple[str, ...]) -> None:
        self.syntax = syntax.parse(text)
        self.by_lang: dict[str, query.Query] = {}
        for lang in langs:
            compiled = compile_node(self.syntax.node, lang)
            if compiled is None:  # only words the analysis finds nothing in
                raise QueryError("nothing_to_search")
            self.by_lang[lang] = compiled.normalize()

    def marks(self, lang: str) -> Marks:
        return query_marks(self.syntax.node, lang)


def compile_node(node: syntax.Node, lang: str) -> query.Query | None:
    """``node`` for Whoosh in ``lang``; None where it has nothing to search."""
    fields = (f"text_{lang}", f"meta_{lang}")
    if isinstance(node, syntax.Word) and node.prefix:
        before, prefix = prefix_terms(node.text, lang)
        if not prefix:
            return None
        beginning = query.Prefix(WORDS[lang], prefix)
        return PrefixPhrase(lang, fields, tuple(before), beginning) if before else beginning
    if isinstance(node, syntax.Word | syntax.Phrase):
        terms = phrase_terms(node, lang)
        return _words(terms, fields) if terms else None
    if isinstance(node, syntax.Not):
        child = compile_node(node.child, lang)
        return None if child is None else query.Not(child)
    children = [
        compiled
        for child in (searched(node, lang) if isinstance(node, syntax.All) else node.children)
        if (compiled := compile_node(child, lang)) is not None
    ]
    if not any(not isinstance(child, query.Not) for child in children):
        return None  # never "everything without x"
    return (query.And if isinstance(node, syntax.All) else query.Or)(children)


@dataclass(frozen=True)
class PrefixPhrase(query.Query):
    """Words and a prefix typed as one ("porte-paro*"): the phrase of the words' terms
    and of each word the prefix stands for, as its term (``phrases``)."""

    lang: str
    fields: tuple[str, ...]
    before: tuple[str, ...]
    prefix: query.Prefix

    def phrases(self, words: list[str]) -> list[query.Query]:
        """The phrases of ``words``, those the prefix stands for, each term once."""
        ends = dict.fromkeys(
            terms[0] for word in words if len(terms := word_terms(word, self.lang)) == 1
        )
        return [_words([*self.before, end], self.fields) for end in ends]


def _words(terms: list[str], fields: tuple[str, ...]) -> query.Query:
    """One term, or several as the phrase they were typed as ("re-election")."""
    if len(terms) == 1:
        return query.Or([query.Term(field, terms[0]) for field in fields])
    return query.Or([query.Phrase(field, terms) for field in fields])
