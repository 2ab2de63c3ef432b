"""Exit non-zero unless the running environment holds exactly what LOCK pins for it.

Usage: ``python .ci/installed_is_locked.py requirements/dev.txt``. The lock is written for
every platform, so a pin whose marker does not apply here (Windows only, say) is not
expected; pip itself and its setuptools are not the lock's business.
"""

from __future__ import annotations

import sys
from importlib.metadata import distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

INSTALLER = {"pip", "setuptools"}


def locked(lock: Path) -> set[str]:
    pins = set()
    for line in lock.read_text().splitlines():
        if line[:1].isalnum():  # a pin; hashes and comments are indented or start with #
            requirement = Requirement(line.removesuffix("\\").strip())
            if requirement.marker is None or requirement.marker.evaluate():
                pins.add(f"{canonicalize_name(requirement.name)}{requirement.specifier}")
    return pins


def installed() -> set[str]:
    names = ((canonicalize_name(d.metadata["Name"]), d.version) for d in distributions())
    return {f"{name}=={version}" for name, version in names if name not in INSTALLER}


if __name__ == "__main__":
    expected, found = locked(Path(sys.argv[1])), installed()
    for pin in sorted(expected - found):
        print(f"locked, not installed: {pin}")
    for pin in sorted(found - expected):
        print(f"installed, not locked: {pin}")
    sys.exit(expected != found)
