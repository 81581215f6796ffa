"""Page anchors a citation can trust: in order, each once, where the page begins.

- out of order or duplicated (within one series: roman front matter, then
  arabic);
- a page break without a number;
- away from its own marker: the printed page number (or running head) stood
  inside a paragraph, but the anchor sits at the paragraph's start, or the
  other way round;
- far from where the text's page length predicts: halfway between its
  neighbours, give or take what printed pages vary;
- contradicted by the printed index: several entries the index puts on one
  page stand, in the edition, just across that page's boundary.
"""
from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from .finding import Evidence, Finding
from .index import locators
from .view import PageMark, Passage, print_order

NAME = "page anchors"
# Measured: a page anchor stands at most 0.50 of a median page from the midpoint of its neighbours (Bazhanov,
# where a part ends on a short page); a displaced anchor is flagged beyond three quarters of a page.
DRIFT = 0.75
MIN_PAGES = 5  # fewer pages give no typical page length
# Index evidence: entries the printed index puts on a page, found instead this close across its boundary
# (a fraction of the median page), by at least this many different headwords. Measured on Bazhanov: one
# boundary has six (p. ix, placed by proportion); no other has more than one.
INDEX_REACH = 0.25
INDEX_VOTES = 3
MIN_HEADWORD = 4  # shorter headwords ("Sir", "Dr") match too much text
WORD = re.compile(r"[^\W\d_]+")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@dataclass
class Mark:
    pos: int  # characters of reading text before it, in printed order
    mark: PageMark
    passage: Passage


def check(evidence: Evidence) -> list[Finding]:
    marks = _marks(evidence.passages)
    found = _order(evidence, marks)
    found += _away_from_marker(evidence)
    found += _drift(evidence, marks)
    found += _index_evidence(evidence)
    return found


def value(label: str) -> tuple[str, int]:
    """('arabic', 75) or ('roman', 14): the series a page label belongs to, and its place in it."""
    if label.isdigit():
        return "arabic", int(label)
    total, prev = 0, 0
    for ch in reversed(label.lower()):
        v = ROMAN.get(ch, 0)
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return "roman", total


def _marks(passages: list[Passage], skip_index: bool = False) -> list[Mark]:
    out, pos = [], 0
    for p in print_order(passages):
        if skip_index and p.part_kind == "index":
            continue
        out += [Mark(pos + m.offset, m, p) for m in p.pages]
        pos += len(p.text) + 1
    return out


def _order(evidence: Evidence, marks: list[Mark]) -> list[Finding]:
    found, last, seen = [], {}, set()
    for k in marks:
        label = k.mark.label
        if not label:
            found.append(evidence.at(NAME, "page without a number", k.passage, k.mark.offset, 0,
                                     note="a page break the conversion could not number"))
            continue
        if label in seen:
            found.append(_at(evidence, k, "page duplicated", f"page {label} has another anchor before this one"))
        seen.add(label)
        series, n = value(label)
        if series in last and n < last[series][1]:
            found.append(_at(evidence, k, "page out of order", f"page {label} after page {last[series][0]}"))
        last[series] = (label, n)
    return found


def _at(evidence: Evidence, k: Mark, kind: str, note: str) -> Finding:
    return evidence.at(NAME, kind, k.passage, k.mark.offset, 0, note=note, page=k.mark.label,
                       line=k.mark.line or k.passage.line)


def _away_from_marker(evidence: Evidence) -> list[Finding]:
    """A marker printed after the paragraph's first line cannot open the paragraph, and vice versa."""
    found = []
    for p in evidence.passages:
        for m in p.pages:
            if m.line is None:
                continue
            if m.offset == 0 and m.line > p.line and p.text:
                found.append(evidence.at(NAME, "page anchor too early", p, 0, 0, page=m.label, line=m.line,
                                         note=f"page {m.label} is marked on line {m.line}, inside this paragraph "
                                              f"(which begins on line {p.line}), but anchored at its start"))
            elif m.offset > 0 and m.line < p.line:
                found.append(evidence.at(NAME, "page anchor too late", p, m.offset, 0, page=m.label, line=m.line,
                                         note=f"page {m.label} is marked on line {m.line}, before this paragraph "
                                              f"(line {p.line}), but anchored inside it"))
    return found


