"""Group lines into blocks; reflow hard-wrapped lines into paragraphs.

A block is a run of non-blank lines. In a hard-wrapped source (profile:
wrapping: hard) its lines are one paragraph, joined with a space where each
printed line ended (a LineBreak mark records where; the hyphenation rule
mends words broken there), unless the lines are far shorter than the measure
and start with capitals: then it is verse and keeps its line breaks. In a
soft-wrapped source a multi-line block keeps its line breaks.
"""
from __future__ import annotations

import statistics

from ..lines import Line
from ..model import LAYOUT, Block, LineBreak, PageBreak, PageHint, page_mark
from ..rules import Rule, State

SCHEMA = {
    "enum": ["soft", "hard"],
    "default": "soft",
    "description": "How the text's lines relate to its paragraphs. `soft`: a line is a paragraph (or a line of "
                   "verse); blank lines separate paragraphs, and a block of several lines keeps its line breaks. "
                   "`hard`: the lines are the printed page's lines; those of a paragraph are joined again "
                   "(repairing words hyphenated at a line end), except verse, whose lines are short.",
    "examples": ["hard"],
}

DASH_END = ("—", "–")


def build_blocks(state: State) -> None:
    hard = state.setting("wrapping") == "hard"
    measure = state.measure = _measure(state.lines) if hard else 0
    blocks: list[Block] = []
    pending: list[PageBreak] = []  # page breaks waiting for the next block
    current: list[Line] = []

    def flush() -> None:
        trailing = []  # a break after the block's last line opens the next block
        while current and current[-1].text is None:
            trailing.insert(0, current.pop())
        if current:
            block = _make_block(state, current, hard, measure)
            for i, page in enumerate(pending):
                block.marks.insert(i, page_mark(0, page))
            pending.clear()
            blocks.append(block)
            current.clear()
        pending.extend(_register(state, line) for line in trailing)

    for line in state.lines:
        if line.text is None:
            if current:
                current.append(line)
            else:
                pending.append(_register(state, line))
        elif line.blank:
            flush()
        else:
            current.append(line)
    flush()
    if pending and blocks:  # a page break after the last text
        for page in pending:
            blocks[-1].add(page_mark(len(blocks[-1].text), page))
    state.blocks = blocks


def _register(state: State, line: Line) -> PageBreak:
    state.source.pages.append(line.page)
    return line.page


def _make_block(state: State, lines: list[Line], hard: bool, measure: int) -> Block:
    text_lines = [l for l in lines if l.text is not None]
    block = Block("para", "", text_lines[0].no)
    if hard and _is_verse(text_lines, measure):
        block.kind, block.role = "lines", "verse"
        _join_keeping_breaks(state, lines, block)
    elif hard:
        _reflow(state, lines, block)
    else:
        if len(text_lines) > 1:
            block.kind = "lines"
        _join_keeping_breaks(state, lines, block)
    return block


class _Paragraph:
    """A block's text as it is assembled line by line (a str grown line by line is quadratic)."""

    def __init__(self, block: Block):
        self.block, self.pieces, self.length = block, [], 0
        self.last_word = ""  # the text after the last whitespace, "" if a mark stands after it

    def text(self, piece: str) -> None:
        if not piece:
            return
        self.pieces.append(piece)
        self.length += len(piece)
        words = piece.split()
        if words and not piece[-1].isspace():
            self.last_word = words[-1] if piece[0].isspace() or len(words) > 1 else self.last_word + words[0]
        else:
            self.last_word = ""

    def mark(self, mark) -> None:
        mark.start = mark.end = self.length
        self.block.marks.append(mark)
        if not isinstance(mark, LAYOUT):  # a hint or a line end is no text; a page break ends a word
            self.last_word = ""

    def done(self) -> None:
        self.block.text = "".join(self.pieces)


def _join_keeping_breaks(state: State, lines: list[Line], block: Block) -> None:
    out = _Paragraph(block)
    open_line = False  # a text line was written and no line break follows it yet
    for l in lines:
        if open_line:
            # Also before a page break between two lines: "alpha" <Page 3> "beta" must not read "alphabeta".
            out.text("\n")
            open_line = False
        if l.text is None:
            out.mark(page_mark(0, _register(state, l)))
        else:
            out.text(l.text.strip())
            open_line = True
    out.done()


def _reflow(state: State, lines: list[Line], block: Block) -> None:
    out = _Paragraph(block)
    prev: Line | None = None
    for l in lines:
        if l.text is None:
            out.mark(page_mark(0, _register(state, l)))
            continue
        text = l.text.strip()
        # A line that begins with a stray space is where PDF extraction started a page.
        hint = prev is not None and l.text.startswith(" ") and not l.text.startswith("  ")
        if prev is None:
            out.text(text)
        else:
            _join(out, text, hint, prev.no)
        prev = l
    out.done()


def _join(out: _Paragraph, nxt: str, hint: bool, line_no: int) -> None:
    """Append the next line to the paragraph: a space between them, except after a dash
    that ends a word ("Soviets—" / "formerly"). A line-end hyphen is the hyphenation rule's."""
    tail = out.last_word
    glued_dash = tail.endswith(DASH_END) and len(tail) > 1  # "apparatus –" / "the" keeps its space
    out.mark(LineBreak(0, 0, line_no))
    _append(out, "" if glued_dash else " ", hint, nxt)


def _append(out: _Paragraph, sep: str, hint: bool, text: str) -> None:
    if sep:
        out.text(sep)
    if hint:
        out.mark(PageHint(0, 0))
    out.text(text)


def _measure(lines: list[Line]) -> int:
    lengths = sorted(len(l.text.strip()) for l in lines if l.text and l.text.strip())
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _is_verse(lines: list[Line], measure: int) -> bool:
    """Verse: several lines, all well short of the measure, each opening with a capital."""
    if len(lines) < 2 or not measure:
        return False
    texts = [l.text.strip() for l in lines]
    short = all(len(t) < 0.75 * measure for t in texts)
    capitals = all(t[:1].isupper() for t in texts)
    return short and capitals and statistics.mean(len(t) for t in texts) < 0.7 * measure


RULE = Rule("wrapping", build_blocks, SCHEMA, core=True)
