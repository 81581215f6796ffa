"""Source markup for italics (<i>…</i>, *…*) becomes emphasis; all other markup stays text."""
from __future__ import annotations

import re

from ..model import EM_CLOSE, EM_OPEN
from .inline import rewrite
from .state import NormalizeState

HTML_ITALIC = re.compile(r"<(i|em)>([^<>\n]+?)</\1>")
ASTERISK_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def convert_emphasis(state: NormalizeState) -> None:
    kinds = state.source.setting("markup.emphasis", [])
    for block in state.blocks:
        if "html" in kinds:
            rewrite(block, HTML_ITALIC, lambda m: ("markup", f"{EM_OPEN}{m.group(2)}{EM_CLOSE}", "applied"))
        if "asterisk" in kinds:
            rewrite(block, ASTERISK_ITALIC, lambda m: ("markup", f"{EM_OPEN}{m.group(1)}{EM_CLOSE}", "applied"))
