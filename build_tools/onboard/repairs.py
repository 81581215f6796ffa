"""Damage the converter repairs only when told: lost dashes, displaced note numbers, split paragraphs."""
from __future__ import annotations

import re

from ..normalize.lost_dashes import SUPERSCRIPT_YEAR, YEAR_RANGE, YEAR_YEAR
from .evidence import Evidence, ends_sentence, quote, starts_lower

DASHES = re.compile("[–—]")
LEADING_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
BARE_NUMBER = re.compile(r"\d{1,3}")


def infer_repairs(ev: Evidence) -> None:
    text = "\n".join(l.text for l in ev.body())
    glued = [m.group(0) for p in (YEAR_YEAR, SUPERSCRIPT_YEAR) for m in p.finditer(text)]
    glued += [m.group(0) for m in YEAR_RANGE.finditer(text) if int(m.group(2)) > int(m.group(1)[2:])]
    dashes = len(DASHES.findall(text))
    if len(glued) >= 3 and len(glued) > dashes / 20:
        ev.found("lost_dashes", True, f"{len(glued)} year ranges without their dash ('{glued[0]}') "
                 f"against {dashes} dashes printed")
    elif glued:
        ev.doubt(f"{len(glued)} year ranges without a dash ('{glued[0]}'): set lost_dashes: true if the OCR "
                 "dropped dashes")
    blocks = ev.blocks()
    stray = [b[0] for b in blocks if LEADING_SUPERSCRIPT.match(b[0].text)]
    stray += [b[0] for b in blocks if len(b) == 1 and BARE_NUMBER.fullmatch(b[0].text)
              and ev.value("page_marker") is None]
    if len(stray) >= 2 and ev.value("note_references") == "superscript":
        ev.found("stray_note_references", True, f"{len(stray)} paragraphs open with a note number or are one "
                 f"(line {stray[0].no}: {quote(stray[0].text)})")
    # a notice printed on every page stands where a page breaks, as a marker or a running head does
    pages = any(ev.value(k) for k in ("page_marker", "running_head", "blank_run", "boilerplate_lines", "form_feeds"))
    split = [(a[-1], b[0]) for a, b in zip(blocks, blocks[1:])
             if not ends_sentence(a[-1].text) and starts_lower(b[0].text)]
    if pages and len(split) >= 2:
        ev.found("rejoin_split_paragraphs", True, f"{len(split)} paragraphs stop mid-sentence and the next "
                 f"goes on in lower case (line {split[0][1].no}: {quote(split[0][1].text)})")
