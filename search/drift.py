"""How far the index is from the database, and bringing it back by re-indexing only what
drifted: ``check_index --repair`` and ``rebuild_index --incremental``.

Each indexed document carries the fingerprint of what it was made from
(``SearchBackend.keys()``); the database gives the documents it should hold now. An
interview drifted when one of its documents is missing, out of date or left over; only
those interviews are made again, a batch of them per index write, so that work stopped
half-way is kept, and the next run picks up what is still different.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from interviews.models import Exchange
from interviews.passages import key_owner

from . import engine
from .indexing import all_documents, indexable_interviews, interview_documents

# Interviews re-indexed per index write (about 40 documents each).
INTERVIEWS_PER_WRITE = 200


@dataclass
class Drift:
    documents: int = 0  # how many the database gives
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)  # each missing or stale key: its slug

    def __bool__(self) -> bool:
        return bool(self.missing or self.unexpected or self.stale)

    def interviews(self) -> set[str]:
        """The slugs whose documents are made again: those of missing and stale documents,
        and of the interviews (or exchanges still in the database) left-over ones belong to."""
        slugs = set(self.owners.values())
        uids = set()
        for key in self.unexpected:
            slug, uid = key_owner(key)
            if slug:
                slugs.add(slug)
            if uid:
                uids.add(uid)
        return slugs | set(
            Exchange.objects.filter(uid__in=uids).values_list("interview__slug", flat=True)
        )

    def exchanges(self) -> set[str]:
        """The uids of exchanges whose left-over documents go."""
        return {uid for key in self.unexpected if (uid := key_owner(key)[1])}


def find_drift() -> Drift:
    """Every document the database gives, compared with the index's; one pass over the
    database, holding only the index's keys and what drifted."""
    indexed = engine.backend().keys()
    found = Drift()
    for document in all_documents():
        found.documents += 1
        fingerprint = indexed.pop(document.key, None)
        if fingerprint is None:
            found.missing.append(document.key)
        elif fingerprint != document.fingerprint:
            found.stale.append(document.key)
        else:
            continue
        found.owners[document.key] = document.interview
    found.unexpected = sorted(indexed)
    found.missing.sort()
    found.stale.sort()
    return found


def repair_drift(
    found: Drift, *, progress: Callable[[int], object] | None = None
) -> tuple[int, int]:
    """Re-index the interviews that drifted, ``INTERVIEWS_PER_WRITE`` per index write, and
    remove the left-over documents of deleted interviews and exchanges. ``progress`` gets
    the running count of interviews done. Returns (interviews, exchanges) handled."""
    slugs, uids = sorted(found.interviews()), found.exchanges()
    done = 0
    for batch in _batches(iter(slugs), INTERVIEWS_PER_WRITE):
        interviews = indexable_interviews().filter(slug__in=batch)
        engine.backend().replace_interviews(
            batch,
            [document for interview in interviews for document in interview_documents(interview)],
            exchanges=uids,
        )
        uids = set()  # removed with the first write
        done += len(batch)
        if progress:
            progress(done)
    if uids:
        engine.backend().replace_interviews((), (), exchanges=uids)
    return len(slugs), len(found.exchanges())


def _batches(items: Iterator[str], size: int) -> Iterator[list[str]]:
    while batch := list(islice(items, size)):
        yield batch
