"""Edit distances from one term to many, computed for all of them at once.

The suggester compares a misspelt term with every known term of the same first letter and
a close length: thousands at 10k interviews. One dynamic-programming table per candidate
in Python cost half a second for a long word; here each cell of the table is one numpy
operation over every candidate together, and only the cells within ``limit`` of the
diagonal are computed (the others cannot lead to a distance within the limit).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

# Pads a shorter candidate to the width of the others: no term holds this character.
_PAD = 0


def term_codes(terms: Sequence[str], width: int) -> npt.NDArray[np.uint32]:
    """``terms`` (none longer than ``width``) as rows of code points, padded."""
    padded = "".join(term.ljust(width, chr(_PAD)) for term in terms)
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32)
    return codes.reshape(len(terms), width)


def edit_distances(
    term: str, codes: npt.NDArray[np.uint32], lengths: npt.NDArray[np.intp], limit: int
) -> npt.NDArray[np.uint8]:
    """The edits (insertion, deletion, substitution, swap of neighbours: the optimal string
    alignment distance) from ``term`` to each row of ``codes``, whose real length is in
    ``lengths``; any distance above ``limit`` is reported as ``limit + 1``."""
    count, width = codes.shape
    above = limit + 1
    beyond = np.full(count, above, dtype=np.uint8)
    if not count:
        return beyond
    # Row i of the table: the distances from term[:i] to each candidate's first j letters.
    before: list[npt.NDArray[np.uint8]] = []
    previous = [np.full(count, min(j, above), dtype=np.uint8) for j in range(width + 1)]
    columns = [codes[:, j] for j in range(width)]
    for i in range(1, len(term) + 1):
        char = ord(term[i - 1])
        current = [np.full(count, min(i, above), dtype=np.uint8)]
        for j in range(1, width + 1):
            if abs(i - j) > limit:
                current.append(beyond)
                continue
            cost = np.minimum(previous[j], current[j - 1]) + 1
            np.minimum(cost, previous[j - 1] + (columns[j - 1] != char), out=cost)
            if i > 1 and j > 1 and ord(term[i - 2]) != char:
                swapped = (columns[j - 2] == char) & (columns[j - 1] == ord(term[i - 2]))
                if swapped.any():
                    np.minimum(cost, np.where(swapped, before[j - 2] + 1, above), out=cost)
            np.minimum(cost, above, out=cost)
            current.append(cost.astype(np.uint8, copy=False))
        before, previous = previous, current
    table = np.stack(previous, axis=1)
    return table[np.arange(count), lengths]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insertion, deletion, substitution, swap of neighbours) from ``a`` to ``b``;
    anything above ``limit`` is reported as ``limit + 1``, found early."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if before and i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)
