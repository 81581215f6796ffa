"""Superscript digits are printed note references: keep them as references."""
from __future__ import annotations

import re

from ..model import note_ref
from .state import NormalizeState

SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def mark_superscript_references(state: NormalizeState) -> None:
    for block in state.blocks:
        block.edit([(m.start(), m.end(), "", [note_ref(m.start(), m.group(0).translate(DIGITS))])
                    for m in SUPERSCRIPT.finditer(block.text)])
