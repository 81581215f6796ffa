"""The self-check's findings as `edition check` prints them."""
from __future__ import annotations

from ..write.data import records_json
from . import CHECKS, REVIEW, SETTLED_BY, summary
from .finding import Finding


def details(found: dict[str, list[Finding]]) -> str:
    """Per source: its summary line, then each finding under its check, with its place."""
    lines: list[str] = []
    for slug, findings in found.items():
        lines.append(summary(slug, findings))
        groups = [(name, [f for f in findings if f.check == name and not f.review]) for name, _ in CHECKS]
        groups.append((REVIEW, [f for f in findings if f.review and not f.settled]))
        groups.append((SETTLED_BY, [f for f in findings if f.settled]))
        for name, group in groups:
            if group:
                lines.append(f"  {name} ({len(group)})")
                lines += [f"    {place(f)}: {f.kind}: “{f.quote}”" + (f" ({f.note})" if f.note else "") for f in group]
    return "\n".join(lines) + "\n" if lines else ""


def place(f: Finding) -> str:
    """Where a finding is: printed page, raw line, and the anchor a link would go to."""
    parts = [f"p. {f.page}"] if f.page else []
    parts.append(f"line {f.line}")
    if f.anchor:
        parts.append(f"{f.part}#{f.anchor}")
    return ", ".join(parts)


def as_records(found: dict[str, list[Finding]]) -> str:
    return records_json(f.record() for findings in found.values() for f in findings)
