"""Superscript digits are printed note references: keep them as references."""
from __future__ import annotations

import re

from ..model import REF_CLOSE, REF_OPEN
from .state import NormalizeState

SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def mark_superscript_references(state: NormalizeState) -> None:
    for block in state.blocks:
        block.text = SUPERSCRIPT.sub(lambda m: f"{REF_OPEN}{m.group(0).translate(DIGITS)}{REF_CLOSE}", block.text)
