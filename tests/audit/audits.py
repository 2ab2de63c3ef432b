"""The audits issue 16 names, run on the archive's pages as served by a live server.

- **Lighthouse** (npm, ``lighthouse.mjs``): the four category scores, on a phone and a
  desktop, through Debian's Chromium;
- **axe-core** (npm): injected into each page in Playwright, at 390 and 1366 px;
- **the Nu HTML checker** (``vnu.jar`` from npm, run with Java): the source each page is
  served as.

Nothing here judges a page: each tool does, and this module gathers their verdicts into
one ``Audit`` per page and prints them as a table (``make audit``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
AXE = MODULES / "axe-core" / "axe.min.js"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_SCRIPT = HERE / "lighthouse.mjs"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
LIGHTHOUSE_FLOOR = 0.95


def missing_tools() -> list[str]:
    """What ``npm ci`` (tests/audit) or ``make system`` has not installed yet."""
    wanted = {"node": shutil.which("node"), "java": shutil.which("java")}
    wanted |= {str(path): path.exists() for path in (AXE, VNU, MODULES / "lighthouse")}
    return [name for name, found in wanted.items() if not found]


@dataclass(frozen=True)
class Page:
    """A page to audit: fetched at ``path``, or (``submit``) the answer to the form there,
    filled with ``fields`` (CSS selector -> text) and sent by clicking ``button``.

    A ``private`` page (an editor's) is one robots.txt keeps out of search engines on
    purpose: Lighthouse's "is-crawlable", the one audit that would hold this against it,
    is left out of its SEO score."""

    name: str
    path: str
    fields: dict[str, str] = field(default_factory=dict)
    button: str = ""
    private: bool = False

    @property
    def submits(self) -> bool:
        return bool(self.button)

    @property
    def lighthouse_skips(self) -> list[str]:
        return ["is-crawlable"] if self.private else []


@dataclass
class Audit:
    page: str
    # By form factor: each category's score, and the audits that cost it points.
    lighthouse: dict[str, dict[str, float | None]] = field(default_factory=dict)
    lighthouse_failed: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    lighthouse_errors: dict[str, str] = field(default_factory=dict)  # unmeasured form factors
    axe: list[str] = field(default_factory=list)  # "rule: target" per violating node
    nu: list[str] = field(default_factory=list)  # "line: message" per error
    runs: int = 0  # Lighthouse's

    def problems(self) -> list[str]:
        found = [f"axe {violation}" for violation in self.axe]
        found += [f"Nu {error}" for error in self.nu]
        found += [f"Lighthouse {ff}: {error}" for ff, error in self.lighthouse_errors.items()]
        for form_factor, scores in self.lighthouse.items():
            for category, score in scores.items():
                if score is None or score < LIGHTHOUSE_FLOOR:
                    failed = ", ".join(self.lighthouse_failed[form_factor][category])
                    found.append(f"Lighthouse {form_factor} {category} {score}: {failed}")
        return found

    def record(self, verdict: dict) -> None:
        """Keep one of Lighthouse's verdicts (see lighthouse.mjs); of several runs of a page,
        the best performance: that score varies with the machine's load, a run can only
        under-measure a page (Lighthouse's own advice on variability is to run it again)."""
        form_factor = verdict["form_factor"]
        self.runs += 1
        if verdict["error"]:
            if form_factor not in self.lighthouse:
                self.lighthouse_errors[form_factor] = verdict["error"]
            return
        self.lighthouse_errors.pop(form_factor, None)
        before = self.lighthouse.get(form_factor, {}).get("performance")
        if before is not None and before >= (verdict["scores"]["performance"] or 0):
            return
        self.lighthouse[form_factor] = verdict["scores"]
        self.lighthouse_failed[form_factor] = verdict["failed"]

    def to_measure_again(self) -> set[str]:
        """The form factors whose performance is under the floor, or that Lighthouse could
        not measure ("Please run Lighthouse again")."""
        slow = {
            form_factor
            for form_factor, scores in self.lighthouse.items()
            if (scores["performance"] or 0) < LIGHTHOUSE_FLOOR
        }
        return slow | set(self.lighthouse_errors)

    def notes(self) -> list[str]:
        """The audits that cost a page points, even where its score passes."""
        return [
            f"{form_factor} {category}: {', '.join(failed)}"
            for form_factor, categories in self.lighthouse_failed.items()
            for category, failed in categories.items()
            if failed
        ]


def nu_errors(sources: dict[str, str]) -> dict[str, list[str]]:
    """The Nu checker's errors in each HTML source, by name: one Java run for them all."""
    with tempfile.TemporaryDirectory() as directory:
        paths = {}
        for name, source in sources.items():
            path = Path(directory) / f"{name}.html"
            path.write_text(source, "utf-8")
            paths[path.as_uri()] = name
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *paths],
            capture_output=True,
            text=True,
            check=True,
        )
    errors: dict[str, list[str]] = {name: [] for name in sources}
    for message in json.loads(run.stderr)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            line = message.get("lastLine", "?")
            errors[paths[message["url"]]].append(f"{line}: {message['message']}")
    return errors


