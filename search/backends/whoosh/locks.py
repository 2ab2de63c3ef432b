"""Locks between processes that say who holds them, and are never held by the dead.

A lock is an ``flock`` on a small file, into which its holder writes itself (PID, host,
when it took the lock, when the process started). A process that waits reads it to say
whom it waits for, and to tell a live lock from a stale one: the kernel releases an
``flock`` when its holder dies, unless a process it forked still has the file open
(Whoosh's writer processes of a rebuild killed before it could stop them). A lock whose
holder is dead is broken by unlinking its file: the orphans keep a lock on a file that
nobody opens any more.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

# How long a dead holder's name must stay in a held lock before the lock is broken: a
# live process writes its name right after taking the lock, so a dead name seen that
# long belongs to orphans, never to a new holder that has not written yet.
STALE_AFTER = 1.0


@dataclass(frozen=True)
class Owner:
    pid: int
    host: str
    since: float  # when the lock was taken (Unix time)
    process_start: int | None  # clock ticks after boot: tells a reused PID apart

    @classmethod
    def me(cls) -> Owner:
        return cls(os.getpid(), socket.gethostname(), time.time(), _process_start(os.getpid()))

    def alive(self) -> bool:
        """Whether the holder still runs; one on another host is taken to run."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # it exists, under another user
        started = _process_start(self.pid)
        return started is None or self.process_start in (None, started)

    def __str__(self) -> str:
        since = datetime.fromtimestamp(self.since).strftime("%Y-%m-%d %H:%M:%S")
        return f"started at {since} by PID {self.pid} on {self.host}"


class LockBusy(Exception):
    def __init__(self, holder: str, owner: Owner | None) -> None:
        # "a rebuild started at 2025-05-01 10:00:00 by PID 42 on web1 is running"
        super().__init__(f"{holder} {owner} is running" if owner else f"{holder} is running")
        self.owner = owner


@contextmanager
def held(path: Path, *, timeout: float, holder: str) -> Iterator[None]:
    """An exclusive lock on ``path`` between processes and threads alike (each call opens
    its own file description). Waits at most ``timeout`` seconds for a live holder, then
    raises ``LockBusy`` naming it (``holder`` says what holds such a lock: "a rebuild");
    a dead holder's lock is broken."""
    handle = _acquire(path, time.monotonic() + timeout, holder)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(asdict(Owner.me())))
        handle.flush()
        yield
    finally:
        # Emptied before release: a name left in a free lock could be read as its
        # next holder's before that one writes its own.
        handle.truncate(0)
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _acquire(path: Path, deadline: float, holder: str) -> IO[str]:
    dead_since: tuple[Owner, float] | None = None
    while True:
        handle = open(path, "a+")  # noqa: SIM115 (returned, holding the lock)
        if _try_flock(handle):
            if _is_at(handle, path):
                return handle
            handle.close()  # broken while this process waited for it: take the new one
            continue
        owner = _read_owner(handle)
        if owner is None or owner.alive():
            dead_since = None
        elif dead_since is None or dead_since[0] != owner:
            dead_since = (owner, time.monotonic())
        elif time.monotonic() - dead_since[1] >= STALE_AFTER:
            _break(path, handle)
            handle.close()
            continue
        handle.close()
        if time.monotonic() > deadline:
            raise LockBusy(holder, owner)
        time.sleep(0.01)


def held_by_the_living(path: Path) -> bool:
    """Whether a live process holds the lock on ``path`` (one that has not written its
    name yet counts)."""
    with open(path, "a+") as handle:
        if _try_flock(handle):
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
        owner = _read_owner(handle)
        return owner is None or owner.alive()


def _try_flock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_owner(handle: IO[str]) -> Owner | None:
    handle.seek(0)
    try:
        return Owner(**json.loads(handle.read()))
    except (ValueError, TypeError):
        return None  # being written, or emptied: its holder is alive


def _is_at(handle: IO[str], path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False


def _break(path: Path, handle: IO[str]) -> None:
    """Unlink the stale lock file ``handle`` has open, unless another process broke it
    first (then ``path`` is a new file, perhaps held by a live process)."""
    with open(path.with_name(f"{path.name}.break"), "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if _is_at(handle, path):
            path.unlink()


def _process_start(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks after boot; None where there is no
    /proc, or no such process. A zombie (killed, not yet reaped) counts as gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return -1 if fields[0] == "Z" else int(fields[19])
