"""Plain-text export: the reading text, one paragraph per line, notes excluded."""
from __future__ import annotations

from ..model import Edition


def reading_text(edition: Edition) -> str:
    lines: list[str] = []
    for d in edition.divisions:
        if d.kind == "notes":
            continue
        for b in d.blocks:
            if b.kind == "table":
                lines += ["\t".join(c.text for c in row) for row in b.rows]
                continue
            text = b.text  # note references are apparatus, not reading text
            if b.kind == "heading" and b.number:
                text = b.number + ". " + text
            lines += [" ".join(part.split()) for part in text.split("\n")] if b.kind == "lines" else [" ".join(text.split())]
    return "\n".join(l for l in lines if l) + "\n"
