"""The query language readers type, parsed into a tree any search engine can run.

Words, "phrases" (straight, curly or French quotes), ``word*`` for the words beginning
with ``word``, ``-word`` or ``NOT``/``SAUF`` to leave out, ``OR``/``OU`` between
alternatives, ``AND``/``ET`` or nothing at all between words that must all be there, and
(groups). ``AND`` binds tighter than ``OR``: ``a b OR c`` is ``(a b) OR c``. Operators are
words in capitals; in lower case they are words to search for ("et", "ou" are stop words).

Nothing here analyses words: a ``Word`` is what was typed, and each engine folds, stems
and drops stop words the way its language analysis does (``search.analysis`` for Whoosh).
What can be read in only one sensible way (an unclosed quote or group, a stray ``)``, an
operator with nothing on one side) is read that way, and ``ParsedQuery.notes`` says how,
for the reader to fix it; what cannot be read raises ``QueryError``. Nothing else is ever
raised, whatever the input (a test feeds it random text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, Union

from .documents import MAX_QUERY_LENGTH, QueryError

# A prefix must have this many letters or digits: shorter ones ("p*") begin too many
# words to mean anything, and would make an engine read most of its vocabulary.
MIN_PREFIX = 3
# The most words a prefix may stand for in one language, in every backend: more is a
# prefix too short to mean something ("inte*" begins 593 French words of a large
# archive), and matching them all would hold the search up past its deadline.
MAX_PREFIX_WORDS = 500
# Groups inside groups: deeper than this is not a query a person wrote.
MAX_DEPTH = 20

QUOTES = frozenset('"«»“”„‟‹›″')
AND_WORDS = ("AND", "ET")
OR_WORDS = ("OR", "OU")
NOT_WORDS = ("NOT", "SAUF")
OPERATOR_WORDS = frozenset(AND_WORDS + OR_WORDS + NOT_WORDS)


@dataclass(frozen=True)
class Word:
    """A word as typed (never analysed); ``prefix``: any word beginning with it (``word*``)."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must follow one another, in this order."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class All:
    """Every child must match (``AND``, ``ET``, or words side by side)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    """At least one child must match (``OR``, ``OU``)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Leaves out what ``child`` matches. Only ever a child of an ``All`` that has a child
    which is not a ``Not``: a query never matches "everything without x"."""

    child: Node


Node = Union[Word, Phrase, All, Any, Not]  # noqa: UP007 (a runtime alias, for isinstance)

NoteCode = Literal["unclosed_quote", "unclosed_group", "unopened_group", "dangling_operator"]
# English, for commands, logs and tests; ``search.problems`` words them for readers.
NOTES: dict[str, str] = {
    "unclosed_quote": (
        "A quotation mark is not closed: everything after it was read as one phrase. "
        "Close the phrase with a second quotation mark."
    ),
    "unclosed_group": (
        "A parenthesis is not closed: the group was closed at the end of the query. "
        "Close it where the group ends."
    ),
    "unopened_group": (
        "A closing parenthesis has no opening one: it was left out. Add the opening "
        "parenthesis where the group begins, or remove the closing one."
    ),
    "dangling_operator": (
        "{operator} needs something to search for on each side: it was left out. "
        "Add a word on either side of it, or remove it."
    ),
}


@dataclass(frozen=True)
class Note:
    """How a query that could not be read as typed was read instead."""

    code: NoteCode
    params: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return NOTES[self.code].format(**self.params)


@dataclass(frozen=True)
class ParsedQuery:
    """``understood``: the query as it was read, in this language's canonical spelling
    (reading it again gives the same tree); ``notes``: what was read otherwise than typed."""

    node: Node
    understood: str
    notes: tuple[Note, ...] = ()


def parse(text: str) -> ParsedQuery:
    """Read a query; raises ``QueryError`` (and nothing else) on what cannot be searched."""
    if not text.strip():
        raise QueryError("empty")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError("too_long", length=len(text), limit=MAX_QUERY_LENGTH)
    reader = _Reader(text)
    node = reader.query()
    if node is None:
        raise QueryError("nothing_to_search")
    _check(node, alternative=False)
    notes: list[Note] = []
    for note in reader.notes:  # each once, in order
        if note not in notes:
            notes.append(note)
    return ParsedQuery(node, understood(node), tuple(notes))


def understood(node: Node) -> str:
    """``node`` in the query language, with every group it implies in parentheses."""
    if isinstance(node, Word):
        return node.text + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Not):
        return "-" + _grouped(node.child, (Word, Phrase))
    if isinstance(node, All):
        return " ".join(_grouped(child, (Word, Phrase, Not)) for child in node.children)
    return " OR ".join(_grouped(child, (Word, Phrase)) for child in node.children)


def _grouped(node: Node, bare: tuple[type, ...]) -> str:
    shown = understood(node)
    return shown if isinstance(node, bare) else f"({shown})"


# Reading: characters -> tokens -> tree.

_Kind = Literal["word", "phrase", "open", "close", "and", "or", "not"]
_Token = tuple[_Kind, str]
# A typed word: the punctuation before it, the word, the punctuation after it.
_EDGES = re.compile(r"([\W_]*)(.*?)([\W_]*)", re.DOTALL)
_OPERATORS: dict[str, _Kind] = {
    **{word: "and" for word in AND_WORDS},
    **{word: "or" for word in OR_WORDS},
    **{word: "not" for word in NOT_WORDS},
}
_SPECIAL = QUOTES | {"(", ")"}


def _tokens(text: str) -> tuple[list[_Token], list[Note]]:
    tokens: list[_Token] = []
    notes: list[Note] = []
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in QUOTES:
            end = next((j for j in range(i + 1, size) if text[j] in QUOTES), size)
            if end == size:
                notes.append(Note("unclosed_quote"))
            tokens.append(("phrase", text[i + 1 : end]))
            i = end + 1
        elif char in "()":
            tokens.append(("open" if char == "(" else "close", char))
            i += 1
        elif char == "-" and i + 1 < size and not text[i + 1].isspace():
            # A minus that begins a word leaves it out; inside a word ("peut-être") it is
            # part of the word.
            tokens.append(("not", "-"))
            i += 1
        else:
            end = i
            while end < size and not text[end].isspace() and text[end] not in _SPECIAL:
                end += 1
            word = text[i:end]
            tokens.append((_OPERATORS.get(_split(word)[1], "word"), word))
            i = end
    return tokens, notes


def _split(typed: str) -> tuple[str, str, str]:
    """The punctuation before a word, the word, and the punctuation after it."""
    found = _EDGES.fullmatch(typed)
    assert found is not None  # every group may be empty
    lead, core, trail = found.groups()
    return lead, core, trail


def _word(typed: str) -> Word | None:
    """The word in ``typed`` without the punctuation around it; None if it has no letter."""
    lead, core, trail = _split(typed)
    if not core:
        return None  # punctuation, a lone "*" included
    if "*" in lead or "*" in core:
        raise QueryError("misplaced_wildcard", word=typed)
    prefix = "*" in trail
    if prefix and len(core) < MIN_PREFIX:
        raise QueryError("prefix_too_short", word=typed, minimum=MIN_PREFIX)
    return Word(core, prefix)


def _phrase(typed: str) -> Phrase | None:
    words = tuple(core for _, core, _ in map(_split, typed.split()) if core)
    return Phrase(words) if words else None


class _Reader:
    """Recursive descent over the tokens, lenient where one reading is plain."""

    def __init__(self, text: str) -> None:
        self.tokens, self.notes = _tokens(text)
        self.position = 0
        self.depth = 0

    def peek(self) -> _Kind | None:
        return self.tokens[self.position][0] if self.position < len(self.tokens) else None

    def take(self) -> _Token:
        self.position += 1
        return self.tokens[self.position - 1]

    def dangling(self, operator: str) -> None:
        self.notes.append(Note("dangling_operator", {"operator": operator}))

    def query(self) -> Node | None:
        """The whole query; a stray ``)`` is left out, with a note."""
        parts: list[Node] = []
        while self.position < len(self.tokens):
            if (node := self.alternatives()) is not None:
                parts.append(node)
            if self.peek() == "close":
                self.take()
                self.notes.append(Note("unopened_group"))
        return _all(parts)

    def alternatives(self) -> Node | None:
        branches: list[Node] = []
        if (first := self.conjunction()) is not None:
            branches.append(first)
        while self.peek() == "or":
            operator = self.take()[1]
            following = self.conjunction()
            if following is None or not branches:
                self.dangling(operator)
            if following is not None:
                branches.append(following)
        if len(branches) == 1:
            return branches[0]
        return Any(tuple(_flattened(branches, Any))) if branches else None

    def conjunction(self) -> Node | None:
        items: list[Node] = []
        while (kind := self.peek()) not in (None, "close", "or"):
            if kind == "and":
                operator = self.take()[1]
                ends = self.peek() in (None, "close", "or", "and")
                item = None if ends else self.unary()
                if item is None or not items:
                    self.dangling(operator)
                if item is not None:
                    items.append(item)
                continue
            if (item := self.unary()) is not None:
                items.append(item)
        return _all(items)

    def unary(self) -> Node | None:
        kind, value = self.take()
        if kind == "not":
            while self.peek() == "not":  # "NOT -x", "--x": once is enough
                self.take()
            if self.peek() in (None, "close", "or", "and"):
                self.dangling(value)
                return None
            child = self.unary()
            return None if child is None else Not(child)
        if kind == "word":
            return _word(value)
        if kind == "phrase":
            return _phrase(value)
        return self.group()  # "open"

    def group(self) -> Node | None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError("too_nested", limit=MAX_DEPTH)
        node = self.alternatives()  # stops at the end or at ")"
        if self.peek() == "close":
            self.take()
        else:
            self.notes.append(Note("unclosed_group"))
        self.depth -= 1
        return node


def _flattened(nodes: list[Node], kind: type[All] | type[Any]) -> list[Node]:
    """``nodes`` with the children of those of ``kind`` in their place."""
    flat: list[Node] = []
    for node in nodes:
        flat.extend(node.children if isinstance(node, kind) else (node,))
    return flat


def _all(items: list[Node]) -> Node | None:
    items = _flattened(items, All)
    if not items:
        return None
    return items[0] if len(items) == 1 else All(tuple(items))


def _positive(node: Node) -> bool:
    """Whether ``node`` names something a matching passage contains."""
    if isinstance(node, Not):
        return False
    if isinstance(node, All):
        return any(_positive(child) for child in node.children)
    return True


def every_word_required(node: Node) -> bool:
    """Whether a passage matching ``node`` contains every word of it: no ``OR``, nothing
    left out. Then a query that found passages has no word the index does not know."""
    if isinstance(node, All):
        return all(every_word_required(child) for child in node.children)
    return isinstance(node, Word | Phrase)


def has_prefix(node: Node) -> bool:
    """Whether ``node`` holds a prefix (``word*``)."""
    if isinstance(node, Word):
        return node.prefix
    if isinstance(node, Not):
        return has_prefix(node.child)
    if isinstance(node, All | Any):
        return any(has_prefix(child) for child in node.children)
    return False


def _check(node: Node, *, alternative: bool) -> None:
    """Refuses a leaving-out with nothing to leave out from."""
    if not _positive(node):
        excluded = understood(node)
        if alternative:
            raise QueryError("excluded_alternative", excluded=excluded)
        raise QueryError("only_excluded", excluded=excluded)
    if isinstance(node, Any):
        for child in node.children:
            _check(child, alternative=True)
    elif isinstance(node, All):
        for child in node.children:
            if not isinstance(child, Not):
                _check(child, alternative=alternative)
            else:
                _check(child.child, alternative=False)
