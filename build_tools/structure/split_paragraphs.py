"""Rejoin paragraphs split by a page or column break.

Evidence: the first paragraph stops without terminal punctuation and the
next opens in lower case or with an opening quotation mark, or the first
ends on a function word ("of", "the") that cannot end a sentence.
"""
from __future__ import annotations

from ..model import Block, Division, Emendation
from ..rules import Rule, State
from .text import FUNCTION_WORDS, ends_open, last_word, plain, starts_lower


SCHEMA = {
    "type": "boolean",
    "default": False,
    "description": "Rejoin paragraphs a page or column break split: the first stops without terminal "
                   "punctuation and the next opens in lower case or with a quotation mark, or the first ends on "
                   "a word that cannot end a sentence (\"of\", \"the\").",
}


def rejoin_split_paragraphs(state: State) -> None:
    for division in state.divisions:
        if division.kind in ("text", "front", "notes"):
            _rejoin(division)


def _rejoin(division: Division) -> None:
    out: list[Block] = []
    for b in division.blocks:
        prev = out[-1] if out else None
        if prev and _continues(prev, b):
            tail, head = plain(prev)[-30:], plain(b)[:30]
            prev.rstrip()
            b.lstrip()
            prev.append(b, " ")
            prev.emendations.append(Emendation("paragraph rejoined", f"{tail}¶{head}", f"{tail} {head}", b.line,
                                               note="a paragraph split by a page or column break"))
            prev.emendations.extend(b.emendations)
            continue
        out.append(b)
    division.blocks = out


def _continues(prev: Block, b: Block) -> bool:
    if prev.kind != "para" or b.kind != "para" or prev.role or b.role:
        return False
    if not ends_open(prev):
        return False
    opens_quote = plain(b)[:1] in "“‘\"'"
    return (
        starts_lower(b)
        or opens_quote
        or last_word(prev) in FUNCTION_WORDS
        or plain(prev).endswith(("-", "—", ","))
    )


RULE = Rule("split_paragraphs", rejoin_split_paragraphs, SCHEMA)
