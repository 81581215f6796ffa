"""Links for a book's references to itself: "chapter 3, p. 25", "(chapter 16)".

Only where the profile says the book cites itself so, and never when an
italicised title stands earlier in the same sentence ("*The Storm Petrels*
(chapter 4)" cites another book).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import EM_OPEN, LINK_CLOSE, LINK_OPEN, LINK_SEP, Division, Source

CHAPTER = re.compile(r"\b([Cc]hapters? (\d{1,2}))(?:, (pp?\. (\d{1,3}))(?:[-–]\d+)?)?")
SENTENCE_END = re.compile(r"[.!?]\s")


def link_cross_references(source: Source, divisions: list[Division]) -> None:
    if not source.setting("cross_references"):
        return
    chapters = {d.number: next((b.anchor for b in d.blocks if b.kind == "heading"), "") for d in divisions if d.number}
    pages = {p.label for p in source.pages if p.label}
    for d in divisions:
        blocks = d.blocks + [b for n in d.notes + d.unreferenced_notes for b in n.blocks]
        for b in blocks:
            if b.kind == "heading":
                continue
            ends = [e.start() for e in SENTENCE_END.finditer(b.text)]
            italics = [m.start() for m in re.finditer(re.escape(EM_OPEN), b.text)]
            b.text = CHAPTER.sub(lambda m: _link(m, chapters, pages, ends, italics), b.text)


def _italic_in_sentence(start: int, ends: list[int], italics: list[int]) -> bool:
    """An EM_OPEN between the start of the sentence holding `start` and `start`.

    The sentence starts at the last ". " (or "! ", "? ") that ends before `start`, or at 0.
    """
    k = bisect_left(ends, start - 1)
    sentence = ends[k - 1] if k else 0
    j = bisect_left(italics, sentence)
    return j < len(italics) and italics[j] < start


def _link(m: re.Match, chapters: dict[str, str], pages: set[str], ends: list[int], italics: list[int]) -> str:
    if m.group(2) not in chapters or not chapters[m.group(2)] or _italic_in_sentence(m.start(), ends, italics):
        return m.group(0)
    out = f"{LINK_OPEN}{chapters[m.group(2)]}{LINK_SEP}{m.group(1)}{LINK_CLOSE}"
    rest = m.group(0)[len(m.group(1)):]
    if m.group(3) and m.group(4) in pages:
        i = rest.index(m.group(3))
        rest = rest[:i] + f"{LINK_OPEN}p-{m.group(4)}{LINK_SEP}{m.group(3)}{LINK_CLOSE}" + rest[i + len(m.group(3)):]
    return out + rest
