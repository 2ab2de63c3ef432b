"""Exports of the whole corpus: ``manage.py export_corpus`` for each format at each level,
each in a fresh process, timed, with its peak memory.

Peak memory is the process's RSS high-water mark (``ru_maxrss``, read with ``os.wait4``):
it includes Python, Django and the libraries, so ``baseline`` is the same command
exporting a single interview. Memory is flat when the corpus exports peak where the
baseline does, and where they do at another corpus size.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from interviews.exporting import FORMATS
from interviews.exporting.units import LEVELS

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def export_run(*args: str) -> dict[str, float]:
    """Seconds, peak RSS (MB) and output size (MB) of ``export_corpus *args`` written to a
    scratch file, in a process of its own (with this one's settings and database)."""
    with tempfile.TemporaryDirectory() as scratch:
        output, errors_path = Path(scratch) / "export", Path(scratch) / "stderr"
        command = [sys.executable, str(MANAGE), "export_corpus", *args, f"--output={output}"]
        with errors_path.open("w") as errors:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
            # wait4 rather than wait: it gives this child's own resource usage.
            _pid, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise RuntimeError(f"export_corpus {' '.join(args)}: {errors_path.read_text()}")
        return {
            "seconds": round(seconds, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux counts in KiB
            "output_mb": round(output.stat().st_size / 1e6, 1),
        }


def measure(one_interview: str) -> dict[str, Any]:
    """The baseline (``one_interview`` as CSV), then every format at every level."""
    figures = {"baseline": export_run("--format=csv", f"--interview={one_interview}")}
    for level in LEVELS:
        for name in FORMATS:
            figures[f"{name}/{level}"] = export_run(f"--format={name}", f"--level={level}")
    return figures
