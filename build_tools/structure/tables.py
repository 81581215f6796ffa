"""Tab-separated lines are a table (profile: tables: tab-separated)."""
from __future__ import annotations

from ..model import Block, Division, Emphasis, Text
from ..rules import Rule, State

SCHEMA = {
    "enum": ["tab-separated", False],
    "default": False,
    "description": "How the source prints tables: `tab-separated`, lines whose cells are separated by tabs "
                   "(one table across blank lines; a first row in italics is its header).",
    "examples": ["tab-separated"],
}


def build_tables(state: State) -> None:
    for division in state.divisions:
        _build(division)


def _build(division: Division) -> None:
    out: list[Block] = []
    for b in division.blocks:
        pages = b.leading_pages()
        body = Text(b.text, [m for m in b.marks if m not in pages])
        lines = body.lines()
        if b.kind not in ("para", "lines") or not all("\t" in l.text for l in lines):
            out.append(b)
            continue
        rows = [[c.stripped() for c in line.split("\t")] for line in lines]
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "table" and not pages:
            prev.rows.extend(rows)
            prev.emendations.extend(b.emendations)
            continue
        b.kind, b.rows, b.text, b.marks = "table", rows, "", pages
        out.append(b)
    for b in out:
        if b.kind == "table":
            width = max(len(r) for r in b.rows)
            b.rows = [r + [Text() for _ in range(width - len(r))] for r in b.rows]
            b.role = "header" if all(_emphasised(c) for c in b.rows[0] if c) else ""
    division.blocks = out


def _emphasised(cell: Text) -> bool:
    """The cell opens and closes in italics (a header row)."""
    ends = {0, len(cell.text)}
    return (any(isinstance(m, Emphasis) and m.start == 0 for m in cell.marks)
            and any(isinstance(m, Emphasis) and m.end == len(cell.text) for m in cell.marks)
            and not any(m.ZERO_WIDTH and m.start in ends for m in cell.marks))


RULE = Rule("tables", build_tables, SCHEMA)