def _typical_page(marks: list[Mark]) -> float | None:
    lengths = [b.pos - a.pos for a, b in zip(marks, marks[1:]) if b.pos > a.pos]
    return statistics.median(lengths) if len(lengths) >= MIN_PAGES else None


def _drift(evidence: Evidence, marks: list[Mark]) -> list[Finding]:
    labelled = [k for k in marks if k.mark.label]
    typical = _typical_page(labelled)
    if not typical:
        return []
    found = []
    for a, b, c in zip(labelled, labelled[1:], labelled[2:]):
        if len({value(k.mark.label)[0] for k in (a, b, c)}) > 1:
            continue
        midpoint = (a.pos + c.pos) / 2
        drift = (b.pos - midpoint) / typical
        if abs(drift) > DRIFT:
            side = "early" if drift < 0 else "late"
            found.append(_at(evidence, b, "page anchor misplaced",
                             f"{abs(drift):.2f} of a typical page ({typical:.0f} characters) {side} of the midpoint "
                             f"between pages {a.mark.label} and {c.mark.label}"))
    return found


def _index_evidence(evidence: Evidence) -> list[Finding]:
    """Boundaries that several index entries say are misplaced."""
    marks = [k for k in _marks(evidence.passages, skip_index=True) if k.mark.label]
    typical = _typical_page(marks)
    entries = [loc for loc in locators(evidence.passages) if loc.page and len(loc.headword) >= MIN_HEADWORD]
    if not typical or not entries:
        return []
    text = "\n".join(p.text for p in print_order(evidence.passages) if p.part_kind != "index")
    where_word: dict[str, list[int]] = defaultdict(list)  # word -> its positions, in order: one pass over the text
    for m in WORD.finditer(text):
        where_word[m.group()].append(m.start())
    starts = {k.mark.label: (i, k) for i, k in enumerate(marks)}
    # (page whose anchor the entries contradict, the page the index gives, "early"/"late") -> headword -> distance
    votes: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
    reach = INDEX_REACH * typical
    for loc in entries:
        last = loc.last or loc.page
        if loc.page not in starts or last not in starts:
            continue
        i, first = starts[loc.page]
        j, _ = starts[last]
        begin, end = first.pos, marks[j + 1].pos if j + 1 < len(marks) else len(text)
        found_at = where_word.get(loc.headword, [])
        if not found_at or _any_within(found_at, begin, end):
            continue
        after = [x - end for x in _within(found_at, end, end + reach)]
        before = [begin - x for x in _within(found_at, begin - reach, begin)]
        if after and j + 1 < len(marks):  # the next page's anchor stands before text indexed on this one
            votes[(marks[j + 1].mark.label, last, "early")].setdefault(loc.headword, min(after))
        elif before:  # this page's anchor stands after text indexed on it
            votes[(loc.page, loc.page, "late")].setdefault(loc.headword, min(before))
    found = []
    for (label, indexed, side), words in votes.items():
        if len(words) >= INDEX_VOTES:
            k = starts[label][1]
            names = ", ".join(sorted(words))
            where = "after" if side == "early" else "before"
            found.append(_at(evidence, k, "page anchor contradicts the index",
                             f"the printed index puts {names} on p. {indexed}; the edition has them up to "
                             f"{max(words.values())} characters {where} this anchor of p. {label}"))
    return found


def _within(positions: list[int], lo: float, hi: float) -> list[int]:
    """The positions p (sorted) with lo <= p < hi."""
    return positions[bisect_left(positions, lo):bisect_left(positions, hi)]


def _any_within(positions: list[int], lo: float, hi: float) -> bool:
    i = bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi
