"""Give every printed page an anchor, including pages whose number was never seen.

Seen numbers ("Page 75", a running head) are exact. A break seen without a
number (a run of blank lines) takes its number from the sequence around it.
A page neither seen nor marked gets an anchor placed by the best evidence:
a heading that opens it (exact when it is the only page missing and the only
heading in the gap), a layout hint (a line beginning with a stray space), or
the paragraph start nearest its proportional position; such anchors are
marked approximate.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from ..model import Division, NoteRef, PageBreak, PageHint, PageMark, Source, page_mark
from ..rules import Rule, State
from .index_locators import index_pages

NAME = re.compile(r"[A-Z][\w'’-]+")  # how an index headword is printed in the text

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
STRENGTH = {"heading": 0, "hint": 1, "paragraph": 2}


@dataclass
class Slot:
    pos: int  # characters of reading text before this point, across the source
    div: int
    block: int
    order: tuple[int, int]  # where in the block: (offset in its text, rank among the marks there)
    kind: str  # page | heading | hint | paragraph
    pb: PageBreak | None = None  # for kind == page, and for the page placed here
    hint: PageHint | None = None  # for kind == hint


def label_value(label: str) -> tuple[str, int]:
    if label.isdigit():
        return "arabic", int(label)
    total, prev = 0, 0
    for ch in reversed(label.lower()):
        v = ROMAN[ch]
        total, prev = (total - v, prev) if v < prev else (total + v, v)
    return "roman", total


def to_label(series: str, n: int) -> str:
    if series == "arabic":
        return str(n)
    out = ""
    for v, s in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + s, n - v
    return out


EVIDENCE = {"heading": "a heading opens the page", "hint": "layout: a line begins with a stray space",
            "paragraph": "proportional position, at the nearest paragraph"}


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Give every printed page an anchor, also pages whose number the source never shows: placed "
                   "at a heading that opens the page, at layout evidence, or at the paragraph nearest their "
                   "proportional place (then marked approximate).",
}


def infer_pages(state: State) -> None:
    source, divisions = state.source, state.divisions
    if not source.pages and not source.setting("pages.first"):
        return
    slots = _scan(source, divisions)
    breaks = [s for s in slots if s.kind == "page"]
    inserts: list[Slot] = []
    first = _first_page(source, slots, breaks)
    if first:
        inserts.append(first)
        breaks.insert(0, first)
    labelled = [s for s in breaks if s.pb.label]
    _check_order(source, [s.pb for s in labelled])
    page_len = _average_page_length(labelled)
    evidence = IndexEvidence(divisions, slots)
    for a, b in zip(labelled, labelled[1:]):
        inserts += _fill_gap(source, slots, breaks, a, b, page_len, evidence)
    if labelled:  # breaks seen without a number after the last numbered one
        series, n = label_value(labelled[-1].pb.label)
        for s in breaks:
            if s.pos > labelled[-1].pos and not s.pb.label:
                n += 1
                s.pb.label, s.pb.evidence = to_label(series, n), s.pb.evidence + "; number from the sequence"
    _apply(source, divisions, inserts)


def _first_page(source: Source, slots: list[Slot], breaks: list[Slot]) -> Slot | None:
    """The page the text opens on, when the bibliography gives it and no marker does."""
    first = source.setting("pages.first")
    starts = [s for s in slots if s.kind in ("paragraph", "heading")]
    if first is None or not starts or (breaks and breaks[0].pos <= starts[0].pos):
        return None
    start = starts[0]
    pb = PageBreak(str(first), start.pos, exact=True, seen=False, evidence="first page of the source, from its bibliography")
    return Slot(start.pos, start.div, start.block, start.order, start.kind, pb, start.hint)


def _fill_gap(source: Source, slots: list[Slot], breaks: list[Slot], a: Slot, b: Slot, page_len: float,
              evidence: "IndexEvidence") -> list[Slot]:
    """Number the breaks between two numbered ones, and place the pages no break marks."""
    sa, na = label_value(a.pb.label)
    sb, nb = label_value(b.pb.label)
    unlabelled = [s for s in breaks if a.pos <= s.pos <= b.pos and s is not a and s is not b and not s.pb.label]
    if sa != sb or (nb <= na + 1 and not unlabelled):
        return []
    missing = list(range(na + 1, nb))
    expected = {n: a.pos + (n - na) * (b.pos - a.pos) / (nb - na) for n in missing}
    # Breaks seen without a number take the nearest free numbers, in order.
    taken: dict[int, int] = {}
    for k, u in enumerate(unlabelled):
        room = len(unlabelled) - k - 1
        choices = [n for n in missing if n > max(taken, default=na) and sum(m > n for m in missing) >= room]
        if not choices:
            source.warnings.append(f"{source.text_path}:{u.pb.line}: page break with no page left to number it")
            continue
        n = min(choices, key=lambda n: abs(expected[n] - u.pos))
        taken[n] = u.pos
        u.pb.label, u.pb.evidence = to_label(sa, n), u.pb.evidence + "; number from the sequence"
    known = sorted([(a.pos, na), (b.pos, nb)] + [(p, n) for n, p in taken.items()])
    headings = [s for s in slots if s.kind == "heading" and a.pos < s.pos < b.pos]
    placed: list[Slot] = []
    for n in missing:
        if n in taken:
            continue
        lo = max(p for p, m in known if m < n)
        hi = min(p for p, m in known if m > n)
        slot = _best_slot(slots, expected[n], lo, hi, page_len, evidence.misplaced(sa, n, na, nb, lo, hi))
        if slot is None:
            source.warnings.append(f"{source.text_path}: no place found for page {to_label(sa, n)}")
            continue
        # Proof: the only page missing, the only heading in the gap, and the page opens there.
        proven = slot.kind == "heading" and len(missing) == 1 and len(headings) == 1 and not unlabelled
        pb = PageBreak(to_label(sa, n), slot.pos, exact=proven, seen=False, evidence=EVIDENCE[slot.kind])
        placed.append(Slot(slot.pos, slot.div, slot.block, slot.order, slot.kind, pb, slot.hint))
        known = sorted(known + [(slot.pos, n)])
    return placed


def _check_order(source: Source, breaks: list[PageBreak]) -> None:
    for x, y in zip(breaks, breaks[1:]):
        sx, nx = label_value(x.label)
        sy, ny = label_value(y.label)
        if sx == sy and ny <= nx:
            source.warnings.append(
                f"{source.text_path}:{y.line}: page {y.label} after page {x.label}: marker repeated or out of order"
            )


def _average_page_length(labelled: list[Slot]) -> float:
    spans = []
    for a, b in zip(labelled, labelled[1:]):
        sa, na = label_value(a.pb.label)
        sb, nb = label_value(b.pb.label)
        if sa == sb and nb > na:
            spans.append((b.pos - a.pos) / (nb - na))
    return sum(spans) / len(spans) if spans else 2000.0


def _best_slot(slots: list[Slot], target: float, lo: int, hi: int, page_len: float,
               misplaced: Callable[[int], int]) -> Slot | None:
    """The strongest place within half a page of where the page should begin (a heading that opens a
    page, then layout evidence, then a paragraph); among equals, the one the printed index contradicts
    least, then the nearest."""
    inside = [s for s in slots if lo < s.pos < hi and s.kind in STRENGTH]
    if not inside:
        return None
    near = [s for s in inside if abs(s.pos - target) <= page_len / 2]
    pool = near or inside
    return min(pool, key=lambda s: (STRENGTH[s.kind], misplaced(s.pos), abs(s.pos - target)))


class IndexEvidence:
    """The printed index as evidence of where a page begins: it is the book's own statement of what is on
    which page. A name mentioned before the place a page would begin must be indexed on an earlier page, one
    mentioned after it on that page or later."""

    def __init__(self, divisions: list[Division], slots: list[Slot]):
        pages = {w: [label_value(l) for l in labels] for w, labels in index_pages(divisions).items()}
        starts = {(s.div, s.block): s.pos for s in slots if s.kind in ("heading", "paragraph")}
        self.mentions: list[tuple[int, list[tuple[str, int]]]] = []  # (where, the index's pages for it)
        for di, d in enumerate(divisions):
            if d.kind in ("text", "front"):
                for bi, b in enumerate(d.blocks):
                    self.mentions += [(starts[(di, bi)], pages[w]) for w in set(NAME.findall(b.text)) & pages.keys()]
        self.mentions.sort(key=lambda m: m[0])
        self.at = [pos for pos, _ in self.mentions]

    def misplaced(self, series: str, n: int, lo_n: int, hi_n: int, lo: int, hi: int) -> Callable[[int], int]:
        """For page n (between pages lo_n and hi_n, text positions lo and hi): how many mentions a page
        beginning at a given position would put on the wrong side."""
        near = []
        for pos, labels in self.mentions[bisect_right(self.at, lo):bisect_left(self.at, hi)]:
            here = [v for s, v in labels if s == series and lo_n <= v <= hi_n]
            if here:
                near.append((pos, min(here) < n, max(here) >= n))
        return lambda at: sum(1 for pos, before, after in near if (pos < at and not before) or (pos >= at and not after))


def _scan(source: Source, divisions: list[Division]) -> list[Slot]:
    slots: list[Slot] = []
    pos = 0
    for di, d in enumerate(divisions):
        for bi, b in enumerate(d.blocks):
            # Only a part's opening (a level-1 heading, a table of contents) is evidence that a page begins there.
            kind = "heading" if b.kind == "heading" and (b.level == 1 or b.opens_page) else "paragraph"
            slots.append(Slot(pos, di, bi, (0, len(b.leading_pages())), kind))
            last, rank = 0, {}
            for m in b.marks:
                if not m.ZERO_WIDTH:
                    continue
                order = (m.start, rank.setdefault(m.start, 0))
                rank[m.start] += 1
                pos += m.start - last  # the reading text counts a reference's number, as printed
                last = m.start
                if isinstance(m, NoteRef):
                    pos += len(m.number)
                elif isinstance(m, PageMark):
                    slots.append(Slot(pos, di, bi, order, "page", m.page))
                elif isinstance(m, PageHint):
                    slots.append(Slot(pos, di, bi, order, "hint", hint=m))
            rows = " ".join(" ".join(c.printed() for c in r) for r in b.rows)
            pos += len(b.text) - last + len(rows) + 1
    slots.sort(key=lambda s: (s.pos, s.kind != "page"))
    return slots


def _apply(source: Source, divisions: list[Division], inserts: list[Slot]) -> None:
    for slot in sorted(inserts, key=lambda s: (s.div, s.block, -s.order[0], -s.order[1])):
        source.pages.append(slot.pb)
        block = divisions[slot.div].blocks[slot.block]
        if slot.kind == "hint":  # the page takes the hint's place
            i = block.marks.index(slot.hint)
            block.marks[i] = page_mark(slot.hint.start, slot.pb)
        else:  # at the block's start, after the pages that open it
            lead = block.leading_pages()
            block.marks.insert(block.marks.index(lead[-1]) + 1 if lead else 0, page_mark(0, slot.pb))
    for d in divisions:
        for b in d.blocks:
            b.marks = [m for m in b.marks if not isinstance(m, PageHint)]


RULE = Rule("missing_pages", infer_pages, SCHEMA)
