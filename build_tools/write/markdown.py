"""Render a division as a Markdown page: its blocks, then its notes."""
from __future__ import annotations

import html

from ..model import Block, CommentRef, Division, EditorMark, Note, Source, Text
from .escape import escape
from .inline import Resolver, page_anchor, render_inline
from .paragraph import paragraph_anchor
from .table import row, rule

ROLE_CLASS = {"summary": "summary", "byline": "byline", "attribution": "attribution", "contents": "contents"}
# Python-Markdown's footnotes extension puts the notes where this marker stands.
FOOTNOTES_HERE = "///Footnotes Go Here///"


def render_division(source: Source, division: Division, *, extra_top: str = "", extra_bottom: str = "",
                    resolve: Resolver | None = None) -> str:
    resolve = resolve or (lambda anchor: None)
    parts: list[str] = []
    if not any(b.kind == "heading" and b.level == 1 for b in division.blocks):
        parts.append(f"# {escape(division.title)}")
    if extra_top:
        parts.append(extra_top)
    previous = None
    notes_placed = False
    for block in division.blocks:
        rendered = render_block(source, division, block, resolve)
        if _quoted(block) and previous is not None and _quoted(previous):
            parts[-1] += "\n>\n" + rendered  # one blockquote, several paragraphs
        else:
            parts.append(rendered)
        if block.notes_for:
            parts.append(f"The notes of this part are printed with its text: [{escape(block.printed())}]({block.notes_for}.md#notes).")
        if block.role == "notes-heading":
            parts += _notes(source, division, resolve)
            notes_placed = True
        previous = block
    if not notes_placed and (division.notes or division.unreferenced_notes):
        parts.append("## Notes { #notes }")
        parts += _notes(source, division, resolve)
    parts += editor_notes(division)
    if extra_bottom:
        parts.append(extra_bottom)
    return "\n\n".join(p for p in parts if p) + "\n"


def editor_notes(division: Division) -> list[str]:
    """The editor's commentary notes of the part (corrections.yml), apart from the author's, in reading order."""
    blocks = division.blocks + [b for n in division.notes + division.unreferenced_notes for b in n.blocks]
    refs = [m for b in blocks for m in b.of(CommentRef)]
    if not refs:
        return []
    parts = ["## Editor's notes { #editors-notes }"]
    for m in refs:
        entry = html.escape(m.entry.id)
        parts.append(f'<a class="editor-note" id="ed-{entry}" href="#edref-{entry}" title="Back to the text">'
                     f"Ed.&nbsp;{m.number}</a> {escape(m.entry.editor_note)}")
    return parts


def _quoted(block: Block) -> bool:
    return block.kind not in ("heading", "table") and block.role in ("quote", "verse", "attribution")


def _notes(source: Source, division: Division, resolve: Resolver) -> list[str]:
    parts = [_footnote(source, division, n, resolve) for n in division.notes]
    if division.notes:
        parts.append(FOOTNOTES_HERE)
    if division.unreferenced_notes:
        parts.append("### Notes without a reference in the text { #notes-unreferenced }")
        parts.append("*No reference to these notes was found in the text; they are printed here as the source has them.*")
        for n in division.unreferenced_notes:
            first, *rest = [render_block(source, division, b, resolve) for b in n.blocks]
            parts.append(f'<a class="note" id="fn:{html.escape(n.id)}"></a>{first}')
            parts += rest
    return parts


def _footnote(source: Source, division: Division, note: Note, resolve: Resolver) -> str:
    if note.missing_text:
        return f"[^{note.id}]: *Editorial note: the text of note {escape(note.number)} is not in the source.*"
    paragraphs = [render_block(source, division, b, resolve) for b in note.blocks]
    body = "\n".join(("    " + line if line and i else line) for i, line in enumerate("\n\n".join(paragraphs).split("\n")))
    return f"[^{note.id}]: {body}"


def render_block(source: Source, division: Division, block: Block, resolve: Resolver | None = None) -> str:
    if block.kind == "heading":
        return _heading(source, block, resolve)
    if block.kind == "table":
        return _table(source, block, resolve)
    anchor = paragraph_anchor(block)
    body = render_inline(block, resolve)
    if block.kind == "lines":
        body = "<br>\n".join(body.split("\n"))
    text = anchor + body
    if block.role in ("quote", "verse", "attribution"):
        return "\n".join("> " + line for line in text.split("\n"))
    if block.role in ROLE_CLASS:
        return f"{text}\n{{: .{ROLE_CLASS[block.role]} }}"
    return text


def _heading(source: Source, block: Block, resolve: Resolver | None) -> str:
    number = block.number + ". " if block.number else ""
    # An editor's sign would show in the contents and the page's title: a heading's correction is in
    # the editorial notes only.
    text = render_inline(_without(block, (EditorMark, CommentRef)), resolve)
    # Page anchors that open the heading go before the number.
    lead = ""
    while text.startswith("<a class=\"page-break"):
        end = text.index("</a>") + 4
        lead, text = lead + text[:end], text[end:]
    return f"{'#' * block.level} {lead}{number}{text} {{ #{block.anchor} }}"


def _without(block: Block, kinds: tuple) -> Text:
    if not any(isinstance(m, kinds) for m in block.marks):
        return block
    return Text(block.text, [m for m in block.marks if not isinstance(m, kinds)])


def _table(source: Source, block: Block, resolve: Resolver | None) -> str:
    rows = [[render_inline(c, resolve) for c in r] for r in block.rows]
    lead = "".join(page_anchor(p) for p in block.pages())
    out = [f'{paragraph_anchor(block)}{lead}', ""]
    header = rows[0] if block.role == "header" else [""] * len(rows[0])
    body = rows[1:] if block.role == "header" else rows
    return "\n".join(out + [row(header), rule(len(header))] + [row(r) for r in body])
