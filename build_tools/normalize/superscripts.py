"""Superscript digits are printed note references: keep them as references.

Superscript brackets printed with one ("⁽⁶⁾", "⁶⁾", OCR's reading of a
bracketed call) belong to the reference, not to the text; taking them away
is recorded.
"""
from __future__ import annotations

import re

from ..model import Emendation, note_ref
from ..rules import Rule, State
from .inline import line_of

SUPERSCRIPT = re.compile("⁽?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾?")
DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Superscript digits are note references (the `notes` rule links them to their notes).",
}


def mark_superscript_references(state: State) -> None:
    for block in state.blocks:
        found = list(SUPERSCRIPT.finditer(block.text))
        for m in found:
            if m.group(0) != m.group(1):
                block.emendations.append(Emendation("superscripts", m.group(0), m.group(1), line_of(block, m.start()),
                                                    note="a bracket printed with the note reference"))
        block.edit([(m.start(), m.end(), "", [note_ref(m.start(), m.group(1).translate(DIGITS), printed=m.group(1))])
                    for m in found])


RULE = Rule("superscripts", mark_superscript_references, SCHEMA)
