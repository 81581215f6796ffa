"""Restore dashes the OCR dropped ("Sovietsformerly", "192939"), or flag them.

Restored only on strong evidence; a doubtful case is flagged for review and
the text is left as printed:

- a year glued to two more digits larger than its own last two: 192939 -> 1929–39;
- a known prefix glued to a capitalised word: preWorld -> pre-World;
- two years glued (18991955) or a year and a superscript year (1887¹⁹³⁷):
  an en dash;
- a word glued to a capitalised word (secretariatMolotov) or an acronym to a
  function word (NEPthe): an em dash;
- a token that is no word but splits into two common words: an em dash when
  one half is a function word or the second an adverb in -ly (Roadcommonly ->
  Road—commonly, bloodon -> blood—on), a hyphen when the first is a
  compounding word (largescale -> large-scale); anything else is only flagged;
- two capitalised words glued (BrestLitovsk, MaslovRuth): hyphen or dash
  cannot be told apart, so only flagged.
"""
from __future__ import annotations

import re

from .inline import rewrite
from ..rules import Rule, State
from .superscripts import DIGITS

YEAR_RANGE = re.compile(r"\b(1[5-9]\d\d)(\d\d)\b")
YEAR_YEAR = re.compile(r"\b(1[5-9]\d\d)(1[5-9]\d\d)\b")
SUPERSCRIPT_YEAR = re.compile(r"\b(1[5-9]\d\d)([⁰¹²³⁴⁵⁶⁷⁸⁹]{4})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
ACRONYM_WORD = re.compile(r"\b([A-Z]{2,})(the|and|but|which|who|that)\b")
CAPITAL_CAPITAL = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")
NAME_PREFIXES = {"Mac", "Van", "Von", "Des", "Del", "Della", "Fitz"}
PAGE_RANGE = re.compile(r"(?<![\d,.])(\d{3})(\d\d)(?![\d,])")
PREFIX_CAPITAL = re.compile(r"\b([a-z]{2,})([A-Z][a-z]{2,})\b")
GLUED = re.compile(r"\b([A-Za-z][a-z]{7,})\b")

PREFIXES = {"pre", "post", "anti", "non", "pro", "neo", "ex", "semi", "pan", "counter", "ultra", "trans"}
COMPOUNDING = {"large", "small", "long", "short", "self", "well", "half", "full", "high", "low", "semi", "wide", "ever", "first", "second", "third", "old", "new"}
FUNCTION_WORDS = {"the", "and", "but", "which", "who", "whom", "that", "this", "then", "there", "their", "they", "with",
                  "from", "into", "only", "even", "also", "perhaps", "namely", "we", "had", "on", "see", "as", "no", "not"}


SCHEMA = {
    "type": "boolean",
    "default": False,
    "description": "Restore dashes the OCR dropped (\"192939\" as 1929–39, \"preWorld\" as pre-World, "
                   "\"Sovietsformerly\" as Soviets—formerly) on strong evidence, and flag doubtful cases for "
                   "review without changing them.",
}


def restore_lost_dashes(state: State) -> None:
    lex = state.lexicon
    for block in state.blocks:
        rewrite(block, SUPERSCRIPT_YEAR, _superscript_year)
        rewrite(block, YEAR_YEAR, lambda m: ("lost dash", f"{m.group(1)}–{m.group(2)}", "applied") if m.group(2) > m.group(1) else None)
        rewrite(block, YEAR_RANGE, _year_range)
        rewrite(block, ACRONYM_WORD, lambda m: ("lost dash", f"{m.group(1)}—{m.group(2)}", "applied"))
        rewrite(block, CAPITAL_CAPITAL, lambda m: None if m.group(1) in NAME_PREFIXES or lex.known(m.group(0))
                else ("lost dash", f"{m.group(1)}-{m.group(2)}", "review"))
        rewrite(block, PAGE_RANGE, _page_range)
        rewrite(block, PREFIX_CAPITAL, _prefix_capital(lex))
        rewrite(block, GLUED, _glued(lex))


def _superscript_year(m: re.Match):
    """A four-digit 'note number' after a year is the end of a date range: 1887¹⁹³⁷."""
    end = m.group(2).translate(DIGITS)
    return ("lost dash", f"{m.group(1)}–{end}", "applied") if end > m.group(1) else None


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
        if len(left) >= 4 and lex.known(left) and lex.known(right):
            return ("lost dash", f"{left}—{right}", "applied")
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
            for i in range(2, len(token) - 1)
            if _halves_ok(lex, lower[:i], lower[i:])
        ]
        if len(splits) != 1:
            return ("lost dash", token, "review") if splits else None
        left, right = splits[0]
        if right.endswith("ly") or right.lower() in FUNCTION_WORDS or left.lower() in FUNCTION_WORDS:
            return ("lost dash", f"{left}—{right}", "applied")
        if left.lower() in COMPOUNDING:
            return ("lost dash", f"{left}-{right}", "applied")
        return ("lost dash", f"{left}—{right}", "review")

    return decide


def _halves_ok(lex, left: str, right: str) -> bool:
    """Both halves common words, long ones unless one is a function word."""
    if left in FUNCTION_WORDS or right in FUNCTION_WORDS:
        return min(len(left), len(right)) >= 2 and lex.zipf(left) >= 3.0 and lex.zipf(right) >= 3.0 and max(len(left), len(right)) >= 4
    return len(left) >= 4 and len(right) >= 4 and lex.zipf(left) >= 3.0 and lex.zipf(right) >= 3.0


RULE = Rule("lost_dashes", restore_lost_dashes, SCHEMA)
