"""The apps depend one way: ``search`` indexes the corpus and imports ``interviews``;
``interviews`` never imports ``search`` (search plugs in through ``SearchConfig.ready()``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import interviews

INTERVIEWS = Path(interviews.__file__).parent


def imported_modules(path: Path) -> Iterator[str]:
    """The absolute modules ``path`` imports (relative imports stay inside its own app)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_interviews_never_imports_search():
    imports = [
        f"{path.relative_to(INTERVIEWS.parent)} imports {module}"
        for path in sorted(INTERVIEWS.rglob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] == "search"
    ]
    assert imports == []
