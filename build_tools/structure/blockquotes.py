"""Recognise block quotations by the strategies the profile names.

after-colon  a paragraph introduced by one ending in a colon ("It was pure
             Stalin:") is the quotation it announces.
echoed       a paragraph whose words the following commentary quotes back
             (a phrase of four or more words inside quotation marks, found
             in it outside quotation marks) is a quoted document; paragraphs
             between it and the commentary belong to it.
"""
from __future__ import annotations

import re

from ..model import Division
from ..rules import Rule, State
from .text import plain

QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


SCHEMA = {
    "type": "array",
    "items": {"enum": ["after-colon", "echoed"]},
    "uniqueItems": True,
    "default": [],
    "description": "How to tell block quotations. `after-colon`: a paragraph introduced by one ending in a colon "
                   "is the quotation it announces; `echoed`: a paragraph whose words the commentary after it "
                   "quotes back is a quoted document. A short line opening with a dash after verse or a "
                   "quotation is its attribution, whatever the strategies.",
    "examples": [["after-colon", "echoed"]],
}


def find_block_quotes(state: State) -> None:
    for division in state.divisions:
        _find(state.setting("blockquotes"), division)


def _find(strategies: list[str], division: Division) -> None:
    blocks = division.blocks
    for prev, b in zip(blocks, blocks[1:]):
        # "—Anna Akhmatova, Requiem, 1937" after verse or a quotation: its attribution.
        if prev.role in ("verse", "quote") and b.kind == "para" and plain(b).startswith(("—", "–")) and len(plain(b)) < 120:
            b.role = "attribution"
    if "after-colon" in strategies:
        for prev, b in zip(blocks, blocks[1:]):
            if prev.kind == "para" and not prev.role and plain(prev).endswith(":") and b.kind == "para" and not b.role:
                b.role = "quote"
    if "echoed" in strategies:
        for i, b in enumerate(blocks):
            if b.kind != "para" or b.role:
                continue
            body = _norm(_unquoted(plain(b)))
            for j in range(i + 1, min(i + 3, len(blocks))):
                later = blocks[j]
                if later.kind != "para":
                    break
                if any(len(p.split()) >= 4 and _norm(p) in body for p in QUOTED.findall(plain(later))):
                    for k in range(i, j):
                        if not blocks[k].role:
                            blocks[k].role = "quote"
                    break


def _unquoted(text: str) -> str:
    """Text outside quotation marks; a paragraph wholly in quotation marks counts as outside."""
    if text.startswith("“") and text.rstrip().endswith("”") and text.count("“") == 1:
        text = text[1:-1]
    return QUOTED.sub(" ", text)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("-", "")))


RULE = Rule("blockquotes", find_block_quotes, SCHEMA)
