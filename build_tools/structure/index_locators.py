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
ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?![a-z])"
PAGE = rf"(?:\d+|{ROMAN})"
# One locator: a page, a range ("191-92", "86- 87", "xii-xiii"), a note on a page ("239 n11"), or a
# note alone ("n4": on the page before it).
LOCATOR = re.compile(rf"(?P<page>{PAGE})(?:-\s?(?P<end>{PAGE}))?(?:\s?n\s?(?P<note>\d+))?|n\s?(?P<lone>\d+)")
# What may stand around locators in one comma-separated part: "238 n2 and n5", "12-15 passim onward",
# "52 (see Cheka)".
LOCATOR_WORDS = re.compile(r"\s*(?:and|passim|onward|\(see [^)]*\))\s*")


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
    previous_page: str | None = None
    for start, m in entry_locators(line):
        text = m.group(0)
        page = m.group("page") or previous_page
        note_number = m.group("note") or m.group("lone")
        target, reason = _resolve(page, note_number, pages, notes, headword)
        if not target and note_number and len(set(referenced.get((page, note_number), []))) == 1:
            target = f"fn:{referenced[(page, note_number)][0]}"  # the page of the reference, not of the note
        if target:
            b.add(Link(offset + start, offset + start + len(text), target))
        else:
            unresolved.append(Unresolved(line.split(", ")[0].strip(), text, reason, b.anchor))
        previous_page = m.group("page") or previous_page


SEPARATOR = re.compile(r",[\"”]? ")  # 'declaration of the," 54-55': the comma inside the quotation marks


def entry_locators(line: str) -> list[tuple[int, re.Match]]:
    """The locators an index entry ends with: (offset in the line, match), in order."""
    seps = list(SEPARATOR.finditer(line))
    parts = [(a.end(), b.start()) for a, b in zip(seps, seps[1:])] + ([(seps[-1].end(), len(line))] if seps else [])
    found: list[list[tuple[int, re.Match]]] = []
    for start, end in reversed(parts):  # the locators are the last parts; the first part is the heading
        locators = _part_locators(line[start:end].removesuffix("."))
        if locators is None:
            break
        found.append([(start + i, m) for i, m in locators])
    return [x for part in reversed(found) for x in part]


def _part_locators(part: str) -> list[tuple[int, re.Match]] | None:
    """The locators of one comma-separated part, or None if it holds anything else."""
    out, i = [], 0
    while i < len(part):
        words = LOCATOR_WORDS.match(part, i)
        if words and words.end() > i:
            i = words.end()
            continue
        m = LOCATOR.match(part, i)
        if not m or (m.end() < len(part) and part[m.end()] not in " ("):
            return None
        out.append((i, m))
        i = m.end()
    return out or None


def index_pages(divisions: list[Division]) -> dict[str, set[str]]:
    """What the printed index says is on which page: entry headword -> page labels (ranges spelled out)."""
    found: dict[str, set[str]] = {}
    for d in divisions:
        if d.kind != "index":
            continue
        for b in d.blocks:
            headword = ""
            for line in b.text.split("\n"):
                word = HEADWORD.match(line.strip())
                if not word or not word.group(1)[0].isupper():
                    continue  # a subentry: its pages are its entry's too, but say less about the word
                headword = word.group(1)
                for _, m in entry_locators(line):
                    if m.group("page"):
                        found.setdefault(headword, set()).update(_spelled_out(m.group("page"), m.group("end")))
    return found


def _spelled_out(first: str, last: str | None) -> list[str]:
    from .missing_pages import label_value, to_label

    series, a = label_value(first)
    if not last:
        return [first]
    end_series, b = label_value(last)
    if series == "arabic" and end_series == "arabic" and b < a:  # "191-92"
        b = int(str(a)[: len(str(a)) - len(last)] + last)
    return [to_label(series, n) for n in range(a, max(a, b) + 1)][:50]


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
