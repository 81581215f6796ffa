"""Group lines into blocks; reflow hard-wrapped lines into paragraphs.

A block is a run of non-blank lines. In a hard-wrapped source (profile:
wrapping: hard) its lines are one paragraph, joined with the line-end
hyphen repaired, unless the lines are far shorter than the measure and
start with capitals: then it is verse and keeps its line breaks. In a
soft-wrapped source a multi-line block keeps its line breaks.
"""
from __future__ import annotations

import re
import statistics

from ..model import PAGE_CLOSE, PAGE_HINT, PAGE_MARK_RE, PAGE_OPEN, Block, Emendation
from .lines import Line
from .state import NormalizeState

HYPHEN_END = re.compile(r"([A-Za-z]+)-$")
LETTERS_START = re.compile(r"[a-z]+")
DASH_END = ("—", "–")


def build_blocks(state: NormalizeState) -> None:
    hard = state.source.setting("wrapping", "soft") == "hard"
    measure = _measure(state.lines) if hard else 0
    blocks: list[Block] = []
    pending: list[str] = []  # page-break sentinels waiting for the next block
    current: list[Line] = []

    def flush() -> None:
        while current and current[-1].text is None:  # a break after the last line opens the next block
            pending.insert(0, _page_sentinel(state, current.pop()))
        if not current:
            return
        block = _make_block(state, current, hard, measure)
        block.text = "".join(pending) + block.text
        pending.clear()
        blocks.append(block)
        current.clear()

    for line in state.lines:
        if line.text is None:
            if current:
                current.append(line)
            else:
                pending.append(_page_sentinel(state, line))
        elif line.blank:
            flush()
        else:
            current.append(line)
    flush()
    if pending and blocks:  # a page break after the last text
        blocks[-1].text += "".join(pending)
    state.blocks = blocks


def _page_sentinel(state: NormalizeState, line: Line) -> str:
    state.source.pages.append(line.page)
    return f"{PAGE_OPEN}{len(state.source.pages) - 1}{PAGE_CLOSE}"


def _make_block(state: NormalizeState, lines: list[Line], hard: bool, measure: int) -> Block:
    text_lines = [l for l in lines if l.text is not None]
    block = Block("para", "", text_lines[0].no)
    if hard and _is_verse(text_lines, measure):
        block.kind, block.role = "lines", "verse"
        block.text = _join_keeping_breaks(state, lines)
    elif hard:
        block.text = _reflow(state, lines, block)
    elif len(text_lines) > 1:
        block.kind = "lines"
        block.text = _join_keeping_breaks(state, lines)
    else:
        block.text = _join_keeping_breaks(state, lines)
    return block


def _join_keeping_breaks(state: NormalizeState, lines: list[Line]) -> str:
    parts: list[str] = []
    open_line = False  # a text line was written and no line break follows it yet
    for l in lines:
        if open_line:
            # Also before a page break between two lines: "alpha" <Page 3> "beta" must not read "alphabeta".
            parts.append("\n")
            open_line = False
        if l.text is None:
            parts.append(_page_sentinel(state, l))
        else:
            parts.append(l.text.strip())
            open_line = True
    return "".join(parts)


def _reflow(state: NormalizeState, lines: list[Line], block: Block) -> str:
    lex = state.lexicon
    out: list[str] = []  # the paragraph so far, in pieces: a str grown line by line made this quadratic
    prev: Line | None = None
    for l in lines:
        if l.text is None:
            out.append(_page_sentinel(state, l))
            continue
        text = l.text.strip()
        # A line that begins with a stray space is where PDF extraction started a page.
        hint = PAGE_HINT if prev is not None and l.text.startswith(" ") and not l.text.startswith("  ") else ""
        if prev is None:
            out.append(text)
        else:
            _join(out, hint + text, lex, block, prev.no)
        prev = l
    return "".join(out)


def _join(out: list[str], nxt: str, lex, block: Block, line_no: int) -> None:
    """Append the next line to the paragraph `out` (pieces), repairing a line-end hyphen."""
    while out and not out[-1].rstrip():  # head = "".join(out).rstrip(), piece by piece
        out.pop()
    if out:
        out[-1] = out[-1].rstrip()
    tail = _last_word(out)  # all that the hyphen rule looks at: no whitespace is a letter or a hyphen
    bare_next = nxt.lstrip(PAGE_HINT)
    m = HYPHEN_END.search(_strip_marks(tail))
    if m and tail.endswith("-"):
        right = LETTERS_START.match(bare_next)
        if bare_next[:1].isupper():  # Russo-/Turkish: a real hyphen before a capital
            out.append(nxt)
            return
        if right:
            left, joined = m.group(1), m.group(1) + right.group(0)
            if lex.known(joined) or not (lex.known(left) and lex.known(right.group(0))):
                block.emendations.append(
                    Emendation(
                        "line-end hyphen",
                        f"{left}-\n{right.group(0)}",
                        joined,
                        line_no,
                        note="" if lex.known(joined) else "joined without dictionary evidence",
                    )
                )
                out[-1] = out[-1][:-1]
                out.append(nxt)
                return
            out.append(nxt)  # lice-/ridden: a compound split at its own hyphen
            return
    if tail.endswith(DASH_END):
        out.append(nxt)
        return
    out.append(" " + nxt)


def _last_word(pieces: list[str]) -> str:
    """The text after the last whitespace of "".join(pieces) (which has no trailing whitespace)."""
    tail: list[str] = []
    for piece in reversed(pieces):
        i = len(piece)
        while i and not piece[i - 1].isspace():
            i -= 1
        tail.append(piece[i:])
        if i:
            break
    return "".join(reversed(tail))


def _strip_marks(text: str) -> str:
    return PAGE_MARK_RE.sub("", text)


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
