"""Plain-text export: the reading text, one paragraph per line, notes excluded."""
from __future__ import annotations

from ..model import REF_RE, Edition, strip_sentinels


def _reading(text: str) -> str:
    """Note references are apparatus, not reading text."""
    return strip_sentinels(REF_RE.sub("", text))  # notes live elsewhere


def reading_text(edition: Edition) -> str:
    lines: list[str] = []
    for d in edition.divisions:
        if d.kind == "notes":
            continue
        for b in d.blocks:
            if b.kind == "table":
                lines += ["\t".join(_reading(c) for c in row) for row in b.rows]
                continue
            text = _reading(b.text)
            if b.kind == "heading" and b.role.startswith("chapter:"):
                text = b.role.split(":", 1)[1] + ". " + text
            lines += [" ".join(part.split()) for part in text.split("\n")] if b.kind == "lines" else [" ".join(text.split())]
    return "\n".join(l for l in lines if l) + "\n"
