"""Where the editor changed the source, for the reading text's "Show editorial changes".

Each page of a source carries its applied emendations as data (a hidden
element, the JSON in an attribute: inert, whatever the text holds); edition.js
marks each changed spot when the reader asks, with the source's reading on
hover or focus and a link to its row of the editorial notes, whose anchor is
the entry's stable id (build_tools/emendation_ids.py).

An emendation records a stretch of text around the change (a rejoined
paragraph quotes 30 characters either side of the join); the spot is the part
of the edition's reading that differs from the source's, widened to whole
words ("state—Soviet" for a lost dash, "documentation" for a mended hyphen).
"""
from __future__ import annotations

import html
import json

from ..model import Edition, Emendation


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def changed_span(original: str, reading: str) -> tuple[int, int]:
    """(start, end) in reading (spaces collapsed) of what differs from original, widened to whole words."""
    reading, original = _collapsed(reading), _collapsed(original.replace("\n", " "))
    start = 0
    while start < min(len(reading), len(original)) and reading[start] == original[start]:
        start += 1
    end = 0
    while end < min(len(reading), len(original)) - start and reading[-1 - end] == original[-1 - end]:
        end += 1
    end = len(reading) - end
    while start > 0 and not reading[start - 1].isspace():
        start -= 1
    while end < len(reading) and not reading[end].isspace():
        end += 1
    return start, max(start, end)


def shown(text: str) -> str:
    """A reading as the editorial notes show it: a line break as a vertical bar."""
    return text.replace("\n", "|") if text else "—"


def page_changes(edition: Edition, division: str, division_of: dict[str, str]) -> str:
    """The page's emendations whose reading it prints, as a hidden element (Markdown raw HTML); "" when it has none.
    Each: [paragraph anchor, edition's reading, start, end, source's reading, kind, row anchor]."""
    items = [_item(e) for e in edition.emendations
             if e.prints_reading and e.reading != e.original and e.id and division_of.get(e.anchor) == division]
    if not items:
        return ""
    data = html.escape(json.dumps(items, ensure_ascii=False, separators=(",", ":")), quote=True)
    return f'<div class="edition-changes" hidden data-changes="{data}"></div>'


def _item(e: Emendation) -> list:
    start, end = changed_span(e.original, e.reading)
    return [e.anchor, _collapsed(e.reading), start, end, e.original.replace("\n", "|"), e.kind, e.id]
