"""Helpers for rules that rewrite the text of blocks."""
from __future__ import annotations

import bisect
import re
from typing import Callable

from ..model import Block, Emendation, Inline

Verdict = tuple[str, str, str]  # (kind, reading, status)


def rewrite(block: Block, pattern: re.Pattern, decide: Callable[[re.Match], Verdict | None]) -> None:
    """Apply `decide` to each match; it returns (kind, reading, status) or None to leave it.

    Every change (and every flag for review) becomes an emendation of the block. A match
    with a mark inside it (a page break, a note reference) is left alone: the words on
    either side of a mark are not read as one.
    """
    edits = []
    for m in unmarked(block, pattern):
        verdict = decide(m)
        if verdict is None:
            continue
        kind, reading, status = verdict
        block.emendations.append(Emendation(kind, m.group(0), reading, line_of(block, m.start())))
        block.emendations[-1].status = status
        if status == "applied":
            edits.append((m.start(), m.end(), reading, []))
    block.edit(edits)


def unmarked(text: Inline, pattern: re.Pattern):
    """The pattern's matches in the text that no mark falls inside."""
    cuts = text.boundaries()
    for m in pattern.finditer(text.text):
        i = bisect.bisect_right(cuts, m.start())
        if i == len(cuts) or cuts[i] >= m.end():
            yield m


def line_of(block: Block, offset: int) -> int:
    """Raw line of an offset: exact for soft-wrapped blocks, the block's first line otherwise."""
    if block.kind == "lines":
        return block.line + block.text.count("\n", 0, offset)
    return block.line
