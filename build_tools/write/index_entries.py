"""How a printed index nests: its entries, and the sub-entries under each.

A plain-text index prints a sub-entry as a line of its own, like an entry
("and Tamara Khazanova, 36" under "Alliluyeva, Nadezhda"; "Cheka/OGPU,
quarrels with, 3" under "Bazhanov, Boris"). What tells them apart is the
index's own order: within a letter's section, the entries follow one
another alphabetically by their headword, and a sub-entry, which sorts among
its entry's other sub-entries, breaks that order. So the entries of a
section are the lines that begin with a capital of the section's letter and
keep the alphabetical order of their first words longest (the longest
non-decreasing run); every other line is a sub-entry of the entry above it.
Acronyms ("CPSU", "GPU") come before words, as indexes print them; names
that share their first five letters may stand either way round ("Khutarov"
before "Khutarevna", "Sokolov" before "Sokolnikov": the index's own slips);
a line phrased as a sub-entry ("Troika, struggle against, 53") counts half
and ties with no entry after it; lines before the section's first entry are
entries.
"""
from __future__ import annotations

import re

from ..letters import without_accents

PSEUDONYM = re.compile(r"^(?:[-–] )?(?:p (?=[A-Z]))?")  # "p Stalin, Iosip": a pseudonym; "- Lisitsyn": OCR's dash
OPENING = re.compile(r"^[\"'“‘(\[]+")
NEAR_TIE = 5  # leading letters two names share when the index prints them either way round
# A sub-entry's phrase often ends in a preposition before its locators ("Troika, struggle against, 53"):
# such a line counts half towards the run of entries.
PHRASE_END = re.compile(r"\b(?:of|on|in|by|for|with|against|to|from|about|over|toward|towards)\s*,\s*[\divxlcn*]")
HEADWORD = re.compile(r"[^,(]+")


def _fold(text: str) -> str:
    return without_accents(text)


def headword(line: str) -> str:
    """The words an index orders a line by: up to the first comma or parenthesis, the pseudonym
    mark and opening quotes dropped."""
    text = OPENING.sub("", PSEUDONYM.sub("", line.strip()))
    m = HEADWORD.match(text)
    return m.group(0).strip() if m else text


def order_key(line: str) -> tuple[int, str]:
    """Its headword's first word, folded ("Lenin Institute" and "Lenin, Vladimir" tie); acronyms first."""
    words = headword(line).split()
    first = words[0] if words else ""
    acronym = len(first) > 1 and first.isupper() and first.isalpha()
    return (0 if acronym else 1, re.sub(r"[^a-z]", "", _fold(first).casefold()))


def _starts_entry(line: str, letter: str | None) -> bool:
    """Could be an entry of the section: a capital (of the section's letter, when it has one)."""
    text = OPENING.sub("", PSEUDONYM.sub("", line.strip()))
    first = _fold(text[:1])
    return bool(first) and first.isupper() and (letter is None or first.casefold() == letter)


def levels(lines: list[str], letter: str | None = None) -> list[int]:
    """0 for an entry, 1 for a sub-entry, for the lines of one letter's section in order (letter:
    the section's, lower case; None where the index has no letter headings)."""
    candidates = [i for i, line in enumerate(lines) if _starts_entry(line, letter)]
    weights = [1 if not PHRASE_END.search(lines[i]) else 0.5 for i in candidates]
    entries = set(_heaviest_ordered_run([order_key(lines[i]) for i in candidates], weights, candidates))
    first = min(entries) if entries else len(lines)
    return [0 if i in entries or i < first else 1 for i in range(len(lines))]


def _follows(before: tuple[int, str], after: tuple[int, str]) -> bool:
    """after may be the entry after before: in order, or a near-tie printed the other way round."""
    return before <= after or before[0] == after[0] and before[1][:NEAR_TIE] == after[1][:NEAR_TIE] \
        and len(after[1]) >= NEAR_TIE


def _heaviest_ordered_run(keys: list, weights: list[float], positions: list[int]) -> list[int]:
    """The positions of the non-decreasing subsequence of keys of the greatest weight (the earliest
    of equals). Quadratic in a letter's lines, which a printed index keeps to hundreds."""
    best = [0.0] * len(keys)
    before = [-1] * len(keys)
    for i, key in enumerate(keys):
        best[i] = weights[i]
        for j in range(i):
            # a line phrased as a sub-entry ties with no entry after it ("Trotsky, first serious
            # attack on" / "p Trotsky, Lev"): the one after is the entry
            ordered = _follows(keys[j], key) and (keys[j] != key or weights[j] == 1)
            if ordered and best[j] + weights[i] > best[i]:
                best[i], before[i] = best[j] + weights[i], j
    if not keys:
        return []
    i = max(range(len(keys)), key=lambda k: (best[k], -k))
    run = []
    while i >= 0:
        run.append(positions[i])
        i = before[i]
    return run[::-1]


def division_levels(division) -> dict[int, list[int]]:
    """For each entry block of a printed index (by id): the level of each of its lines. A letter's
    section runs from its heading ("A") to the next."""
    sections: list[tuple[str | None, list]] = [(None, [])]
    for b in division.blocks:
        if b.kind == "heading":
            title = b.printed().strip()
            sections.append((title.casefold() if len(title) == 1 and title.isalpha() else None, []))
        elif b.kind in ("para", "lines"):
            sections[-1][1].append(b)
    found: dict[int, list[int]] = {}
    for letter, blocks in sections:
        lines = [(b, line.printed().strip()) for b in blocks for line in b.lines()]
        for (b, _), level in zip(lines, levels([text for _, text in lines], letter)):
            found.setdefault(id(b), []).append(level)
    return found


def nest(anchor: str, rendered_lines: list[str], line_levels: list[int]) -> str:
    """An index block as Markdown: each printed line a line of its own, a sub-entry set under its
    entry (edition.css); the block's anchor first."""
    classes = {0: "index-entry", 1: "index-entry index-entry--sub"}
    spans = [f'<span class="{classes[level]}">{text}</span>' for text, level in zip(rendered_lines, line_levels)]
    return anchor + "\n".join(spans)
