"""``python -m benchmarks.growth REPORT.json …``: the figures of several runs side by side
(one column per profile and size), and how each grows against the corpus.

A figure that grows faster than the corpus between two sizes of one profile is marked
"faster than the corpus": the finding to explain or fix.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Figure = Callable[[dict[str, Any]], float | None]


def _get(*keys: str) -> Figure:
    def read(report: dict[str, Any]) -> float | None:
        value: Any = report
        for key in keys:
            if not isinstance(value, dict) or value.get(key) is None:
                return None
            value = value[key]
        return float(value)

    return read


# (label, how to read it, what it is: "cost" may grow at most as the corpus does, "rate"
# should not fall, "ratio" and "size" are shown as they are)
FIGURES: list[tuple[str, Figure, str]] = [
    ("exchanges", _get("size", "exchanges"), "size"),
    ("search p50 (ms)", _get("search", "p50_ms"), "cost"),
    ("search p95 (ms)", _get("search", "p95_ms"), "cost"),
    ("Tantivy p50 (ms)", _get("ceiling", "p50_ms"), "cost"),
    ("Tantivy p95 (ms)", _get("ceiling", "p95_ms"), "cost"),
    ("archive / Tantivy p50 (×)", _get("ceiling", "archive_over_tantivy", "p50_ms"), "ratio"),
    ("archive / Tantivy p95 (×)", _get("ceiling", "archive_over_tantivy", "p95_ms"), "ratio"),
    ("archive / Tantivy, build (×)", _get("ceiling", "archive_over_tantivy", "rebuild"), "ratio"),
    ("haystack p50 (ms)", _get("peers", "haystack_whoosh", "p50_ms"), "cost"),
    ("haystack p95 (ms)", _get("peers", "haystack_whoosh", "p95_ms"), "cost"),
    ("rebuild (s)", _get("growth", "rebuild_s"), "cost"),
    ("rebuild (exchanges/s)", _get("rebuild_exchanges_per_s"), "rate"),
    ("Tantivy build (exchanges/s)", _get("ceiling", "rebuild_exchanges_per_s"), "rate"),
    ("index (MB)", _get("growth", "index_mb"), "cost"),
    ("Tantivy index (MB)", _get("ceiling", "index_mb"), "cost"),
    ("gunicorn worker RSS (MB)", _get("growth", "worker_rss_mb"), "cost"),
    ("web search p95 (ms)", _get("web", "search_p95_ms"), "cost"),
    ("web reading p95 (ms)", _get("web", "reading_p95_ms"), "cost"),
]


def table(reports: list[dict[str, Any]]) -> str:
    """A Markdown table of ``reports``, sorted by profile then size, with the growth of each
    figure between consecutive sizes of a profile."""
    reports = sorted(
        reports, key=lambda r: (r.get("profile", "recombined"), r["size"]["interviews"])
    )
    names = [f"{r.get('profile', 'recombined')} {r['size']['interviews']:,}" for r in reports]
    lines = ["| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for label, read, kind in FIGURES:
        cells = []
        for previous, report in zip([None, *reports], reports, strict=False):
            value = read(report)
            cell = "—" if value is None else f"{value:,.1f}"
            if value and previous and previous.get("profile") == report.get("profile"):
                cell += _growth(read(previous), value, previous, report, kind)
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _growth(before: float | None, after: float, previous: dict, report: dict, kind: str) -> str:
    if not before or kind in ("size", "ratio"):
        return ""
    corpus = report["size"]["exchanges"] / previous["size"]["exchanges"]
    factor = after / before
    finding = {
        "cost": ", faster than the corpus" if factor > corpus * 1.1 else "",
        "rate": ", slower as the corpus grows" if factor < 0.9 else "",
    }[kind]
    return f" (×{factor:.1f}{finding})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.growth", description=__doc__)
    parser.add_argument("reports", nargs="+", type=Path, help="--json files of runs")
    args = parser.parse_args(argv)
    print(table([json.loads(path.read_text()) for path in args.reports if path.exists()]))


if __name__ == "__main__":
    main()
