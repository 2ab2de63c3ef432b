"""Gale & Church (1993) length-based alignment of paragraphs and its costs."""

from __future__ import annotations

import math

# How often each kind of bead occurs between translated texts, and the variance of the
# length of a translation per character of original.
BEAD_PRIORS = {(1, 1): 0.89, (1, 2): 0.089, (2, 1): 0.089, (1, 0): 0.0099, (0, 1): 0.0099}
VARIANCE_PER_CHARACTER = 6.8

Bead = tuple[list[int], list[int]]


def align_paragraphs(src: list[str], tgt: list[str]) -> list[Bead]:
    """Gale–Church length-based alignment of two paragraph lists.

    Returns beads (source indices, target indices) in order, covering every paragraph once:
    1-1, 1-2 and 2-1 beads are alignments; a 1-0 or 0-1 bead is a paragraph the other side
    lacks, which callers report as a failure. The expected length ratio is taken from the
    two texts themselves, since French runs longer than English.
    """
    total_src, total_tgt = sum(map(len, src)), sum(map(len, tgt))
    ratio = total_tgt / total_src if total_src and total_tgt else 1.0

    # cost[i][j]: cheapest alignment of src[:i] with tgt[:j]; step[i, j]: its last bead.
    cost = [[math.inf] * (len(tgt) + 1) for _ in range(len(src) + 1)]
    step: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0][0] = 0.0
    for i in range(len(src) + 1):
        for j in range(len(tgt) + 1):
            for (di, dj), prior in BEAD_PRIORS.items():
                if i < di or j < dj or cost[i - di][j - dj] == math.inf:
                    continue
                source_length = sum(len(text) for text in src[i - di : i])
                target_length = sum(len(text) for text in tgt[j - dj : j])
                candidate = cost[i - di][j - dj] + bead_cost(
                    source_length, target_length, prior, ratio
                )
                if candidate < cost[i][j]:
                    cost[i][j], step[i, j] = candidate, (di, dj)

    beads: list[Bead] = []
    i, j = len(src), len(tgt)
    while i or j:
        di, dj = step[i, j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def bead_cost(source_length: int, target_length: int, prior: float, ratio: float) -> float:
    """-log P(bead kind) - log P(length difference | bead kind), as Gale and Church define it."""
    return -math.log(prior) + length_cost(source_length, target_length, ratio)


def length_cost(source_length: int, target_length: int, ratio: float) -> float:
    """-log P(length difference): 0 when the lengths agree as ``ratio`` predicts."""
    mean = (source_length + target_length / ratio) / 2
    if mean == 0:
        return 0.0
    delta = (ratio * source_length - target_length) / math.sqrt(mean * VARIANCE_PER_CHARACTER)
    probability = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(probability, 1e-300))
