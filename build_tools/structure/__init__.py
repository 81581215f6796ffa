"""Stage 3: structure. Headings, divisions, displaced references, split
paragraphs, tables, quotations, page anchors and paragraph anchors, in the
order RULES lists."""
from __future__ import annotations

from ..model import Block, Division, Source
from .anchors import assign_anchors
from .divisions import divide
from .headings import find_headings
from .citations import link_citations
from .cross_references import link_cross_references
from .index_entries import join_wrapped_index_entries
from .index_locators import link_index_locators
from .notes import link_notes
from .pages import infer_pages
from .quotes import find_block_quotes
from .references import restore_displaced_references
from .rejoin import rejoin_split_paragraphs
from .tables import build_tables

DIVISION_RULES = [
    restore_displaced_references,
    rejoin_split_paragraphs,
    build_tables,
    join_wrapped_index_entries,
    find_block_quotes,
]


def structure(source: Source, blocks: list[Block]) -> list[Division]:
    find_headings(source, blocks)
    divisions = divide(source, blocks)
    for rule in DIVISION_RULES:
        for division in divisions:
            rule(source, division)
    infer_pages(source, divisions)
    assign_anchors(source, divisions)
    link_notes(source, divisions)
    link_cross_references(source, divisions)
    link_citations(source, divisions)
    source.unresolved_locators = link_index_locators(source, divisions)
    return divisions
