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
from dataclasses import dataclass

from ..model import PAGE_CLOSE, PAGE_HINT, PAGE_OPEN, Division, PageBreak, Source
from .text import leading_pages

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
TOKEN = re.compile(f"{PAGE_OPEN}(\\d+){PAGE_CLOSE}|{PAGE_HINT}")
STRENGTH = {"heading": 0, "hint": 1, "paragraph": 2}


@dataclass
class Slot:
    pos: int  # characters of reading text before this point, across the source
    div: int
    block: int
    offset: int  # index in block.text
    kind: str  # page | heading | hint | paragraph
    page: int = -1  # index into source.pages for kind == page


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


def infer_pages(source: Source, divisions: list[Division]) -> None:
    if not source.pages and not source.setting("pages.first"):
        return
    slots = _scan(divisions)
    first = source.setting("pages.first")
    inserts: list[tuple[Slot, PageBreak]] = []
    pages = [s for s in slots if s.kind == "page"]
    if first is not None and slots:
        start = next(s for s in slots if s.kind in ("paragraph", "heading"))
        if not pages or pages[0].pos > start.pos:
            pb = PageBreak(str(first), start.pos, exact=True, seen=False, evidence="first page of the source, from its bibliography")
            inserts.append((start, pb))
            pages.insert(0, Slot(start.pos, start.div, start.block, start.offset, "page", -1))
            _labels: dict[int, PageBreak] = {id(pages[0]): pb}
        else:
            _labels = {}
    else:
        _labels = {}

    def pb_of(slot: Slot) -> PageBreak:
        return _labels.get(id(slot)) or source.pages[slot.page]

    labelled = [s for s in pages if pb_of(s).label]
    _check_order(source, [pb_of(s) for s in labelled])
    page_len = _average_page_length(labelled, pb_of)
    for a, b in zip(labelled, labelled[1:]):
        sa, na = label_value(pb_of(a).label)
        sb, nb = label_value(pb_of(b).label)
        if sa != sb or nb <= na + 1 and not _unlabelled_between(pages, a, b, pb_of):
            continue
        unlabelled = [s for s in pages if a.pos <= s.pos <= b.pos and s is not a and s is not b and not pb_of(s).label]
        missing = list(range(na + 1, nb))
        expected = {n: a.pos + (n - na) * (b.pos - a.pos) / (nb - na) for n in missing}
        # Breaks seen without a number take the nearest free numbers, in order.
        taken: dict[int, int] = {}
        for k, u in enumerate(unlabelled):
            choices = [n for n in missing if n > max(taken, default=na) and len([m for m in missing if m > n]) >= len(unlabelled) - k - 1]
            if not choices:
                source.warnings.append(f"{source.text_path}:{pb_of(u).line}: page break with no page left to number it")
                continue
            n = min(choices, key=lambda n: abs(expected[n] - u.pos))
            taken[n] = u.pos
            pb = pb_of(u)
            pb.label, pb.evidence = to_label(sa, n), pb.evidence + "; number from the sequence"
        known = sorted([(a.pos, na), (b.pos, nb)] + [(p, n) for n, p in taken.items()])
        headings_in_gap = [s for s in slots if s.kind == "heading" and a.pos < s.pos < b.pos]
        for n in missing:
            if n in taken:
                continue
            lo = max(p for p, m in known if m < n)
            hi = min(p for p, m in known if m > n)
            slot = _best_slot(slots, expected[n], lo, hi, page_len)
            if slot is None:
                source.warnings.append(f"{source.text_path}: no place found for page {to_label(sa, n)}")
                continue
            proven = slot.kind == "heading" and len(missing) == 1 and len(headings_in_gap) == 1 and not unlabelled
            evidence = {"heading": "a heading opens the page", "hint": "layout: a line begins with a stray space",
                        "paragraph": "proportional position, at the nearest paragraph"}[slot.kind]
            pb = PageBreak(to_label(sa, n), slot.pos, exact=proven, seen=False, evidence=evidence)
            inserts.append((slot, pb))
            known = sorted(known + [(slot.pos, n)])
    if labelled:  # breaks seen without a number after the last numbered one
        series, n = label_value(pb_of(labelled[-1]).label)
        for s in pages:
            if s.pos > labelled[-1].pos and not pb_of(s).label:
                n += 1
                pb_of(s).label = to_label(series, n)
                pb_of(s).evidence += "; number from the sequence"
    _apply(source, divisions, inserts)


def _unlabelled_between(pages, a, b, pb_of) -> bool:
    return any(a.pos <= s.pos <= b.pos and s is not a and s is not b and not pb_of(s).label for s in pages)


def _check_order(source: Source, breaks: list[PageBreak]) -> None:
    for x, y in zip(breaks, breaks[1:]):
        sx, nx = label_value(x.label)
        sy, ny = label_value(y.label)
        if sx == sy and ny <= nx:
            source.warnings.append(
                f"{source.text_path}:{y.line}: page {y.label} after page {x.label}: marker repeated or out of order"
            )


def _average_page_length(labelled: list[Slot], pb_of) -> float:
    spans = []
    for a, b in zip(labelled, labelled[1:]):
        sa, na = label_value(pb_of(a).label)
        sb, nb = label_value(pb_of(b).label)
        if sa == sb and nb > na:
            spans.append((b.pos - a.pos) / (nb - na))
    return sum(spans) / len(spans) if spans else 2000.0


def _best_slot(slots: list[Slot], target: float, lo: int, hi: int, page_len: float) -> Slot | None:
    inside = [s for s in slots if lo < s.pos < hi and s.kind in STRENGTH]
    if not inside:
        return None
    near = [s for s in inside if abs(s.pos - target) <= page_len / 2]
    pool = near or inside
    return min(pool, key=lambda s: (STRENGTH[s.kind], abs(s.pos - target)))


def _scan(divisions: list[Division]) -> list[Slot]:
    slots: list[Slot] = []
    pos = 0
    for di, d in enumerate(divisions):
        for bi, b in enumerate(d.blocks):
            pages, _ = leading_pages(b.text)
            kind = "heading" if b.kind == "heading" else "paragraph"
            slots.append(Slot(pos, di, bi, len(pages), kind))
            text = b.text if b.kind != "table" else b.text + " ".join(" ".join(r) for r in b.rows)
            last = 0
            for m in TOKEN.finditer(b.text):
                pos += _reading_len(text[last:m.start()])
                last = m.end()
                if m.group(1) is not None:
                    slots.append(Slot(pos, di, bi, m.start(), "page", int(m.group(1))))
                else:
                    slots.append(Slot(pos, di, bi, m.start(), "hint"))
            pos += _reading_len(text[last:]) + 1
    slots.sort(key=lambda s: (s.pos, s.kind != "page"))
    return slots


def _reading_len(text: str) -> int:
    return len(re.sub("[\ue000-\ue006]", "", text))


def _apply(source: Source, divisions: list[Division], inserts: list[tuple[Slot, PageBreak]]) -> None:
    for slot, pb in sorted(inserts, key=lambda x: (x[0].div, x[0].block, -x[0].offset)):
        source.pages.append(pb)
        block = divisions[slot.div].blocks[slot.block]
        sentinel = f"{PAGE_OPEN}{len(source.pages) - 1}{PAGE_CLOSE}"
        cut = slot.offset + (1 if slot.kind == "hint" else 0)
        block.text = block.text[: slot.offset] + sentinel + block.text[cut:]
    for d in divisions:
        for b in d.blocks:
            b.text = b.text.replace(PAGE_HINT, "")
