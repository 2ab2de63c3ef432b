"""What a user types, parsed for Whoosh: words, "phrases", (groups) and operators in
French and English, stop words optional outside quotes, and nothing unbounded."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from whoosh import query
from whoosh.qparser import GroupPlugin, MultifieldParser, OperatorsPlugin, PhrasePlugin

from ...analysis import is_stopword
from ...documents import QueryError
from .index import SCHEMA

# Boolean operators, in English and French; everything else a user types is text.
OPERATORS = {
    "And": ("AND", "ET"),
    "Or": ("OR", "OU"),
    "Not": ("NOT", "SAUF"),
    "AndNot": ("ANDNOT",),
    "AndMaybe": ("ANDMAYBE",),
}
OPERATOR_WORDS = frozenset(word for words in OPERATORS.values() for word in words)
_QUOTES = str.maketrans(dict.fromkeys("«»“”„‟‹›″", '"'))


def parser(lang: str) -> MultifieldParser:
    """Words, "phrases", (groups) and operators; no field prefixes, wildcards, ranges or
    boosts: in a query, ``title:``, ``*`` or ``^`` is just punctuation."""
    operators = {
        name: rf"(^|(?<=[\s()]))(?:{'|'.join(words)})(?=\s)"
        if name == "Not"
        else rf"(?<=\s)(?:{'|'.join(words)})(?=\s)"
        for name, words in OPERATORS.items()
    }
    return MultifieldParser(
        [f"text_{lang}", f"meta_{lang}"],
        SCHEMA,
        plugins=[PhrasePlugin(), GroupPlugin(), OperatorsPlugin(**operators)],
    )


class ParsedQuery:
    """A user's query, parsed once per language it is searched in."""

    def __init__(self, text: str, langs: tuple[str, ...], parsers: dict[str, Any]) -> None:
        text = text.translate(_QUOTES)
        if text.count('"') % 2:
            text += '"'  # an unclosed quote runs to the end
        self.by_lang: dict[str, query.Query] = {}
        for lang in langs:
            try:
                parsed = parsers[lang].parse(text)
            except Exception as error:  # Whoosh's parser has no error contract of its own
                raise QueryError("not_understood") from error
            parsed = _without_stopwords(parsed, text, lang).normalize()
            if not _is_bounded(parsed):
                raise QueryError("nothing_to_search")
            self.by_lang[lang] = parsed

    def marks(self, lang: str) -> tuple[dict[str, set[str]], dict[str, list[list[str]]]]:
        """What to highlight per field: single terms, and phrases as wholes."""
        terms: dict[str, set[str]] = defaultdict(set)
        phrases: dict[str, list[list[str]]] = defaultdict(list)

        def walk(node: query.Query) -> None:
            if isinstance(node, query.Phrase):
                phrases[node.fieldname].append(list(node.words))
            elif isinstance(node, query.Term):
                terms[node.fieldname].add(node.text)
            elif not isinstance(node, query.Not):
                for child in node.children():
                    walk(child)

        walk(self.by_lang[lang])
        return terms, phrases


def _without_stopwords(q: query.Query, text: str, lang: str) -> query.Query:
    """Outside quotes, stop words are optional ("accessibles à tous" needs no "à"),
    unless nothing else is left."""
    if isinstance(q, query.And):
        kept = [clause for clause in q.subqueries if not _is_stopword(clause, text, lang)]
        if kept:
            q = query.And(kept, boost=q.boost)
    return q.apply(lambda child: _without_stopwords(child, text, lang))


def _is_stopword(clause: query.Query, text: str, lang: str) -> bool:
    leaves = list(clause.leaves())
    return all(
        isinstance(leaf, query.Term)
        and leaf.startchar is not None
        and is_stopword(text[leaf.startchar : leaf.endchar], lang)
        for leaf in leaves
    )


def _is_bounded(q: query.Query) -> bool:
    """Whether ``q`` only matches documents containing something it names: never "every
    document" (nothing typed) nor "every document without X" (a lone NOT)."""
    if isinstance(q, query.Term | query.Phrase):
        return True
    if isinstance(q, query.And):
        return any(_is_bounded(child) for child in q.subqueries)
    if isinstance(q, query.Or):
        return bool(q.subqueries) and all(_is_bounded(child) for child in q.subqueries)
    if isinstance(q, query.BinaryQuery):  # AndNot, AndMaybe: the first side decides
        return _is_bounded(q.a)
    return False
