"""Plain-text export: the reading text, one paragraph per line, notes excluded."""
from __future__ import annotations

from ..model import Edition, strip_sentinels


def reading_text(edition: Edition) -> str:
    lines: list[str] = []
    for d in edition.divisions:
        if d.kind == "notes":
            continue
        for b in d.blocks:
            if b.kind == "table":
                lines += ["\t".join(strip_sentinels(c) for c in row) for row in b.rows]
                continue
            text = strip_sentinels(b.text)
            if b.kind == "heading" and b.role.startswith("chapter:"):
                text = b.role.split(":", 1)[1] + ". " + text
            lines.append(" ".join(text.split()))
    return "\n".join(l for l in lines if l) + "\n"
