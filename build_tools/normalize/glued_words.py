"""Separate words the extraction glued together: "(NEP)compromises", "1941only".

Only where the evidence is unambiguous: a closing bracket directly followed
by a word, or a year directly followed by a word of English (not an ordinal
or plural suffix such as "1920s").
"""
from __future__ import annotations

import re

from .inline import rewrite
from ..rules import Rule, State

AFTER_BRACKET = re.compile(r"(\))([A-Za-z]{2,})")
AFTER_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)([a-z]{2,})\b")
SUFFIXES = {"s", "th", "st", "nd", "rd", "ies", "es", "ish"}


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Separate words the extraction glued together where the evidence is unambiguous: a closing "
                   "bracket before a word (\"(NEP)compromises\"), a year before an English word (\"1941only\").",
}


def separate_glued_words(state: State) -> None:
    lex = state.lexicon
    for block in state.blocks:
        rewrite(block, AFTER_BRACKET, lambda m: ("glued words", f"{m.group(1)} {m.group(2)}", "applied"))

        def year(m: re.Match):
            word = m.group(2)
            if word in SUFFIXES or lex.zipf(word) < 3.0:
                return None
            return ("glued words", f"{m.group(1)} {word}", "applied")

        rewrite(block, AFTER_YEAR, year)


RULE = Rule("glued_words", separate_glued_words, SCHEMA)
