"""Split a source into divisions, each published as one page.

A book (profile: divisions: chapters) gets a page for its front matter and
one for each level-1 heading; any other source is one page.
"""
from __future__ import annotations

from ..model import Division
from ..rules import Rule, State
from .text import plain, slugify

KIND_BY_TITLE = {"notes": "notes", "index": "index", "bibliography": "bibliography", "works cited": "bibliography"}


SCHEMA = {
    "enum": ["whole", "chapters"],
    "default": "whole",
    "description": "How the edition publishes the source: `whole`, as one page (an essay, a chapter); "
                   "`chapters`, a page for its front matter and one for each part its level-1 headings begin "
                   "(a book: introduction, chapters, notes, bibliography, index).",
    "examples": ["chapters"],
}


def divide(state: State) -> None:
    state.divisions = _divisions(state)


def _divisions(state: State) -> list[Division]:
    source = state.source
    blocks = [b for b in state.blocks if b.kind != "merged"]
    if state.setting("divisions") != "chapters":
        title = next((plain(b) for b in blocks if b.kind == "heading" and b.level == 1), source.meta["title"])
        return [Division("index", title, "text", blocks)]
    divisions = [Division("index", source.meta["title"], "front")]
    for b in blocks:
        if b.kind == "heading" and b.level == 1:
            number = b.number
            title = plain(b)
            listed = b.listed or title  # the contents' title names the page: "Select Bibliography" is bibliography.html
            kind = KIND_BY_TITLE.get(listed.casefold(), "text")
            slug = f"{int(number):02d}-{slugify(listed)}" if number else slugify(listed)
            if kind == "index":
                slug = "book-index"  # index.md is the source's own home page
            divisions.append(Division(slug, title, kind, number=number))
        divisions[-1].blocks.append(b)
    return divisions


RULE = Rule("divisions", divide, SCHEMA, core=True)
