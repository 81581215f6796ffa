"""Render a division as a Markdown page."""
from __future__ import annotations

from ..model import PAGE_RE, Block, Division, Source
from .escape import escape
from .inline import page_anchor, render_inline
from .table import row, rule

ROLE_CLASS = {"summary": "summary", "byline": "byline", "attribution": "attribution", "contents": "contents"}


def render_division(source: Source, division: Division, *, extra_top: str = "", extra_bottom: str = "") -> str:
    parts: list[str] = []
    if not any(b.kind == "heading" and b.level == 1 for b in division.blocks):
        parts.append(f"# {escape(division.title)}")
    if extra_top:
        parts.append(extra_top)
    previous = None
    for block in division.blocks:
        rendered = render_block(source, division, block)
        if _quoted(block) and previous is not None and _quoted(previous):
            parts[-1] += "\n>\n" + rendered  # one blockquote, several paragraphs
        else:
            parts.append(rendered)
        previous = block
    if extra_bottom:
        parts.append(extra_bottom)
    return "\n\n".join(p for p in parts if p) + "\n"


def _quoted(block: Block) -> bool:
    return block.kind not in ("heading", "table") and block.role in ("quote", "verse", "attribution")


def render_block(source: Source, division: Division, block: Block) -> str:
    if block.kind == "heading":
        return _heading(source, block)
    if block.kind == "table":
        return _table(source, block)
    anchor = f'<a class="para" id="{block.anchor}"></a>'
    body = render_inline(source, block.text)
    if block.kind == "lines":
        body = "<br>\n".join(body.split("\n"))
    text = anchor + body
    if block.role in ("quote", "verse", "attribution"):
        return "\n".join("> " + line for line in text.split("\n"))
    if block.role in ROLE_CLASS:
        return f"{text}\n{{: .{ROLE_CLASS[block.role]} }}"
    return text


def _heading(source: Source, block: Block) -> str:
    number = block.role.split(":", 1)[1] + ". " if block.role.startswith("chapter:") else ""
    text = render_inline(source, block.text)
    # Page anchors that open the heading go before the number.
    lead = ""
    while text.startswith("<a class=\"page-break"):
        end = text.index("</a>") + 4
        lead, text = lead + text[:end], text[end:]
    return f"{'#' * block.level} {lead}{number}{text} {{ #{block.anchor} }}"


def _table(source: Source, block: Block) -> str:
    rows = [[render_inline(source, c) for c in r] for r in block.rows]
    lead = "".join(page_anchor(source, int(i)) for i in PAGE_RE.findall(block.text))
    out = [f'<a class="para" id="{block.anchor}"></a>{lead}', ""]
    header = rows[0] if block.role == "header" else [""] * len(rows[0])
    body = rows[1:] if block.role == "header" else rows
    return "\n".join(out + [row(header), rule(len(header))] + [row(r) for r in body])
