"""Search answers as made for readers (the page's HTML, the API's data), kept while the
index does not change.

Under one state of the index and one interface language, what a search page or the API
shows is a function of the request's address and, for the page, of one thing the index
does not hold: the review status of each hit's translation, read for every page. Callers
put all of it in the key. Any write to the index (a save, a review, a rename that
re-indexes interviews) gives it a new generation, which drops everything kept under the
old one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from django.utils.translation import get_language

Made = TypeVar("Made")

# Off only while ``nothing_kept()`` measures what a search asked the first time costs.
_keeping = True


class KeptPages(Generic[Made]):
    """The last ``size`` answers made under the current generation of the index (a page
    of results is some 20 to 60 kB)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._kept: tuple[str | None, OrderedDict[Hashable, Made]] = (None, OrderedDict())

    def get(self, generation: str | None, key: Hashable, make: Callable[[], Made]) -> Made:
        """``make()``, or what it gave before for ``key`` in this interface language under
        this ``generation``, which must have been read before the search (a write during
        the search then leaves an answer no later request asks for). Nothing is kept where
        the generation is None (the engine cannot say it cheaply, or the answer was cut
        short and may be whole next time)."""
        if generation is None or not _keeping:
            return make()
        key = (get_language(), key)
        with self._lock:
            if self._kept[0] != generation:
                self._kept = (generation, OrderedDict())
            kept = self._kept[1]
            if (made := kept.get(key)) is not None:
                kept.move_to_end(key)
                return made
        made = make()
        with self._lock:
            if self._kept[0] == generation:
                kept = self._kept[1]
                kept[key] = made
                if len(kept) > self.size:
                    kept.popitem(last=False)
        return made


@contextmanager
def nothing_kept() -> Iterator[None]:
    """Every answer made afresh meanwhile, as for a search never asked before (what the
    benchmarks call a computed search)."""
    global _keeping
    _keeping = False
    try:
        yield
    finally:
        _keeping = True
