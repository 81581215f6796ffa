"""Mend words the layout broke with a hyphen: at a printed line's end, at a page
break, or where a paragraph split by a page break is joined again.

"orga-" / "nizations" is one word when the joined form is a word (in English
or printed whole elsewhere in the source), or when the two halves are not both
words; "lice-" / "ridden", two words, keep their hyphen; so does "Russo-" /
"Turkish", before a capital. In a block whose lines are kept (an index, verse),
a word is mended only where the joined form is a word.
"""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import Block, Emendation, LineBreak, PageMark
from ..rules import Rule, State
from .inline import line_of

BROKEN = re.compile(r"([A-Za-z]+)-$")
SPACE_THEN_WORD = re.compile(r"\s*([a-z]+|[A-Z])?")  # a word going on, or a capital

SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Mend words broken with a hyphen where a printed line or page ended (\"orga-\" / "
                   "\"nizations\"), keeping the hyphen of compounds (\"lice-ridden\") and before a capital "
                   "(\"Russo-Turkish\"). Every mended word is listed in the apparatus.",
}


def mend_hyphens(state: State) -> None:
    for block in state.blocks:
        breaks = {m.start: m.line for m in block.of(LineBreak)}
        breaks.update({m.start: breaks.get(m.start, m.page.line) for m in block.of(PageMark)
                       if 0 < m.start < len(block.text)})
        if block.kind == "lines":
            breaks.update({i: line_of(block, i) for i, ch in enumerate(block.text) if ch == "\n"})
        mend(block, sorted(breaks.items()), state.lexicon, strict=block.kind == "lines")
        if block.kind == "lines" and "\n" not in block.text:  # its one line break was inside a word
            block.kind = "para"


def mend(block: Block, breaks: list[tuple[int, int]], lex: Lexicon, *, strict: bool = False) -> None:
    """Mend the words broken at these offsets of the block's text ((offset, raw line) each)."""
    edits = []
    for at, line in breaks:
        edit = _mending(block, at, line, lex, strict)
        if edit and (not edits or edits[-1][1] <= edit[0]):
            edits.append(edit)
    block.edit(edits)


def _mending(block: Block, at: int, line: int, lex: Lexicon, strict: bool):
    left = BROKEN.search(block.text, max(0, at - 60), at)
    after = SPACE_THEN_WORD.match(block.text, at)
    if not left or after.end() == at:
        return None
    right = after.group(1)
    if not right or right.isupper():  # "Russo-Turkish": a real hyphen; only the space goes
        return (at, after.start(1), "", []) if right and not strict else None
    word = left.group(1)
    joined = word + right
    known = lex.known(joined, min_count=1)  # printed whole once is evidence: the broken form is not the word
    if known or (not strict and not (lex.known(word) and lex.known(right))):
        note = "" if known else "joined without dictionary evidence"
        block.emendations.append(Emendation("hyphenation", f"{word}-\n{right}", joined, line, note=note))
        return (at - 1, after.start(1), "", [])
    return None if strict else (at, after.start(1), "", [])  # "lice-ridden": the hyphen is the word's own


RULE = Rule("hyphenation", mend_hyphens, SCHEMA)
