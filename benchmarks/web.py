"""Web throughput: gunicorn serving the archive, wrk playing 10 concurrent readers."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
CLIENTS = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


GUNICORN_CONFIG = Path(__file__).resolve().parent.parent / "archive" / "gunicorn.py"


@contextmanager
def gunicorn(*, workers: int) -> Iterator[str]:
    """The archive under gunicorn, with this process's settings and environment."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            f"--config={GUNICORN_CONFIG}",
            "archive.wsgi",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # four workers each load the index first
        while True:
            try:
                urllib.request.urlopen(base + "/fr/", timeout=5).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=120)


def wrk(base: str, paths: list[str], *, seconds: float) -> dict[str, float]:
    """Requests/s, latency percentiles and errors (socket errors, timeouts, non-2xx/3xx)
    of 10 clients requesting ``paths`` for ``seconds``, in the steady state: first the same
    paths for ``WARM_SECONDS`` unmeasured, then, once the server has finished what that
    left it, the measured run."""
    _run_wrk(base, paths, seconds=min(WARM_SECONDS, seconds))
    return _run_wrk(base, paths, seconds=seconds)


# Long enough for each worker to answer each page once: its searcher, its database
# connection, its templates ready, and the search answers it keeps made (a search is
# computed once per worker, then kept: "search page, computed" measures that cost).
WARM_SECONDS = 3


def _run_wrk(base: str, paths: list[str], *, seconds: float) -> dict[str, float]:
    _wait_until_idle()
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".paths") as listing:
        listing.write("\n".join(paths) + "\n")
        listing.flush()
        output = subprocess.run(
            [
                "wrk",
                "--threads=2",
                f"--connections={CLIENTS}",
                f"--duration={max(1, round(seconds))}s",
                "--timeout=10s",
                f"--script={WRK_SCRIPT}",
                base,
                "--",
                listing.name,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    report = json.loads(output.strip().splitlines()[-1])
    report["rps"] = report["requests"] / report["seconds"]
    return report


def _wait_until_idle(*, quiet: float = 0.2, limit: float = 30) -> None:
    """Wait until gunicorn's workers have used no CPU for ``quiet`` seconds.

    wrk stops when its time is up, but each worker still answers the requests it had
    accepted (up to ten, one per client): without this wait a slow page's backlog (the
    reading view's, about a second under 10 clients) is counted in the next page's
    latencies.
    """
    deadline = time.monotonic() + limit
    used = _workers_cpu()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = _workers_cpu()
        if now == used:
            return
        used = now


def _workers_cpu() -> int:
    """Clock ticks of CPU (user and system) used so far by this process's gunicorn
    workers."""
    ticks = 0
    for master in _children(os.getpid()):
        for worker in _children(master):
            fields = Path(f"/proc/{worker}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def workers_memory_mb() -> list[float]:
    """Resident memory of each gunicorn worker this process started (the children of its
    gunicorn masters), in MB; call it while ``gunicorn()`` runs."""
    sizes = []
    for master in _children(os.getpid()):
        for worker in _children(master):
            status = Path(f"/proc/{worker}/status").read_text()
            kb = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            sizes.append(round(int(kb) / 1024, 1))
    return sizes


def _children(pid: int) -> list[int]:
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]
