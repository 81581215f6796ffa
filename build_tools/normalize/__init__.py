"""Stage 2: normalize. Repair rules run in the order RULES lists, over one shared state.

Each rule is a small function in its own module; each records what it changed.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from ..model import Block, Source
from .blocks import build_blocks
from .boilerplate import remove_boilerplate, remove_preamble
from .emphasis import convert_emphasis
from .glued_words import separate_glued_words
from .ligatures import join_broken_ligatures
from .lines import split_lines
from .lost_dashes import restore_lost_dashes
from .page_markers import mark_pages
from .state import NormalizeState
from .superscripts import mark_superscript_references

RULES = [
    # on lines
    remove_preamble,
    remove_boilerplate,
    mark_pages,
    build_blocks,
    # on blocks
    join_broken_ligatures,
    restore_lost_dashes,  # before references: 1887¹⁹³⁷ is a date range
    mark_superscript_references,
    convert_emphasis,
    separate_glued_words,
]


def normalize(source: Source, lexicon: Lexicon) -> list[Block]:
    state = NormalizeState(source, lexicon, split_lines(source.text))
    for rule in RULES:
        rule(state)
    return state.blocks
