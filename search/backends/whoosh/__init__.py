"""Whoosh (``whoosh-reloaded``) behind the ``SearchBackend`` interface.

``backend`` answers the interface; ``index`` keeps the index on disk, ``query`` parses
what users type, ``matching`` and ``segments`` find, score and count matches as arrays.
Only ``internals`` touches what Whoosh does not document: see its note.
"""

from __future__ import annotations

from .backend import WhooshBackend

__all__ = ["WhooshBackend"]
