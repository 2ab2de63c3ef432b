"""Search results as rendered HTML, kept while the index does not change.

Under one state of the index and one interface language, the results part of a search
page is a function of its query string and of one thing the index does not hold: the
review status of each hit's translation, read for every page. Both are in the key. Any
write to the index (a save, a review, a rename that re-indexes interviews) gives it a new
generation, which drops every page kept under the old one; a review status that changes
without one changes the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping

from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from interviews.reviewing import TranslationLabel

# Pages kept per process (a page of results is some 20 to 60 kB of HTML).
PAGES_KEPT = 256

_lock = threading.Lock()
_kept: tuple[str | None, OrderedDict[Hashable, SafeString]] = (None, OrderedDict())


def kept_page(
    generation: str | None,
    params: QueryDict,
    labels: Mapping[str, TranslationLabel],
    render: Callable[[], SafeString],
) -> SafeString:
    """``render()``, or what it gave before for the same ``params`` (the page's query
    string), ``labels`` (its hits' translation labels) and interface language under this
    ``generation`` of the index, which must have been read before the search (a write
    during the search then leaves a page no later request asks for). Nothing is kept where
    the generation is None (the engine cannot say it cheaply)."""
    global _kept
    if generation is None:
        return render()
    key = (
        get_language(),
        tuple((name, tuple(values)) for name, values in params.lists()),
        tuple(sorted(labels.items())),
    )
    with _lock:
        if _kept[0] != generation:
            _kept = (generation, OrderedDict())
        pages = _kept[1]
        if (page := pages.get(key)) is not None:
            pages.move_to_end(key)
            return page
    page = render()
    with _lock:
        if _kept[0] == generation:
            pages[key] = page
            if len(pages) > PAGES_KEPT:
                pages.popitem(last=False)
    return page
