"""Paragraph breaks where no blank line marks them: the usual shape of OCR text.

Blank lines are what parts paragraphs for the wrapping rule. Where the text
has none, the printed page still shows where a paragraph ends: its first line
is indented (`indent`), or its last line stops where the next line's first
word would still have fitted, and the next line opens like a sentence
(`line-shape`: a wrapper never breaks a line early, a paragraph end does;
a heading standing on its own line ends early the same way); in some exports
every line is a paragraph (`every-line`). This rule puts a blank line where
the evidence says a paragraph ends; the text itself is not changed.
"""
from __future__ import annotations

import re

from ..lines import Line
from ..rules import Rule, State

SCHEMA = {
    "enum": ["indent", "line-shape", "every-line", False],
    "default": False,
    "description": "How paragraphs are told apart where no blank line parts them: `indent`, a paragraph's "
                   "first line is indented; `line-shape`, a paragraph's last line falls short of the measure and "
                   "ends a sentence, and the next line opens one; `every-line`, each line is a paragraph.",
    "examples": ["line-shape"],
}
INDENT = re.compile(r"(?: {2,}|\t)\S")
SENTENCE_END = re.compile(r"[.!?:…][”’\"')\]]*$")
SENTENCE_START = re.compile(r"[“‘\"'(\[]?[A-Z0-9]")
SHORT = 0.8  # a line shorter than this share of the measure that ends no sentence is a heading's


def break_paragraphs(state: State) -> None:
    how = state.setting("paragraph_breaks")
    texts = [l for l in state.lines if l.text is not None and l.text.strip()]
    # the measure: the longest lines, an odd overlong one (a URL, a table row) left out
    measure = sorted(len(l.text.strip()) for l in texts)[int(len(texts) * 0.98)] if texts else 0
    out: list[Line] = []
    before: Line | None = None  # the last text line, with no blank line since
    for k, line in enumerate(state.lines):
        if line.text is not None and line.text.strip():
            if before is not None and (_ends(before, line, how, measure)
                                       or how == "line-shape" and _alone(before, line, _next(state.lines, k), measure)):
                out.append(Line(line.no, ""))
            before = line
        elif line.text is not None:
            before = None
        out.append(line)
    state.lines = out


def _next(lines: list[Line], k: int) -> Line | None:
    """The text line after lines[k] (removed lines, which have no text, are skipped)."""
    for line in lines[k + 1:]:
        if line.text is not None:
            return line if line.text.strip() else None
    return None


def _ends(before: Line, line: Line, how: str, measure: int) -> bool:
    """Whether the paragraph that `before` belongs to ends before `line`."""
    if how == "every-line":
        return True
    if how == "indent":
        return bool(INDENT.match(line.text))
    last, first = before.text.strip(), line.text.split()[0]
    if len(last) + 1 + len(first) > measure or not SENTENCE_START.match(first):
        return False
    return bool(SENTENCE_END.search(last)) or len(last) < SHORT * measure


def _alone(before: Line, line: Line, after: Line | None, measure: int) -> bool:
    """A heading on a line of its own ("Notes"), after a paragraph whose last line is full: short, no
    sentence of its own, between a sentence's end and a sentence's start."""
    text = line.text.strip()
    return (after is not None and len(text) < SHORT * measure and not SENTENCE_END.search(text)
            and not text.endswith((",", ";", "-", "–", "—")) and bool(SENTENCE_START.match(text))
            and bool(SENTENCE_END.search(before.text.strip())) and bool(SENTENCE_START.match(after.text.strip())))


RULE = Rule("paragraph_breaks", break_paragraphs, SCHEMA)