def axe_violations(page) -> list[str]:
    """axe-core's violations on the Playwright ``page`` as it is now, one per node."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{violation['id']}: {' '.join(map(str, node['target']))}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def open_page(browser_page, base_url: str, page: Page):
    """Load ``page`` in Playwright (submitting its form if it is one); the response."""
    response = browser_page.goto(urljoin(base_url, page.path))
    if page.submits:
        for selector, text in page.fields.items():
            browser_page.fill(selector, text)
        with browser_page.expect_navigation() as navigation:
            browser_page.click(page.button)
        response = navigation.value
    return response


def lighthouse(
    base_url: str,
    runs: list[tuple[Page, str]],
    *,
    chrome: str,
    flags: list[str],
    cookies: list[dict],
    reports: str | None = None,
) -> list[dict]:
    """Lighthouse's verdicts on each (page, form factor) of ``runs``, measured one after the
    other in one browser (see lighthouse.mjs); ``reports``: a directory for its reports."""
    plan = {
        "chrome": chrome,
        "flags": flags,
        "cookies": cookies,
        "reports": reports,
        "runs": [
            {
                "name": page.name,
                "url": urljoin(base_url, page.path),
                "form_factor": form_factor,
                "skip_audits": page.lighthouse_skips,
            }
            | ({"submit": {"fields": page.fields, "button": page.button}} if page.submits else {})
            for page, form_factor in runs
        ],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(plan, file)
        file.flush()
        run = subprocess.run(
            ["node", str(LIGHTHOUSE_SCRIPT), file.name],
            capture_output=True,
            text=True,
            cwd=HERE,
        )
    if run.returncode:
        raise RuntimeError(f"Lighthouse failed:\n{run.stderr[-4000:]}")
    return json.loads(run.stdout)


def table(audits: list[Audit]) -> str:
    """The verdicts as a plain-text table: page × Lighthouse categories, axe, Nu."""
    short = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
    heads = [f"{f[0]}:{short[c]}" for f in FORM_FACTORS for c in CATEGORIES]
    width = max(len(audit.page) for audit in audits)
    lines = [f"{'page':<{width}}  " + " ".join(f"{h:>6}" for h in heads) + "    axe     Nu"]
    for audit in audits:
        scores = [audit.lighthouse.get(f, {}).get(c) for f in FORM_FACTORS for c in CATEGORIES]
        cells = " ".join(f"{round(s * 100):>6}" if s is not None else f"{'-':>6}" for s in scores)
        lines.append(f"{audit.page:<{width}}  {cells} {len(audit.axe):>6} {len(audit.nu):>6}")
    return "\n".join(lines)
