"""The self-check: read a converted source as a reader would and list what an
editor should look at, per source, with its place.

Every check is a small module with a NAME and a `check(evidence)` that
returns findings; CHECKS runs them in order. The checks read only the
reading view (view.py) and the apparatus, never the pipeline's model.
Findings the apparatus itself marks for review are listed apart: they are
known and waiting for an editor, not defects of the conversion; those an
editor has settled (corrections.yml) are counted apart again.
"""
from __future__ import annotations

from collections import Counter

from ..lexicon import Lexicon
from . import apparatus, debris, headings, links, pages, paragraphs, registers, split_words
from .finding import Evidence, Finding
from .view import passages, register_places

CHECKS = [
    (split_words.NAME, split_words.check),
    (debris.NAME, debris.check),
    (headings.NAME, headings.check),
    (paragraphs.NAME, paragraphs.check),
    (pages.NAME, pages.check),
    (links.NAME, links.check),
    (registers.NAME, registers.check),
    (apparatus.NAME, apparatus.check),
]
REVIEW = "for review"
SETTLED_BY = "settled by the editor"


def evidence_of(edition, lexicon: Lexicon | None = None, occurrences=(), persons=()) -> Evidence:
    """What the checks read of a converted source (the one place that knows the model besides view.py).

    occurrences: what enrichment found in it; persons: the register (for the entries' printed names).
    """
    source = edition.source
    return Evidence(source.slug, passages(edition), edition.emendations, source.removals, source.pages,
                    source.unresolved_locators, lexicon or Lexicon([source.text]),
                    register_places(edition, occurrences, persons))


def run_checks(evidence: Evidence) -> list[Finding]:
    found: list[Finding] = []
    for _, check in CHECKS:
        found += check(evidence)
    return found


def check_edition(edition, lexicon: Lexicon | None = None, occurrences=(), persons=()) -> list[Finding]:
    return run_checks(evidence_of(edition, lexicon, occurrences, persons))


def defects(findings: list[Finding]) -> list[Finding]:
    """What --strict refuses: everything but the apparatus's own review items."""
    return [f for f in findings if not f.review]


def summary(slug: str, findings: list[Finding]) -> str:
    """One line: "lewin-soviet-century: 0 split words, 7 headings, ..., 5 for review"; review items an
    editor has settled are counted apart: "..., 2 for review (14 settled by the editor)"."""
    counts = Counter(f.check for f in findings if not f.review)
    parts = [f"{counts[name]} {name}" for name, _ in CHECKS]
    settled = sum(f.settled for f in findings)
    return (f"{slug}: {', '.join(parts)}, {sum(f.review and not f.settled for f in findings)} {REVIEW}"
            + (f" ({settled} {SETTLED_BY})" if settled else ""))
