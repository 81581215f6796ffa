"""Restore dashes the OCR dropped ("Sovietsformerly", "192939"), or flag them.

Restored only on strong evidence; a doubtful case is flagged for review and
the text is left as printed:

- a year glued to two more digits larger than its own last two: 192939 -> 1929–39;
- a known prefix glued to a capitalised word: preWorld -> pre-World;
- a token that is no word but splits into two common words: an em dash when
  the second is an adverb in -ly or a function word (Roadcommonly ->
  Road—commonly), a hyphen when the first is a compounding word
  (largescale -> large-scale); anything else is only flagged.
"""
from __future__ import annotations

import re

from .inline import rewrite
from .state import NormalizeState

YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d)(\d\d)\b")
PAGE_RANGE = re.compile(r"(?<![\d,.])(\d{3})(\d\d)(?![\d,])")
PREFIX_CAPITAL = re.compile(r"\b([a-z]{2,})([A-Z][a-z]{2,})\b")
GLUED = re.compile(r"\b([A-Za-z][a-z]{7,})\b")

PREFIXES = {"pre", "post", "anti", "non", "pro", "neo", "ex", "semi", "pan", "counter", "ultra", "trans"}
COMPOUNDING = {"large", "small", "long", "short", "self", "well", "half", "full", "high", "low", "semi", "wide", "ever", "first", "second", "third", "old", "new"}
FUNCTION_WORDS = {"the", "and", "but", "which", "who", "whom", "that", "this", "then", "there", "their", "they", "with", "from", "into", "only", "even", "also", "perhaps", "namely"}


def restore_lost_dashes(state: NormalizeState) -> None:
    if not state.source.setting("lost_dashes"):
        return
    lex = state.lexicon
    for block in state.blocks:
        rewrite(block, YEAR_RANGE, _year_range)
        rewrite(block, PAGE_RANGE, _page_range)
        rewrite(block, PREFIX_CAPITAL, _prefix_capital(lex))
        rewrite(block, GLUED, _glued(lex))


def _year_range(m: re.Match):
    start, end = m.group(1), m.group(2)
    if int(end) > int(start[2:]):
        return ("lost dash", f"{start}–{end}", "applied")
    return None


def _page_range(m: re.Match):
    """418|19: a page range, probably; but nothing proves it, so only flag it."""
    first, last = m.group(1), m.group(2)
    if int(last) > int(first[1:]) and first[0] != "0":
        return ("lost dash", f"{first}–{last}", "review")
    return None


def _prefix_capital(lex):
    def decide(m: re.Match):
        left, right = m.group(1), m.group(2)
        if left in PREFIXES:
            return ("lost dash", f"{left}-{right}", "applied")
        if lex.known(left) and lex.known(right):
            return ("lost dash", f"{left}—{right}", "review")
        return None

    return decide


def _glued(lex):
    def decide(m: re.Match):
        token = m.group(1)
        if lex.known(token, min_zipf=1.0, min_count=2):
            return None
        lower = token.lower()
        splits = [
            (token[:i], token[i:])
            for i in range(4, len(token) - 3)
            if lex.zipf(lower[:i]) >= 3.0 and lex.zipf(lower[i:]) >= 3.0
        ]
        if len(splits) != 1:
            return ("lost dash", token, "review") if splits else None
        left, right = splits[0]
        if right.endswith("ly") or right in FUNCTION_WORDS:
            return ("lost dash", f"{left}—{right}", "applied")
        if left.lower() in COMPOUNDING:
            return ("lost dash", f"{left}-{right}", "applied")
        return ("lost dash", f"{left}—{right}", "review")

    return decide
