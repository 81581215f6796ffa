"""A text and its marks as TEI elements: standoff marks become nested elements.

Spans (emphasis, links, the choices of the apparatus) must nest in XML. A
choice or a link is never split: an emphasis that crosses one is cut at its
edges (write/tei_apparatus.py leaves unplaced a choice that would cross a link
or another choice). At one offset, spans that end there close first, then
zero-width marks stand in reading order (a choice that stands by or holds one
of them with it), then spans open, the longest outermost, and of equal spans a
choice outside a link outside an emphasis.
"""
from __future__ import annotations

from typing import Protocol

from ..model import CommentRef, Emphasis, Inline, LineBreak, Link, NoteRef, PageMark
from .tei_apparatus import Placed, Spans
from .xmltree import Element, Node, el

CHOICE, LINK, EMPHASIS = 0, 1, 2  # nesting rank of equal spans: outermost first
END, POINT, START = 0, 1, 2


class Marks(Protocol):
    """What the document writer makes of each mark (it knows the anchors and registers)."""

    def link(self, link: Link) -> Element | None: ...  # None: the target is not published
    def page(self, mark: PageMark) -> Element | None: ...  # None: a page without a label
    def note_ref(self, mark: NoteRef) -> Element: ...
    def choice(self, placed: Placed) -> tuple[Element, Element]: ...  # the choice, and where its reading goes
    def review(self, placed: Placed) -> Element: ...  # a flag, a decision, or what the editor reads for a sic
    def comment(self, mark: CommentRef) -> Element: ...  # an editor's note, where it is attached


def inline_nodes(text: Inline, placed: list[Placed], marks: Marks, *, line_ends: bool = True) -> list[Node]:
    """The text's content as TEI nodes; a line break of the text is <lb/>, and so (line_ends) is the
    end of a printed line in text whose lines the edition joined: <lb break="no"/> inside a word."""
    spans = _spans(text, placed, marks)
    events = [(s[1], END, -i, s) for i, s in enumerate(spans)] + [(s[0], START, i, s) for i, s in enumerate(spans)]
    events += _points(text, placed, line_ends)
    events.sort(key=lambda e: e[:3])
    root = Element("_")
    stack: list[tuple[Element, tuple | None]] = [(root, None)]
    last = 0
    for offset, phase, _, item in events:
        _text(stack[-1][0], text.text[last:offset])
        last = offset
        if phase == END:
            _close(stack, item)
        elif phase == START:
            _open(stack, item)
        else:
            stack[-1][0].add(*_point(item, marks))
    _text(root, text.text[last:])
    return root.children


def _spans(text: Inline, placed: list[Placed], marks: Marks) -> list[tuple]:
    """(start, end, rank, element maker), ordered so that outer spans come first."""
    rigid: list[tuple] = []
    for p in placed:
        if (not p.review or p.kept) and p.start < p.end and not p.inside_original:
            rigid.append((p.start, p.end, CHOICE, lambda p=p: marks.choice(p)))
    for m in text.marks:
        if isinstance(m, Link) and m.start < m.end:
            if marks.link(m) is not None:
                rigid.append((m.start, m.end, LINK, lambda m=m: _same(marks.link(m))))
    spans = list(rigid)
    index = Spans((s, e) for s, e, *_ in rigid)
    for m in text.marks:
        if isinstance(m, Emphasis) and m.start < m.end:
            for start, end in _cut(m.start, m.end, index):
                spans.append((start, end, EMPHASIS, lambda: _hi()))
    spans.sort(key=lambda s: (s[0], -s[1], s[2]))
    return spans


def _hi() -> tuple[Element, Element]:
    return _same(el("hi", {"rend": "italic"}))


def _same(e: Element) -> tuple[Element, Element]:
    return e, e


def _cut(start: int, end: int, rigid: Spans) -> list[tuple[int, int]]:
    """An emphasis in pieces that each lie inside or outside every rigid span."""
    cuts = {p for s, e in rigid.crossing(start, end) for p in (s, e) if start < p < end}
    edges = [start, *sorted(cuts), end]
    return [(a, b) for a, b in zip(edges, edges[1:]) if a < b]


def _points(text: Inline, placed: list[Placed], line_ends: bool) -> list[tuple]:
    """Zero-width marks and choices, each keyed by its place among the marks at its offset."""
    order = {id(m): k for k, m in enumerate(text.marks)}
    held: dict[int, list[Placed]] = {}
    for p in placed:
        if p.wraps and p.at is not None:
            held.setdefault(id(p.at), []).append(p)
    out = []
    for k, m in enumerate(text.marks):
        if m.ZERO_WIDTH and isinstance(m, (PageMark, NoteRef, CommentRef)):
            # a move of a reference holds the normalisation of its print (a bracket dropped): the move's
            # original is the reference as printed, where it was printed
            holders = sorted(held.get(id(m), []), key=lambda p: p.emendation.kind != "note reference")
            out.append((m.start, POINT, (k, 0), (m, holders)))
        elif line_ends and isinstance(m, LineBreak):
            out.append((m.start, POINT, (k, 0), (_line_end(text.text, m.start), [])))
    for n, p in enumerate(placed):
        if p.wraps and p.at is not None and id(p.at) in order:
            continue
        if p.review or p.start == p.end:
            if p.number:
                continue  # written with the heading's number
            key = (order[id(p.at)], 1) if p.at is not None and id(p.at) in order else (len(order), n)
            out.append((p.end, POINT, key, p))
    return out


def _point(item, marks: Marks) -> list[Node]:
    if isinstance(item, Placed):
        if item.review:
            return [marks.review(item)]
        return [marks.choice(item)[0]]
    mark, holders = item
    nodes = _mark(mark, marks)
    reviews = [marks.review(p) for p in holders if p.review]
    for p in reversed([p for p in holders if not p.review]):  # the first repair found holds the others
        choice, reading = marks.choice(p)
        reading.add(*nodes)
        nodes = [choice]
    return nodes + reviews


def _line_end(text: str, at: int) -> Element:
    inside_word = 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace()
    return el("lb", {"break": "no" if inside_word else None})


def _mark(m, marks: Marks) -> list[Node]:
    if isinstance(m, Element):
        return [m]
    if isinstance(m, PageMark):
        return [e for e in (marks.page(m),) if e is not None]
    if isinstance(m, NoteRef):
        return [marks.note_ref(m)]
    if isinstance(m, CommentRef):
        return [marks.comment(m)]
    return []


def _open(stack: list, span: tuple) -> None:
    outer, inner = span[3]()
    stack[-1][0].add(outer)
    stack.append((inner, span))


def _close(stack: list, span: tuple) -> None:
    """Close a span; emphasis opened inside it and still open is closed and opened again after it."""
    if not any(s is span for _, s in stack):
        return
    reopen = []
    while stack[-1][1] is not span:
        reopen.append(stack.pop()[1])
    stack.pop()
    for s in reversed(reopen):
        _open(stack, s)


def _text(parent: Element, piece: str) -> None:
    for i, line in enumerate(piece.split("\n")):
        if i:
            parent.add(el("lb"))
        parent.add(line)


def split_lines(nodes: list[Node]) -> list[list[Node]]:
    """Nodes at the line breaks of their top level: the lines of verse."""
    lines: list[list[Node]] = [[]]
    for n in nodes:
        if isinstance(n, Element) and n.name == "lb" and not n.attrs.get("break"):
            lines.append([])
        else:
            lines[-1].append(n)
    return lines
