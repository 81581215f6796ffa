"""Render a block's text (with sentinels) as inline Markdown."""
from __future__ import annotations

import html
import re

from typing import Callable

from ..model import EM_CLOSE, EM_OPEN, LINK_CLOSE, LINK_OPEN, LINK_SEP, PAGE_CLOSE, PAGE_OPEN, REF_CLOSE, REF_OPEN, Source
from ..cite import page_label  # what "Cite this page" cites at a page break (edition.js)
from .escape import escape

TOKEN = re.compile(
    f"{PAGE_OPEN}(\\d+){PAGE_CLOSE}|{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}|{EM_OPEN}|{EM_CLOSE}"
    f"|{LINK_OPEN}([^{LINK_SEP}]*){LINK_SEP}([^{LINK_CLOSE}]*){LINK_CLOSE}"
)
Resolver = Callable[[str], "str | None"]  # anchor -> relative URL, or None when it is not published


def page_anchor(source: Source, index: int) -> str:
    pb = source.pages[index]
    if not pb.label:
        return ""
    label = html.escape(pb.label)
    cls = "page-break" if pb.exact else "page-break approximate"
    title = f"page {label}" + ("" if pb.exact else " (position approximate)")
    return (f'<a class="{cls}" id="p-{label}" href="#p-{label}" data-page="{label}" '
            f'data-cite="{page_label(label, pb.exact)}" '
            f'aria-label="{title}" title="{title}"></a>')


def render_inline(source: Source, text: str, resolve: Resolver | None = None) -> str:
    """Escape text between sentinels, then render each sentinel."""
    lines = text.split("\n")
    return "\n".join(_render_line(source, line, resolve or (lambda anchor: None)) for line in lines)


def _render_line(source: Source, text: str, resolve: Resolver) -> str:
    text = _tidy_emphasis(text)
    out: list[str] = []
    started = False  # == bool("".join(out).strip()), kept as we go: the join made this quadratic

    def emit(piece: str) -> None:
        nonlocal started
        out.append(piece)
        started = started or bool(piece.strip())

    last = 0
    for m in TOKEN.finditer(text):
        emit(_escape_piece(text[last:m.start()], at_start=not started))
        last = m.end()
        if m.group(1) is not None:
            emit(page_anchor(source, int(m.group(1))))
        elif m.group(2) is not None:
            number, _, note = m.group(2).partition("|")
            emit(f"[^{note}]" if note else f'<sup class="noteref">{html.escape(number)}</sup>')
        elif m.group(3) is not None:
            url = resolve(m.group(3))
            label = escape(m.group(4))
            emit(f"[{label}]({url})" if url else label)
        else:
            emit("*")
    emit(_escape_piece(text[last:], at_start=not started))
    return "".join(out).strip()


def _escape_piece(piece: str, at_start: bool) -> str:
    return escape(piece.lstrip() if at_start else piece) if piece else ""


def _tidy_emphasis(text: str) -> str:
    """Emphasis delimiters must hug their text: move spaces outside them; drop empty ones."""
    text = re.sub(f"{EM_OPEN}(\\s*)([^{EM_CLOSE}]*?)(\\s*){EM_CLOSE}",
                  lambda m: f"{m.group(1)}{EM_OPEN}{m.group(2)}{EM_CLOSE}{m.group(3)}" if m.group(2) else m.group(1) + m.group(3),
                  text)
    return text
