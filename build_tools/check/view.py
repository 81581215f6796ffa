"""The reading view the self-check reads: each block of a converted source as
a reader sees it, with page breaks, note references and links as standoff
marks on plain text.

The checks never look at the pipeline's model; only `passages()` does, so a
change of the model means rewriting this one function.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from .. import model
from ..model import Block, Edition


@dataclass(frozen=True)
class PageMark:
    """A printed page break inside a passage."""

    offset: int  # in Passage.text
    label: str | None  # printed page label; None when no number could be given
    exact: bool  # False: placed by inference
    line: int | None = None  # raw line of the marker the source printed there; None when inferred


@dataclass(frozen=True)
class NoteRef:
    offset: int  # where the reference's number stands in Passage.text
    number: str
    note: str | None  # the id of the note it leads to; None when it leads nowhere


@dataclass(frozen=True)
class Link:
    start: int  # the linked text is Passage.text[start:end]
    end: int
    target: str  # an anchor of the source ("p-12", "fn:ch01-3") or a page of the edition ("/persons.md#x")


@dataclass
class Passage:
    """One block as a reader sees it."""

    part: str  # the page of the site that holds it (division slug)
    anchor: str  # its citation anchor
    kind: str  # para | lines | heading | table
    level: int  # heading level (0 otherwise)
    role: str  # quote, verse, summary, chapter, notes-heading, ... ("" for a plain paragraph)
    text: str  # reading text: no markup, links reduced to their text; table cells by tab and line
    page: str | None  # printed page it starts on
    pages: list[PageMark] = field(default_factory=list)
    refs: list[NoteRef] = field(default_factory=list)
    line: int = 0  # first raw line
    in_note: bool = False  # a paragraph of a note
    note: str = ""  # which note (its id), for a note's paragraph
    part_kind: str = "text"  # text | front | notes | index | bibliography
    links: list[Link] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # italic spans (titles of works, mostly)


def passages(edition: Edition) -> list[Passage]:
    """Every block of the edition in reading order: each part's text, then its notes."""
    source = edition.source
    placed: list[tuple[Block, str, str, str]] = []
    for d in edition.divisions:
        placed += [(b, d.slug, d.kind, "") for b in d.blocks]
        placed += [(b, d.slug, d.kind, n.id) for n in d.notes + d.unreferenced_notes for b in n.blocks]
    out = [_passage(source, b, part, kind, note) for b, part, kind, note in placed]
    _starting_pages(out)
    return out


def _passage(source, b: Block, part: str, part_kind: str, note: str) -> Passage:
    text, pages, refs, links, emphasis = _read(b)
    if b.kind == "table":
        text += "\n".join("\t".join(c.printed() for c in row) for row in b.rows)
    role = "chapter" if b.number else b.role
    return Passage(part, b.anchor, b.kind, b.level, role, text, None, pages, refs, b.line, bool(note), note,
                   part_kind, links, emphasis)


def _read(b: Block):
    """The printed text (a reference's number where it stands) and its marks, at offsets of that text."""
    refs_at: list[tuple[int, int]] = []  # (offset in b.text, digits printed there)
    pages: list[PageMark] = []
    refs: list[NoteRef] = []
    shift = 0
    for m in b.marks:
        if isinstance(m, model.NoteRef):
            refs.append(NoteRef(m.start + shift, m.number, m.note or None))
            refs_at.append((m.start, len(m.number)))
            shift += len(m.number)
        elif isinstance(m, model.PageMark):
            pb = m.page
            printed = pb.seen or pb.evidence.startswith("blank lines")  # else placed by inference: no raw line
            pages.append(PageMark(m.start + shift, pb.label, pb.exact, pb.line if printed else None))

    where = [x for x, _ in refs_at]
    digits = list(itertools.accumulate((n for _, n in refs_at), initial=0))

    def at(pos: int, *, opening: bool) -> int:  # a span opens after the references at its start, ends before
        return pos + digits[(bisect.bisect_right if opening else bisect.bisect_left)(where, pos)]

    links = [Link(at(k.start, opening=True), at(k.end, opening=False),
                  f"/{k.register}.md#{k.target}" if k.register else k.target) for k in b.of(model.Link)]
    emphasis = [(at(e.start, opening=True), at(e.end, opening=False)) for e in b.of(model.Emphasis)]
    return _trimmed(b.printed(), pages, refs, links, emphasis)


def _trimmed(text: str, pages, refs, links, emphasis):
    """Leading and trailing white space off, the marks moved with the text."""
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    at = lambda o: min(max(o - lead, 0), len(text))
    pages = [PageMark(at(p.offset), p.label, p.exact, p.line) for p in pages]
    refs = [NoteRef(at(r.offset), r.number, r.note) for r in refs]
    links = sorted((Link(at(k.start), at(k.end), k.target) for k in links), key=lambda k: k.start)
    emphasis = [(at(a), at(b)) for a, b in emphasis]
    return text, pages, refs, links, emphasis


def _starting_pages(passages: list[Passage]) -> None:
    """The page each passage starts on, following the printed order (notes stand at the back of a book)."""
    page: str | None = None
    for p in sorted(passages, key=lambda p: p.line):
        opening = [m.label for m in p.pages if m.offset == 0 and m.label]
        p.page = opening[0] if opening else page
        page = next((m.label for m in reversed(p.pages) if m.label), page)


@dataclass(frozen=True)
class RegisterPlace:
    """One place of this source as a register page prints it (persons, glossary, unresolved mentions)."""

    register: str  # a register's name (persons, glossary, places) | unresolved
    entry: str  # the entry's id; for an unresolved mention, the name as printed
    kind: str  # "p." for a printed page, "¶" for a paragraph number
    label: str  # the page (or paragraph number) as printed
    anchor: str  # where the link goes
    part: str
    candidates: tuple[str, ...] = ()  # for an unresolved mention: whom it may mean
    title: str = ""  # the entry's heading as the register page prints it ("Stalin, Iosif (1878–1953).")


def register_places(edition: Edition, occurrences, persons=()) -> list[RegisterPlace]:
    """What the register pages print for this source, entry by entry, in the order they print it
    (one place per printed label and entry, as write/registers.py does)."""
    from ..write.registers import _in_book_order, _label, citation_places, person_heading  # as the pages print them

    places = citation_places(edition)
    titles = {p.id: person_heading(p) for p in persons}
    out: list[RegisterPlace] = []
    seen: set[tuple[str, str, str]] = set()
    for item in occurrences:
        register, entry = item.register, item.entry
        if not entry:
            continue
        kind, label = _label(item.page, item.anchor, places)
        if (register, entry, label) not in seen:
            seen.add((register, entry, label))
            out.append(RegisterPlace(register, entry, kind, label, item.anchor, item.division,
                                     title=titles.get(entry, "") if register == "persons" else ""))
    first = {}
    for i, r in enumerate(out):
        first.setdefault((r.register, r.entry), i)
    out.sort(key=lambda r: (first[(r.register, r.entry)], _in_book_order(r.label)))  # each entry's places as printed
    asked: set[tuple] = set()
    for m in occurrences:
        if m.entry is None:
            kind, label = _label(m.page, m.anchor, places)
            if (m.text, label, tuple(m.candidates)) not in asked:  # the page asks once a page
                asked.add((m.text, label, tuple(m.candidates)))
                out.append(RegisterPlace("unresolved", m.text, kind, label, m.anchor, m.division, tuple(m.candidates)))
    return out


def print_order(passages: list[Passage]) -> list[Passage]:
    """The passages in the order of the raw text (the printed book's order)."""
    return sorted(passages, key=lambda p: p.line)
