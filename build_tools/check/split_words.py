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
# The hyphen and the white space after it, between letters; the words on either side are read from there
# (a pattern that starts at every letter of a long text is ten times slower).
GAP = re.compile(r"(?<=[^\W\d_])-(?P<gap>[ \t]*\n[ \t]*|[ \t]+)(?=[^\W\d_])")
LEFT = re.compile(r"[^\W\d_]+$")
RIGHT = re.compile(r"[^\W\d_]+")
SUSPENDED_BEFORE = {"and", "or", "nor", "to", "than", "as"}  # "junior- and second-level"


def check(evidence: Evidence) -> list[Finding]:
    found = []
    for p in evidence.passages:
        for m in GAP.finditer(p.text):
            left = LEFT.search(p.text, max(0, m.start() - 60), m.start()).group()
            right = RIGHT.match(p.text, m.end()).group()
            start, end = m.start() - len(left), m.end() + len(right)
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
            found.append(evidence.at(NAME, kind, p, start, end - start, note=f"hyphen and {gap}: {note}"))
    return found
