"""Tab-separated lines are a table (profile: tables: tab-separated)."""
from __future__ import annotations

from ..model import EM_CLOSE, EM_OPEN, Block, Division, Source
from .text import leading_pages


def build_tables(source: Source, division: Division) -> None:
    if source.setting("tables") != "tab-separated":
        return
    out: list[Block] = []
    for b in division.blocks:
        pages, rest = leading_pages(b.text)
        lines = rest.split("\n")
        if b.kind not in ("para", "lines") or not all("\t" in l for l in lines):
            out.append(b)
            continue
        rows = [[c.strip() for c in l.split("\t")] for l in lines]
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "table" and not pages:
            prev.rows.extend(rows)
            prev.emendations.extend(b.emendations)
            continue
        b.kind, b.rows, b.text = "table", rows, pages
        out.append(b)
    for b in out:
        if b.kind == "table":
            width = max(len(r) for r in b.rows)
            b.rows = [r + [""] * (width - len(r)) for r in b.rows]
            b.role = "header" if all(c.startswith(EM_OPEN) and c.endswith(EM_CLOSE) for c in b.rows[0] if c) else ""
    division.blocks = out
