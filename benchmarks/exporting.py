"""Exports of the whole corpus: ``manage.py export_corpus`` for each format at each level,
each in a fresh process, timed, with its peak memory.

Peak memory is the process's RSS high-water mark (``VmHWM``, see ``peak_memory``): it
includes Python, Django and the libraries, so ``baseline`` is the same command exporting a
single interview. Memory is flat when an export of the corpus peaks where it does at
another corpus size.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from interviews.exporting import FORMATS
from interviews.exporting.units import LEVELS

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "manage.py"


def export_run(*args: str) -> dict[str, float]:
    """Seconds, peak RSS (MB) and output size (MB) of ``export_corpus *args`` written to a
    scratch file, in a process of its own (with this one's settings and database)."""
    with tempfile.TemporaryDirectory() as scratch:
        output, peak, errors = (Path(scratch) / name for name in ("export", "peak", "errors"))
        command = [
            *(sys.executable, "-m", "benchmarks.peak_memory", str(peak)),
            *(str(MANAGE), "export_corpus", *args, f"--output={output}"),
        ]
        start = time.perf_counter()
        with errors.open("w") as stderr:
            run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=stderr, cwd=ROOT)
        seconds = time.perf_counter() - start
        if run.returncode:
            raise RuntimeError(f"export_corpus {' '.join(args)}: {errors.read_text()}")
        return {
            "seconds": round(seconds, 2),
            "peak_rss_mb": round(int(peak.read_text()) / 1024, 1),
            "output_mb": round(output.stat().st_size / 1e6, 1),
        }


def measure(
    one_interview: str, levels: tuple[str, ...] = LEVELS
) -> Iterator[tuple[str, dict[str, float]]]:
    """The baseline (``one_interview`` as CSV), then every format at each of ``levels``,
    each as soon as it is measured."""
    yield "baseline", export_run("--format=csv", f"--interview={one_interview}")
    for level in levels:
        for name in FORMATS:
            yield f"{name}/{level}", export_run(f"--format={name}", f"--level={level}")
