"""What went wrong with the index on disk, in the terms of ``IndexUnavailable``."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import LockError

from ...documents import QueryError
from ..base import IndexUnavailable
from .locks import LockBusy


@contextmanager
def failures(location: Path, *, writing: bool) -> Iterator[None]:
    """Raise what goes wrong inside as ``IndexUnavailable``, the error chained to it.

    Whoosh reports a damaged file with whatever its decoding meets (``struct.error``,
    ``UnpicklingError``, a bare ``Exception``...): while reading, anything but an
    operating-system error counts as damage. While writing, only operating-system and
    lock errors are the index's: anything else is the caller's (a duplicate key). A
    query that cannot run (``QueryError``) is the person's who typed it."""
    try:
        yield
    except (IndexUnavailable, QueryError):
        raise
    except (LockBusy, LockError) as error:
        raise IndexUnavailable(IndexUnavailable.BUSY, str(location), str(error)) from error
    except OSError as error:
        raise IndexUnavailable(
            _reason(location, error, writing), str(location), _said(error)
        ) from error
    except Exception as error:
        if writing:
            raise
        detail = f"{type(error).__name__}: {error}"
        raise IndexUnavailable(IndexUnavailable.DAMAGED, str(location), detail) from error


# What stops this process from using the files, as opposed to what is wrong with them.
_REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST}


def _reason(location: Path, error: OSError, writing: bool) -> str:
    if error.errno == errno.ENOENT:
        # A file of the index gone is damage; the index itself gone is a missing index.
        return IndexUnavailable.DAMAGED if location.is_dir() else IndexUnavailable.MISSING
    if writing:
        return IndexUnavailable.UNWRITABLE
    # Anything else while reading (EINVAL: mapping a truncated file) is the files' fault.
    return IndexUnavailable.UNREADABLE if error.errno in _REFUSED else IndexUnavailable.DAMAGED


def _said(error: OSError) -> str:
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"
