"""Source markup for italics (<i>…</i>, *…*) becomes emphasis; all other markup stays text."""
from __future__ import annotations

import re

from ..model import Emendation, Emphasis
from .inline import line_of
from ..rules import Rule, State

HTML_ITALIC = re.compile(r"<(i|em)>([^<>\n]+?)</\1>")
ASTERISK_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


SCHEMA = {
    "type": "array",
    "items": {"enum": ["html", "asterisk"]},
    "uniqueItems": True,
    "default": [],
    "description": "How the source marks italics: `html` (<i>…</i>, <em>…</em>), `asterisk` (*…*). The marks "
                   "become emphasis; any other markup stays in the text as printed.",
    "examples": [["html", "asterisk"]],
}


def convert_emphasis(state: State) -> None:
    kinds = state.setting("emphasis")
    for block in state.blocks:
        if "html" in kinds:
            _emphasise(block, HTML_ITALIC, 2)
        if "asterisk" in kinds:
            _emphasise(block, ASTERISK_ITALIC, 1)


def _emphasise(block, pattern: re.Pattern, group: int) -> None:
    """The markup around the words goes; the words are marked as emphasis."""
    found = list(pattern.finditer(block.text))
    for m in found:
        block.emendations.append(Emendation("markup", m.group(0), m.group(group), line_of(block, m.start())))
    edits = []
    for m in found:  # the markup around the words goes; the words stay, marked
        edits += [(m.start(), m.start(group), "", []),
                  (m.end(group), m.end(), "", [Emphasis(m.start(group), m.end(group))])]
    block.edit(edits)


RULE = Rule("emphasis", convert_emphasis, SCHEMA)
