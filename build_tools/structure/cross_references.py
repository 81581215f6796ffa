"""Links for a book's references to itself: "chapter 3, p. 25", "(chapter 16)".

Only where the profile says the book cites itself so, and never when an
italicised title stands earlier in the same sentence ("*The Storm Petrels*
(chapter 4)" cites another book).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Emphasis, Link
from ..normalize.inline import unmarked
from ..rules import Rule, State

CHAPTER = re.compile(r"\b([Cc]hapters? (\d{1,2}))(?:, (pp?\. (\d{1,3}))(?:[-–]\d+)?)?")
SENTENCE_END = re.compile(r"[.!?]\s")


SCHEMA = {
    "type": "boolean",
    "default": False,
    "description": "Link the book's references to itself (\"chapter 3, p. 25\", \"(chapter 16)\") to the "
                   "chapter and page, except where an italicised title earlier in the sentence shows another "
                   "book is cited.",
}


def link_cross_references(state: State) -> None:
    source, divisions = state.source, state.divisions
    chapters = {d.number: next((b.anchor for b in d.blocks if b.kind == "heading"), "") for d in divisions if d.number}
    pages = {p.label for p in source.pages if p.label}
    for d in divisions:
        blocks = d.blocks + [b for n in d.notes + d.unreferenced_notes for b in n.blocks]
        for b in blocks:
            if b.kind == "heading":
                continue
            ends = [e.start() for e in SENTENCE_END.finditer(b.text)]
            italics = sorted(m.start for m in b.of(Emphasis))
            for m in list(unmarked(b, CHAPTER)):
                chapter = chapters.get(m.group(2))
                if not chapter or _italic_in_sentence(m.start(), ends, italics):
                    continue
                b.add(Link(m.start(1), m.end(1), chapter))
                if m.group(3) and m.group(4) in pages:
                    b.add(Link(m.start(3), m.end(3), f"p-{m.group(4)}"))


def _italic_in_sentence(start: int, ends: list[int], italics: list[int]) -> bool:
    """Italics open between the start of the sentence holding `start` and `start`.

    The sentence starts at the last ". " (or "! ", "? ") that ends before `start`, or at 0.
    """
    k = bisect_left(ends, start - 1)
    sentence = ends[k - 1] if k else 0
    j = bisect_left(italics, sentence)
    return j < len(italics) and italics[j] <= start


RULE = Rule("cross_references", link_cross_references, SCHEMA)
