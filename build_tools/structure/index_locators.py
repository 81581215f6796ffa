"""A printed index made live: each locator links to its page or its note.

An entry ends with its locators, separated by commas: pages ("191-92",
"viii"), notes on a page ("239 n11"), a note alone ("n4", on the page
before it). A locator links to the page anchor (a range to its first page)
or to the note numbered so whose text stands on that page (where two do,
the one that names the entry's headword; where none does, one on the next
or previous page that names it, the page anchors of the back matter being
partly approximate). One that cannot be resolved stays text and is listed
with the reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block, Division, Link, NoteRef, PageMark, Source
from ..rules import Rule, State
from .text import plain

HEADWORD = re.compile(r"(?:p |- )?([A-Za-z][\w'’-]+)")

LOCATOR = re.compile(
    r"(?:(?P<page>\d+|[ivxl]+)(?:-(?P<end>\d+))?(?: ?n ?(?P<note>\d+))?|n ?(?P<lone>\d+)|passim)"
)


@dataclass
class Unresolved:
    entry: str
    locator: str
    reason: str
    anchor: str


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Make the printed index live: each locator links to its page or note; one that cannot be "
                   "resolved is listed with the reason.",
}


def link_index_locators(state: State) -> None:
    state.source.unresolved_locators = _link_locators(state.source, state.divisions)


def _link_locators(source: Source, divisions: list[Division]) -> list[Unresolved]:
    unresolved: list[Unresolved] = []
    pages = {p.label for p in source.pages if p.label}
    notes = [n for d in divisions for n in d.notes + d.unreferenced_notes if not n.missing_text]
    referenced = _references_by_page(source, divisions)
    for d in divisions:
        if d.kind != "index":
            continue
        headword = ""
        for b in d.blocks:
            if b.kind not in ("para", "lines"):
                continue
            start = 0
            for line in b.lines():
                word = HEADWORD.match(plain(line))
                if word and word.group(1)[0].isupper():
                    headword = word.group(1)  # subentries ("and Lenin's Testament") share their entry's headword
                _link_entry(b, start, line.text, pages, notes, unresolved, headword, referenced)
                start += len(line.text) + 1
    return unresolved


def _references_by_page(source: Source, divisions: list[Division]) -> dict[tuple[str, str], list[str]]:
    """(page, note number) -> ids of the notes referred to from that page."""
    found: dict[tuple[str, str], list[str]] = {}
    page = None
    for d in divisions:
        for b in d.blocks:
            for m in b.marks:
                if isinstance(m, PageMark):
                    page = m.page.label or page
                elif isinstance(m, NoteRef) and m.note and page:
                    found.setdefault((page, m.number), []).append(m.note)
    return found


def _link_entry(b: Block, offset: int, line: str, pages: set[str], notes, unresolved: list[Unresolved], headword: str,
                referenced: dict[tuple[str, str], list[str]]) -> None:
    """Link the locators that end the entry printed on `line` (at `offset` in the block's text)."""
    parts = line.split(", ")
    starts = [offset + sum(len(p) + 2 for p in parts[:i]) for i in range(len(parts))]
    first_locator = len(parts)
    for i in range(len(parts) - 1, 0, -1):
        if LOCATOR.fullmatch(parts[i].strip().rstrip(".")):
            first_locator = i
        else:
            break
    previous_page: str | None = None
    for i in range(first_locator, len(parts)):
        text = parts[i].strip().rstrip(".")
        m = LOCATOR.fullmatch(text)
        if "passim" in text:
            continue
        page = m.group("page") or previous_page
        note_number = m.group("note") or m.group("lone")
        target, reason = _resolve(page, note_number, pages, notes, headword)
        if not target and note_number and len(set(referenced.get((page, note_number), []))) == 1:
            target = f"fn:{referenced[(page, note_number)][0]}"  # the page of the reference, not of the note
        if target:
            start = starts[i] + parts[i].index(text)
            b.add(Link(start, start + len(text), target))
        else:
            unresolved.append(Unresolved(parts[0].strip(), text, reason, b.anchor))
        previous_page = m.group("page") or previous_page


def _resolve(page: str | None, note: str | None, pages: set[str], notes, headword: str) -> tuple[str | None, str]:
    if page is None:
        return None, "a note locator with no page before it"
    if note is None:
        return (f"p-{page}", "") if page in pages else (None, f"page {page} has no anchor in the edition")
    numbered = [n for n in notes if n.number == note]
    found = [n for n in numbered if page in n.pages]
    naming = [n for n in found if _names(n, headword)]
    if len(found) == 1 or len(naming) == 1:
        return f"fn:{(found if len(found) == 1 else naming)[0].id}", ""
    if not found and page.isdigit():
        near = [n for n in numbered if {str(int(page) - 1), str(int(page) + 1)} & set(n.pages) and _names(n, headword)]
        if len(near) == 1:
            return f"fn:{near[0].id}", ""
    if found:
        return None, f"{len(found)} notes numbered {note} stand on page {page}, none naming {headword or 'the entry'} alone"
    return None, f"no note {note} stands on page {page}"


def _names(note, headword: str) -> bool:
    return bool(headword) and any(headword in plain(b) for b in note.blocks)


RULE = Rule("index_locators", link_index_locators, SCHEMA)
