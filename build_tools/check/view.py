"""The reading view the self-check reads: each block of a converted source as
a reader sees it, with page breaks, note references and links as standoff
marks on plain text.

The checks never look at the pipeline's model; only `passages()` does, so a
change of the model means rewriting this one function.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (EM_CLOSE, EM_OPEN, LINK_CLOSE, LINK_OPEN, LINK_SEP, PAGE_HINT, PAGE_RE, REF_RE, Block,
                     Edition)


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


# The sentinels, one at a time: a link may hold emphasis, page breaks or references.
TOKEN = re.compile(
    f"(?P<page>{PAGE_RE.pattern})|(?P<ref>{REF_RE.pattern})"
    f"|{LINK_OPEN}(?P<target>[^{LINK_SEP}]*){LINK_SEP}|(?P<close>{LINK_CLOSE})|(?P<em>{EM_OPEN})|(?P<em_end>{EM_CLOSE})"
    f"|{PAGE_HINT}"
)


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
    raw = b.text
    if b.kind == "table":
        raw += "\n".join("\t".join(row) for row in b.rows)
    text, pages, refs, links, emphasis = _read(source, raw)
    role = b.role.split(":", 1)[0]
    return Passage(part, b.anchor, b.kind, b.level, role, text, None, pages, refs, b.line, bool(note), note,
                   part_kind, links, emphasis)


def _read(source, raw: str):
    """Plain text and its marks: pages, references, links, emphasis."""
    out: list[str] = []
    size = 0
    pages: list[PageMark] = []
    refs: list[NoteRef] = []
    links: list[Link] = []
    emphasis: list[tuple[int, int]] = []
    open_links: list[tuple[int, str]] = []
    em_start: int | None = None
    last = 0
    for m in TOKEN.finditer(raw):
        piece = raw[last:m.start()]
        out.append(piece)
        size += len(piece)
        last = m.end()
        if m.group("page"):
            pb = source.pages[int(m.group(2))]
            printed = pb.seen or pb.evidence.startswith("blank lines")  # else placed by inference: no raw line
            pages.append(PageMark(size, pb.label, pb.exact, pb.line if printed else None))
        elif m.group("ref"):
            number, note = m.group(4), m.group(5)
            refs.append(NoteRef(size, number, note or None))
            out.append(number)
            size += len(number)
        elif m.group("target") is not None:
            open_links.append((size, m.group("target")))
        elif m.group("close") and open_links:
            start, target = open_links.pop()
            links.append(Link(start, size, target))
        elif m.group("em"):
            em_start = size
        elif m.group("em_end") and em_start is not None:
            emphasis.append((em_start, size))
            em_start = None
    out.append(raw[last:])
    return _trimmed("".join(out), pages, refs, links, emphasis)


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

    register: str  # persons | glossary | unresolved
    entry: str  # the person's or term's id; for an unresolved mention, the name as printed
    kind: str  # "p." for a printed page, "¶" for a paragraph number
    label: str  # the page (or paragraph number) as printed
    anchor: str  # where the link goes
    part: str
    candidates: tuple[str, ...] = ()  # for an unresolved mention: whom it may mean
    title: str = ""  # the entry's heading as the register page prints it ("Stalin, Iosif (1878–1953).")


def register_places(edition: Edition, mentions, uses, persons=()) -> list[RegisterPlace]:
    """What the register pages print for this source, entry by entry, in the order they print it
    (one place per printed label and entry, as write/registers.py does)."""
    from ..write.registers import _dates, _label, paragraph_ordinals  # exactly as the pages print them

    ordinals = paragraph_ordinals(edition)
    titles = {p.id: f"{p.sort}{_dates(p.born, p.died)}." for p in persons}
    out: list[RegisterPlace] = []
    seen: set[tuple[str, str, str]] = set()
    items = [("persons", m.person, m) for m in mentions if m.person] + [("glossary", u.term, u) for u in uses]
    for register, entry, item in items:
        kind, label = _label(getattr(item, "page", None), item.anchor, ordinals)
        if (register, entry, label) not in seen:
            seen.add((register, entry, label))
            out.append(RegisterPlace(register, entry, kind, label, item.anchor, item.division,
                                     title=titles.get(entry, "") if register == "persons" else ""))
    for m in mentions:
        if m.person is None:
            kind, label = _label(m.page, m.anchor, ordinals)
            out.append(RegisterPlace("unresolved", m.text, kind, label, m.anchor, m.division, tuple(m.candidates)))
    return out


def print_order(passages: list[Passage]) -> list[Passage]:
    """The passages in the order of the raw text (the printed book's order)."""
    return sorted(passages, key=lambda p: p.line)
