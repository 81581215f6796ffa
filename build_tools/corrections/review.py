"""`edition review SLUG`: what waits for an editor, each item with the line to paste into corrections.yml.

The open review items of the apparatus (with the words around them and the
`accept:`/`reject:` lines that settle them), then the self-check's other
findings (with a `replace:` to fill in). Read from a fresh conversion, with
the corrections already committed applied.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..check.finding import Finding, quote
from ..check.report import place
from ..emendation_ids import spans
from ..model import Edition, Emendation
from ..write.data import records_json


@dataclass
class Item:
    """One thing for an editor to settle, and how."""

    source: str
    kind: str
    page: str | None
    line: int
    part: str
    anchor: str
    quote: str  # the words around it, line breaks as |
    note: str
    entry: str = ""  # the apparatus entry's id, for an apparatus item
    paste: list[str] = field(default_factory=list)  # corrections.yml lines that would settle it


def review_items(edition: Edition, findings: list[Finding], where: dict[str, str]) -> list[Item]:
    items = [_open_entry(edition, b, e, where) for b in edition.all_blocks() for e in b.emendations
             if e.status == "review"]
    items += [_finding(f) for f in findings if not f.entry and not f.settled]
    return items


def _open_entry(edition: Edition, block, e: Emendation, where: dict[str, str]) -> Item:
    span = spans(block).get(id(e))
    context = quote(block.text, span[0], span[1] - span[0]) if span else quote(block.text, 0, 0)
    said = f"{e.original} → {e.reading}" if e.reading != e.original else e.original
    return Item(edition.source.slug, e.kind, e.page, e.line, where.get(e.anchor, ""), e.anchor, context,
                f"{said.replace(chr(10), '|')}: {e.note or 'flagged for review'}", e.id,
                [f"- accept: {e.id}", f"- reject: {e.id}"])


def _finding(f: Finding) -> Item:
    paste = []
    if f.spot.strip():
        fields = {"find": f.spot, "with": "…", "in": f.part, "note": "…"}
        paste.append("- replace: {" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()) + "}")
    kind = f"{f.check}: {f.kind}" + (" (for review)" if f.review else "")
    return Item(f.source, kind, f.page, f.line, f.part, f.anchor, f.quote, f.note, "", paste)


def report(items: dict[str, list[Item]], settled: dict[str, int]) -> str:
    lines: list[str] = []
    for slug, found in items.items():
        entries = sum(bool(i.entry) for i in found)
        lines.append(f"{slug}: {entries} open review item{'s' if entries != 1 else ''} in the apparatus"
                     + (f" ({settled[slug]} settled by the editor)" if settled.get(slug) else "")
                     + f", {len(found) - entries} other finding{'s' if len(found) - entries != 1 else ''}")
        for i in found:
            where = place(Finding("", "", slug, i.part, i.anchor, i.page, i.line, ""))
            lines.append(f"  {where}: {i.kind}" + (f" ({i.entry})" if i.entry else "") + f": {i.note}")
            lines.append(f"      “{i.quote}”")
            lines += [f"      {p}" for p in i.paste]
    return "\n".join(lines) + "\n" if lines else ""


def review(root: Path, slugs: list[str], as_json: bool = False) -> str:
    from ..pipeline import anchor_pages, check_sources_with_editions

    found = check_sources_with_editions(root, slugs)
    items = {slug: review_items(edition, findings, anchor_pages(edition))
             for slug, (edition, findings) in found.items()}
    if as_json:
        return records_json(asdict(i) for found_items in items.values() for i in found_items)
    settled = {slug: sum(f.settled for f in findings) for slug, (_, findings) in found.items()}
    return report(items, settled)
