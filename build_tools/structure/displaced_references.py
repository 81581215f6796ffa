"""Put note references the OCR displaced back where they belong.

A reference flowed to the start of the next paragraph ("¹ At the time of")
or left on a line of its own ("5") belongs at the end of the text before it;
a paragraph that only begins with a displaced reference continues the
paragraph before it (the OCR broke it there).
"""
from __future__ import annotations

import re

from ..model import Block, Division, Emendation, NoteRef, PageMark, note_ref
from ..rules import Rule, State
from .text import plain

BARE_NUMBER = re.compile(r"\d{1,3}")


SCHEMA = {
    "type": "boolean",
    "default": False,
    "description": "Put back note references the OCR displaced: one flowed to the start of the next paragraph "
                   "(\"¹ At the time\") or left on a line of its own (\"5\") belongs at the end of the text "
                   "before it.",
}


def restore_displaced_references(state: State) -> None:
    for division in state.divisions:
        if division.kind in ("text", "front"):
            _restore(division)


def _restore(division: Division) -> None:
    out: list[Block] = []
    for b in division.blocks:
        prev = out[-1] if out and out[-1].kind in ("para", "lines") and out[-1].role in ("", "verse", "quote") else None
        if prev and b.kind == "para" and not b.role and BARE_NUMBER.fullmatch(plain(b)):
            number = plain(b)
            _move_back(prev, number, b.of(PageMark))
            prev.emendations.append(Emendation("note reference", number, number, b.line,
                                               note="a reference standing alone on a line, moved to the end of the paragraph before it"))
            prev.emendations.extend(b.emendations)
            continue
        ref = _leading_reference(b)
        if prev and prev.kind == "para" and b.kind == "para" and ref:
            pages = b.leading_pages()
            b.marks = [m for m in b.marks if m is not ref and m not in pages]
            _move_back(prev, ref.number, pages, ref.printed)
            prev.append(b.cut(_after_space(b, ref.start), len(b.text)), " ")
            prev.emendations.append(Emendation("note reference", ref.number, ref.number, b.line,
                                               note="a reference flowed to the start of the next paragraph, moved back; the paragraphs rejoined"))
            prev.emendations.extend(b.emendations)
            continue
        out.append(b)
    division.blocks = out


def _move_back(prev: Block, number: str, pages: list[PageMark], printed: str = "") -> None:
    """The reference goes to the end of the paragraph before, then the page breaks that followed it."""
    end = len(prev.text)
    prev.add(note_ref(end, number, printed=printed))
    for mark in pages:
        mark.start = mark.end = end
        prev.add(mark)


def _leading_reference(b: Block) -> NoteRef | None:
    """A reference that opens the block (after its page breaks, and any space)."""
    lead = b.leading_pages()
    first = next((m for m in b.marks if m not in lead), None)
    if isinstance(first, NoteRef) and first.number.isdigit() and not b.text[:first.start].strip():
        return first
    return None


def _after_space(b: Block, start: int) -> int:
    """The end of the space after `start`, or the next mark, whichever comes first."""
    stop = min([m.start for m in b.marks if m.start > start] + [len(b.text)])
    end = start
    while end < stop and b.text[end].isspace():
        end += 1
    return end


RULE = Rule("displaced_references", restore_displaced_references, SCHEMA)
