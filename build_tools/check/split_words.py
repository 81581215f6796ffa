"""Words still split by a hyphen and a space or a line break: "documenta- tion", "Eme-|lian".

A hyphen followed by white space inside a paragraph is either a line-end
hyphen the conversion did not repair (the joined form is a word: the
lexicon says so) or a compound whose hyphen kept the space after it
("then- rudimentary"). Only a suspended compound, "pre- and post-war",
prints a hyphen before a space on purpose: the word after it is a
conjunction.
"""
from __future__ import annotations

import re

from .finding import Evidence, Finding

NAME = "split words"
SPLIT = re.compile(r"(?P<left>[^\W\d_]+)-(?P<gap>[ \t]*\n[ \t]*|[ \t]+)(?P<right>[^\W\d_]+)")
SUSPENDED_BEFORE = {"and", "or", "nor", "to", "than", "as"}  # "junior- and second-level"


def check(evidence: Evidence) -> list[Finding]:
    found = []
    for p in evidence.passages:
        for m in SPLIT.finditer(p.text):
            left, right = m.group("left"), m.group("right")
            if right.casefold() in SUSPENDED_BEFORE:
                continue
            joined, lexicon = left + right, evidence.lexicon
            if lexicon.known(joined):
                kind, note = "split word", f"{joined} is a word"
            elif lexicon.known(left) and lexicon.known(right):
                kind, note = "split compound", f"{left}-{right}?"
            else:
                kind, note = "split word", f"{joined}? (not a known word either way)"
            gap = "a line break" if "\n" in m.group("gap") else "a space"
            found.append(evidence.at(NAME, kind, p, m.start(), m.end() - m.start(), note=f"hyphen and {gap}: {note}"))
    return found
