"""A printed index's headings of persons, linked to the register of persons.

The register records each person's heading as the printed index gives it
(persons.yml `index`: "Agabekov, Georgy Sergeevich (p Aruntov; p Ovsepián),
Soviet defector"). A line of the index that opens with that heading is the
person's entry: its name ("Agabekov, Georgy Sergeevich") links to the
person's entry in the register. A heading two persons share is linked to
neither. These links are not mentions: the index is the book's apparatus, not
its text, and the register's pages do not list it.
"""
from __future__ import annotations

import re

from ..model import Edition, Link
from .registers import INDEX_HEADING, Person

PSEUDONYM = "p "  # the index marks a name that is a pseudonym so ("p Stalin, Iosip")
_OCR_DASH = re.compile(r"^[-–]\s+")  # "- Lisitsyn (fnu)": a dash the OCR put before some entries


def headings(persons: list[Person]) -> dict[str, str]:
    """Each printed heading -> the one person it heads (headings two persons share are left out)."""
    found: dict[str, set[str]] = {}
    for p in persons:
        for heading in p.index:
            # as the text reads it: the heading's italics ("*Carmen*") are marks of the text, not characters
            found.setdefault(heading.replace("*", "").strip(), set()).add(p.id)
    return {h: next(iter(ids)) for h, ids in found.items() if len(ids) == 1 and h}


def name_span(heading: str) -> tuple[int, int]:
    """Where the name is in a heading: "Agabekov, Georgy Sergeevich" of "Agabekov, Georgy Sergeevich
    (p Aruntov; …), Soviet defector"; the pseudonym mark stays outside."""
    start = len(PSEUDONYM) if heading.startswith(PSEUDONYM) and heading[2:3].isupper() else 0
    m = INDEX_HEADING.match(heading, start)
    if not m:
        return start, len(heading)
    family_end = m.end("family")
    # "Asmus (fnu), Soviet Embassy Counsellor": a name in brackets ends the name; what follows describes
    after_bracket = heading[family_end:].lstrip().startswith("(")
    end = m.end("given") if m.group("given") and not after_bracket else family_end
    return start, start + len(heading[start:end].rstrip())


def link_index_headings(edition: Edition, by_heading: dict[str, str], register: str = "persons") -> int:
    """Link the name of every index line that opens with a person's printed heading; how many."""
    if not by_heading:
        return 0
    longest = sorted(by_heading, key=len, reverse=True)  # "Kamenev, Lev" before "Kamenev"
    linked = 0
    for d in (d for d in edition.divisions if d.kind == "index"):
        for b in (b for b in d.blocks if b.kind in ("para", "lines")):
            start = 0
            for line in b.text.split("\n"):
                lead = len(line) - len(_OCR_DASH.sub("", line.lstrip()))
                heading = next((h for h in longest if line.startswith(h, lead) and _ends_there(line, lead + len(h))), None)
                if heading:
                    a, z = name_span(heading)
                    b.add(Link(start + lead + a, start + lead + z, by_heading[heading], register))
                    linked += 1
                start += len(line) + 1
    return linked


def _ends_there(line: str, end: int) -> bool:
    """The heading is the whole of what opens the line: locators or the line's end follow it."""
    return end == len(line) or line[end] in ",;:( "
