"""What should have become a link and did not: every one, counted.

- a note reference that leads to no note (after a year, most likely the end
  of a date range whose dash was lost: "from 1908¹⁷");
- a locator of the printed index that links to no page or note, whether or
  not the index page lists it among those it could not link.
"""
from __future__ import annotations

import re

from .finding import Evidence, Finding
from .index import locators

NAME = "not linked"
YEAR_BEFORE = re.compile(r"\b1[5-9]\d\d$")


def check(evidence: Evidence) -> list[Finding]:
    found: list[Finding] = []
    for p in evidence.passages:
        for r in p.refs:
            if r.note is not None:
                continue
            year = YEAR_BEFORE.search(p.text[max(0, r.offset - 5):r.offset])
            note = f"after a year: the date range {year.group()}–{r.number}?" if year else "leads to no note"
            found.append(evidence.at(NAME, "note reference", p, r.offset, len(r.number), note=note))
    listed = {(u.anchor, u.locator) for u in evidence.unresolved}
    for loc in locators(evidence.passages):
        if loc.linked:
            continue
        listed_here = (loc.passage.anchor, loc.text.rstrip(".")) in listed
        said = "listed as not linked" if listed_here else "not linked, and not listed"
        # One the index page lists with its reason is the editor's to settle, like the apparatus's review items.
        found.append(evidence.at(NAME, "index locator", loc.passage, loc.start, loc.end - loc.start,
                                 note=f"{loc.headword}: {said}", review=listed_here))
    return found
