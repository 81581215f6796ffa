"""`edition add`: take a new source in and infer its layout profile from the text's own evidence.

Each kind of evidence has its module; infer_layout runs them in an order
where the lines a removal rule will take (page numbers, running heads,
boilerplate, a catalogue record) are claimed first, so that wrapping,
paragraphs, headings and notes are judged on the text alone. profile.py
maps the findings to the profile's keys; add.py writes the source and
builds it.
"""
from __future__ import annotations

from .apparatus import infer_apparatus, infer_preamble
from .boilerplate import infer_boilerplate
from .evidence import Evidence
from .headings import infer_headings
from .markup import infer_markup
from .notes import infer_notes
from .pages import infer_first_page, infer_pages
from .repairs import infer_repairs
from .wrapping import infer_line_repairs, infer_wrapping

STEPS = [
    infer_pages,  # page numbers and running heads (claimed), blank-line runs, form feeds
    infer_boilerplate,  # recurring lines (claimed)
    infer_preamble,  # a catalogue record before the first page (claimed)
    infer_first_page,
    infer_wrapping,  # soft or hard; what parts paragraphs
    infer_line_repairs,  # line-end hyphens, broken ligatures (counted)
    infer_notes,
    infer_headings,
    infer_markup,
    infer_repairs,
    infer_apparatus,
]


def infer_layout(text: str) -> Evidence:
    """Everything the text shows about its layout: findings with their evidence, and doubts."""
    evidence = Evidence.of(text)
    for step in STEPS:
        step(evidence)
    return evidence
