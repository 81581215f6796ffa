"""A printed index entry wrapped over two lines is one entry.

A line continues the entry above it when that entry ends with a comma or
the line starts with a locator ("266 / n3"); otherwise it is an entry of its
own (subentries often follow without a blank line).
"""
from __future__ import annotations

import re

from ..model import Text
from ..rules import Rule, State
from .text import plain

LOCATOR_START = re.compile(r"(n\d|\d|\*?passim)")


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "In the printed index, join entries wrapped over two lines.",
}


def join_wrapped_index_entries(state: State) -> None:
    for b in (b for d in state.divisions if d.kind == "index" for b in d.blocks):
        if b.kind != "lines":
            continue
        lines: list[Text] = []
        for line in b.lines():
            if lines and (plain(lines[-1]).endswith(",") or LOCATOR_START.match(plain(line))):
                lines[-1].rstrip()
                lines[-1].append(line.stripped(), " ")
            else:
                lines.append(line)
        joined = Text.join(lines, "\n")
        b.text, b.marks = joined.text, joined.marks
        if len(lines) == 1:
            b.kind = "para"


RULE = Rule("index_entries", join_wrapped_index_entries, SCHEMA)
