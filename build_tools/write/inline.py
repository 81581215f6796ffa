"""Render a text and its marks as inline Markdown."""
from __future__ import annotations

import dataclasses
import html
from typing import Callable

from ..cite import page_label  # what "Cite this page" cites at a page break (edition.js)
from ..model import LAYOUT, CommentRef, EditorMark, Emphasis, Inline, Link, Mark, NoteRef, PageBreak, PageMark, Text
from .escape import escape

Resolver = Callable[[Link], "str | None"]  # a link -> relative URL, or None when its target is not published

END, POINT, START = 0, 1, 2  # at one offset: spans close, then zero-width marks, then spans open


def page_anchor(pb: PageBreak) -> str:
    if not pb.label:
        return ""
    label = html.escape(pb.label)
    cls = "page-break" if pb.exact else "page-break approximate"
    title = f"page {label}" + ("" if pb.exact else " (position approximate)")
    return (f'<a class="{cls}" id="p-{label}" href="#p-{label}" data-page="{label}" '
            f'data-cite="{page_label(label, pb.exact)}" '
            f'aria-label="{title}" title="{title}"></a>')


def editor_mark(mark: EditorMark) -> str:
    """An editor's correction: a bracketed sign after it, leading to its entry in the editorial notes
    (the page of the site beside this one: raw HTML is not rewritten by MkDocs, so its .html address)."""
    entry = html.escape(mark.entry.id)
    return (f'<a class="editorial" href="editorial-notes.html#{entry}" title="{html.escape(mark.title)}">'
            f'[{html.escape(mark.label)}]</a>')


def comment_ref(mark: CommentRef) -> str:
    """An editor's note: "Ed. 2" raised like a note reference, leading to the note at the end of the part."""
    entry = html.escape(mark.entry.id)
    return (f'<sup class="editor-note-ref" id="edref-{entry}"><a href="#ed-{entry}" '
            f'title="Editor\'s note {mark.number}">Ed.&nbsp;{mark.number}</a></sup>')


def render_inline(text: Inline, resolve: Resolver | None = None) -> str:
    """Each line of the text, its pieces escaped and its marks rendered."""
    resolve = resolve or (lambda link: None)
    return "\n".join(_render_line(line, resolve) for line in text.lines())


def _render_line(line: Text, resolve: Resolver) -> str:
    events = _events(line.text, _tidy_emphasis(line))
    return _render(line.text, events, 0, len(line.text), resolve, at_start=True).strip()


def _events(text: str, marks: list[Mark]) -> list[tuple[int, int, int, Mark]]:
    """(offset, END|POINT|START, order, mark), in reading order. Inner spans close first and open last."""
    out = []
    for i, m in enumerate(marks):
        if m.ZERO_WIDTH:
            out.append((m.start, POINT, i, m))
        else:
            out.append((m.start, START, -(m.end - m.start) * len(marks) + i, m))  # the longer span outside
            out.append((m.end, END, (m.end - m.start) * len(marks) - i, m))
    return sorted(out, key=lambda e: e[:3])


def _render(text: str, events, start: int, end: int, resolve: Resolver, *, at_start: bool) -> str:
    out: list[str] = []
    started = not at_start  # == bool("".join(out).strip()), kept as we go: the join made this quadratic

    def emit(piece: str) -> None:
        nonlocal started
        out.append(piece)
        started = started or bool(piece.strip())

    def text_piece(piece: str) -> None:
        if piece:
            emit(escape(piece.lstrip() if not started else piece))

    last, i = start, 0
    while i < len(events):
        pos, kind, _, mark = events[i]
        text_piece(text[last:pos])
        last = pos
        if isinstance(mark, Link) and kind == START:
            j = next(k for k in range(i + 1, len(events)) if events[k][3] is mark)
            inner = events[i + 1:j]
            label = _render(text, inner, pos, mark.end, resolve, at_start=False) if inner else escape(text[pos:mark.end])
            url = resolve(mark)
            emit(f"[{label}]({url})" if url else label)
            last, i = mark.end, j + 1
            continue
        if isinstance(mark, Emphasis):
            emit("*")
        elif isinstance(mark, PageMark):
            emit(page_anchor(mark.page))
        elif isinstance(mark, NoteRef):
            emit(f"[^{mark.note}]" if mark.note else f'<sup class="noteref">{html.escape(mark.number)}</sup>')
        elif isinstance(mark, EditorMark):
            emit(editor_mark(mark))
        elif isinstance(mark, CommentRef):
            emit(comment_ref(mark))
        i += 1
    text_piece(text[last:end])
    return "".join(out)


def _tidy_emphasis(line: Text) -> list[Mark]:
    """Emphasis must hug its text: spaces at its edges go outside it; an empty one goes."""
    text, marks = line.text, [m for m in line.marks if not isinstance(m, LAYOUT)]  # nothing to print
    taken = {p for m in marks for p in (m.start, m.end)}
    out = []
    for m in marks:
        if isinstance(m, Emphasis):
            start, end = m.start, m.end
            while start < end and text[start].isspace() and (start == m.start or start not in taken):
                start += 1
            while end > start and text[end - 1].isspace() and (end == m.end or end not in taken):
                end -= 1
            if start == end and not any(x is not m and start <= x.start <= end and x.ZERO_WIDTH for x in marks):
                continue
            m = dataclasses.replace(m, start=start, end=end)
        out.append(m)
    return out
