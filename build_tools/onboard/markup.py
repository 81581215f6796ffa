"""Markup the text carries: italics as <i>…</i> or *…*, tables as tab-separated lines."""
from __future__ import annotations

from ..normalize.emphasis import ASTERISK_ITALIC, HTML_ITALIC
from .evidence import Evidence

MIN_TABLE_ROWS = 2


def infer_markup(ev: Evidence) -> None:
    text = "\n".join(l.text for l in ev.body())
    kinds, counts = [], []
    for kind, pattern in (("html", HTML_ITALIC), ("asterisk", ASTERISK_ITALIC)):
        n = sum(1 for _ in pattern.finditer(text))
        if n >= 2:
            kinds.append(kind)
            counts.append(f"{n} {'<i>…</i>' if kind == 'html' else '*…*'}")
    if kinds:
        ev.found("emphasis", kinds, f"italics marked {' and '.join(counts)}")
    rows = _table_rows(ev)
    if rows:
        ev.found("tables", "tab-separated", f"{len(rows)} lines in runs of tab-separated cells (line {rows[0]})")


def _table_rows(ev: Evidence) -> list[int]:
    """Lines with a tab between two cells, in runs of at least MIN_TABLE_ROWS."""
    rows, run = [], []
    for line in ev.body():
        cells = [c for c in line.raw.strip().split("\t") if c.strip()]
        if len(cells) >= 2 and ":" not in cells[1][:2]:  # not a catalogue field ("title\t: …")
            run.append(line.no)
            continue
        if line.blank and run:
            continue
        if len(run) >= MIN_TABLE_ROWS:
            rows += run
        run = []
    return rows + (run if len(run) >= MIN_TABLE_ROWS else [])
