"""``python -m benchmarks.peak_memory REPORT SCRIPT [ARG ...]``: run SCRIPT as ``python
SCRIPT ARG ...`` would, then write the process's peak resident memory (``VmHWM``, in KiB)
to the file REPORT.

Not ``ru_maxrss``: on Linux, exec keeps the high-water mark of the process that spawned
the program, so every export would seem to need at least what the benchmark runner holds
(it measured 321 MB for a 13 MB child of a 300 MB parent). ``VmHWM`` is the program's own.
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path


def write_peak(report: Path) -> None:
    status = Path("/proc/self/status").read_text()
    report.write_text(
        next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    )


if __name__ == "__main__":
    report, script, *args = sys.argv[1:]
    atexit.register(write_peak, Path(report))
    sys.argv = [script, *args]
    runpy.run_path(script, run_name="__main__")
