"""Put note references the OCR displaced back where they belong.

A reference flowed to the start of the next paragraph ("¹ At the time of")
or left on a line of its own ("5") belongs at the end of the text before it;
a paragraph that only begins with a displaced reference continues the
paragraph before it (the OCR broke it there).
"""
from __future__ import annotations

import re

from ..model import REF_CLOSE, REF_OPEN, Block, Division, Emendation, Source
from .text import leading_pages, plain

LEADING_REF = re.compile(f"\\s*{REF_OPEN}(\\d+){REF_CLOSE}\\s*")
BARE_NUMBER = re.compile(r"\d{1,3}")


def restore_displaced_references(source: Source, division: Division) -> None:
    if not source.setting("stray_note_references") or division.kind not in ("text", "front"):
        return
    out: list[Block] = []
    for b in division.blocks:
        prev = out[-1] if out and out[-1].kind in ("para", "lines") and out[-1].role in ("", "verse", "quote") else None
        pages, rest = leading_pages(b.text)
        if prev and b.kind == "para" and not b.role and BARE_NUMBER.fullmatch(plain(rest)):
            number = plain(rest)
            prev.text += f"{REF_OPEN}{number}{REF_CLOSE}" + pages
            prev.emendations.append(Emendation("note reference", number, number, b.line,
                                               note="a reference standing alone on a line, moved to the end of the paragraph before it"))
            prev.emendations.extend(b.emendations)
            continue
        m = LEADING_REF.match(rest)
        if prev and prev.kind == "para" and b.kind == "para" and m:
            number = m.group(1)
            prev.text += f"{REF_OPEN}{number}{REF_CLOSE}" + pages + " " + rest[m.end():]
            prev.emendations.append(Emendation("note reference", number, number, b.line,
                                               note="a reference flowed to the start of the next paragraph, moved back; the paragraphs rejoined"))
            prev.emendations.extend(b.emendations)
            continue
        out.append(b)
    division.blocks = out
