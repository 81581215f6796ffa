"""Helpers for rules that rewrite the text of blocks."""
from __future__ import annotations

import re
from typing import Callable

from ..model import Block, Emendation


def rewrite(block: Block, pattern: re.Pattern, decide: Callable[[re.Match], tuple[str, str, str] | None]) -> None:
    """Apply `decide` to each match; it returns (kind, reading, status) or None to leave it.

    Every change (and every flag for review) becomes an emendation of the block.
    """

    def repl(m: re.Match) -> str:
        verdict = decide(m)
        if verdict is None:
            return m.group(0)
        kind, reading, status = verdict
        block.emendations.append(Emendation(kind, m.group(0), reading, _line_of(block, m.start()), status=status))
        return reading if status == "applied" else m.group(0)

    block.text = pattern.sub(repl, block.text)


def _line_of(block: Block, offset: int) -> int:
    """Raw line of an offset: exact for soft-wrapped blocks, the block's first line otherwise."""
    if block.kind == "lines":
        return block.line + block.text.count("\n", 0, offset)
    return block.line
