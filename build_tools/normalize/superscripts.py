"""Superscript digits are printed note references: keep them as references."""
from __future__ import annotations

import re

from ..model import note_ref
from ..rules import Rule, State

SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Superscript digits are note references (the `notes` rule links them to their notes).",
}


def mark_superscript_references(state: State) -> None:
    for block in state.blocks:
        block.edit([(m.start(), m.end(), "", [note_ref(m.start(), m.group(0).translate(DIGITS))])
                    for m in SUPERSCRIPT.finditer(block.text)])


RULE = Rule("superscripts", mark_superscript_references, SCHEMA)
