"""Source text is data: make it inert Markdown that renders to the same text.

Works for both Python-Markdown (MkDocs) and CommonMark (markdown-it): only
backslash escapes both honour are used, and entities elsewhere.
"""
from __future__ import annotations

import re

ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
# Only dangerous where a line starts: a setext underline, a code fence.
LINE_START_ENTITIES = {"=": "&#61;", "~": "&#126;"}
INLINE_BACKSLASHED = set("\\`*_[]{}")
LIST_START = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
# Both renderers end a line at LF, CR and CR LF: inside one line of Markdown each would start a new
# block (a heading, raw HTML) from a title or a register entry.
LINE_BREAK = re.compile("\r\n?|\n")


TRANSLATION = str.maketrans({**ENTITIES, **{ch: "\\" + ch for ch in INLINE_BACKSLASHED}})


def escape(text: str) -> str:
    """Escape one line of text; a line break in it becomes a space."""
    line = LINE_BREAK.sub(" ", text).translate(TRANSLATION)
    # Keep addresses in the text inert: no renderer or linter may take them for links.
    line = line.replace("://", "&#58;//").replace("www.", "www&#46;")
    return _escape_line_start(line)


def _escape_line_start(line: str) -> str:
    if not line:  # ("" is in every string: an empty text came out as a lone backslash)
        return line
    m = LIST_START.match(line)
    if m:  # "1921." would start an ordered list
        return m.group(1) + "\\" + m.group(2) + line[m.end():]
    if line[:1] in "#+-":
        return "\\" + line
    if line[:1] in LINE_START_ENTITIES:
        return LINE_START_ENTITIES[line[0]] + line[1:]
    return line
