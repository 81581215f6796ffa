"""The apparatus: what it marks for review, and entries a reader cannot place.

Items the apparatus marks *review* are listed as such (known, waiting for
an editor); those an editor has accepted or rejected (corrections.yml) are
listed as settled. An entry of a source with printed pages that gives no page is
a defect: the editorial notes then cite a raw line no reader has.
"""
from __future__ import annotations

from ..model import SETTLED
from .finding import Evidence, Finding

NAME = "apparatus"


def check(evidence: Evidence) -> list[Finding]:
    found: list[Finding] = []
    paged = any(pb.label for pb in evidence.pages)
    for e in evidence.emendations:
        p = evidence.passage(e.anchor)
        if e.status == "review":
            found.append(_finding(evidence, p, e, e.kind, e.note or "flagged for review", review=True))
        elif e.status in SETTLED:  # an editor's decision (corrections.yml): settled, counted apart
            said = f"{e.status} by the editor" + (f": {e.editor_note}" if e.editor_note else "")
            found.append(_finding(evidence, p, e, e.kind, said, review=True, settled=True))
        if paged and not e.page:
            found.append(_finding(evidence, p, e, "entry without a page", f"{e.kind}: the apparatus gives line {e.line}"))
    return found


def _finding(evidence: Evidence, p, e, kind: str, note: str, review: bool = False, settled: bool = False) -> Finding:
    quote = f"{e.original} → {e.reading}" if e.reading != e.original else e.original
    if p is None:
        return Finding(NAME, kind, evidence.source, "", "", e.page, e.line, quote.replace("\n", "|"), note, review,
                       settled, entry=e.id)
    return Finding(NAME, kind, evidence.source, p.part, p.anchor, e.page or p.page, e.line, quote.replace("\n", "|"),
                   note, review, settled, entry=e.id)
