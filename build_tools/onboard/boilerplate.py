"""Lines a portal or printer repeats on page after page ("Downloaded from …").

A line (its digits aside: dates and counters vary) that recurs at least
MIN_REPEATS times, far apart, is boilerplate; note-like lines ("12. Ibid.")
and short lines (a section break) never are. A line that only looks like
portal matter (a copyright line, "Subscriber:") but occurs once is reported,
not removed.
"""
from __future__ import annotations

import re
import statistics
from collections import defaultdict

from .evidence import Evidence, Line, literal, quote

MIN_REPEATS = 3
MIN_LENGTH = 12
NOTE_LIKE = re.compile(r"[(\[]?\d{1,3}[.)\]]\s|[⁰¹²³⁴⁵⁶⁷⁸⁹]")
PORTAL_WORDS = re.compile(r"©|all rights reserved|downloaded from|printed from|subscriber:", re.I)
# Glued to the end of a line by a portal ("…2006)Find this resource:"): a capitalised phrase after no space.
GLUED_TAIL = re.compile(r"(?<=[^\s])([A-Z][a-z]+(?: [a-z]+){1,4}:?)$")


def infer_boilerplate(ev: Evidence) -> None:
    shapes: dict[str, list[Line]] = defaultdict(list)
    for line in ev.body():
        text = line.text
        if len(text) >= MIN_LENGTH and sum(c.isalpha() for c in text) >= 6 and not NOTE_LIKE.match(text):
            shapes[_shape(text)].append(line)
    patterns, described = [], []
    # On a paged text boilerplate stands on a good share of the pages; captions and index entries do not.
    pages = len(ev.page_starts)
    least = max(MIN_REPEATS, pages // 3)
    for shape, found in sorted(shapes.items(), key=lambda kv: kv[1][0].no):
        # Without pages to count, a repeated line must recur evenly through the text (captions cluster).
        if len(found) >= least and _far_apart(found) and (pages or _even(found, _offsets(ev))):
            patterns.append(shape)
            described.append(f"{quote(found[0].text)} {len(found)} times (lines {found[0].no}, {found[1].no}, …)")
            ev.furniture.update(l.no for l in found)
    if patterns:
        ev.found("boilerplate_lines", patterns, "; ".join(described))
    portal = [l for l in ev.body() if PORTAL_WORDS.search(l.text) and l.no not in ev.furniture and len(l.text) < 300]
    told: set[str] = set()
    for line in portal:
        found = shapes.get(_shape(line.text), [line])
        if _shape(line.text) in told or len(told) == 3:
            continue
        told.add(_shape(line.text))
        how = "occurs once" if len(found) == 1 else f"recurs {len(found)} times, unevenly"
        ev.doubt(f"line {line.no} looks like portal matter ({quote(line.text)}) but {how}: "
                 "add it to boilerplate.lines if it is")
    tails: dict[str, list[Line]] = defaultdict(list)
    for line in ev.body():
        m = GLUED_TAIL.search(line.text)
        if m:
            tails[m.group(1)].append(line)
    glued = {t: found for t, found in tails.items() if len(found) >= 5}
    if glued:
        ev.found("boilerplate_inline", sorted(literal(t) for t in glued),
                 "; ".join(f"'{t}' glued to the end of {len(f)} lines" for t, f in glued.items()))


def _shape(text: str) -> str:
    """The line as a pattern: its digits may vary, nothing else."""
    return re.sub(r"\d+", r"\\d+", re.escape(" ".join(text.split())).replace(r"\ ", " ")).replace(" ", r"\s+")


def _far_apart(found: list[Line]) -> bool:
    """Not a run of equal lines (a rule of asterisks, a table): mostly a few lines apart at least."""
    gaps = [b.no - a.no for a, b in zip(found, found[1:])]
    return sum(g >= 3 for g in gaps) >= 0.8 * len(gaps)


def _offsets(ev: Evidence) -> dict[int, int]:
    """Each line's distance from the start of the text, in characters: a page holds about as many
    characters each time, not as many lines (a text with a paragraph to a line has lines of any length)."""
    out, at = {}, 0
    for line in ev.lines:
        out[line.no] = at
        at += len(line.raw) + 1
    out[0] = at  # the length of the whole
    return out


def _even(found: list[Line], offsets: dict[int, int]) -> bool:
    """Spread over the text at about equal distances, as a portal stamps every printed page."""
    gaps = [offsets[b.no] - offsets[a.no] for a, b in zip(found, found[1:])]
    spread = offsets[found[-1].no] - offsets[found[0].no] >= 0.5 * offsets[0]
    return spread and statistics.pstdev(gaps) <= 0.5 * statistics.mean(gaps)
