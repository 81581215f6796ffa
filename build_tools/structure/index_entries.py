"""Entries of a printed index wrapped over two lines are one entry."""
from __future__ import annotations

from ..model import Division, Source


def join_wrapped_index_entries(source: Source, division: Division) -> None:
    if division.kind != "index":
        return
    for b in division.blocks:
        if b.kind == "lines":
            b.kind, b.text = "para", " ".join(part.strip() for part in b.text.split("\n"))
