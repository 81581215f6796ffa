"""Split a source into divisions, each published as one page.

A book (profile: split: chapters) gets a page for its front matter and one
for each level-1 heading; any other source is one page.
"""
from __future__ import annotations

from ..model import Block, Division, Source
from .text import plain, slugify

KIND_BY_TITLE = {"notes": "notes", "index": "index", "bibliography": "bibliography", "works cited": "bibliography"}


def divide(source: Source, blocks: list[Block]) -> list[Division]:
    blocks = [b for b in blocks if b.kind != "merged"]
    if source.setting("split") != "chapters":
        title = next((plain(b) for b in blocks if b.kind == "heading" and b.level == 1), source.meta["title"])
        return [Division("index", title, "text", blocks)]
    divisions = [Division("index", source.meta["title"], "front")]
    for b in blocks:
        if b.kind == "heading" and b.level == 1:
            number = b.number
            title = plain(b)
            kind = KIND_BY_TITLE.get(title.casefold(), "text")
            slug = f"{int(number):02d}-{slugify(title)}" if number else slugify(title)
            if kind == "index":
                slug = "book-index"  # index.md is the source's own home page
            divisions.append(Division(slug, title, kind, number=number))
        divisions[-1].blocks.append(b)
    return divisions
