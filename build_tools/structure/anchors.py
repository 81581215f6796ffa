"""Stable anchors derived from the source's own structure, never from build order.

A paragraph is `para-<page>-<n>`: the n-th paragraph beginning on printed
page <page>. In a source without printed pages it is `para-<section>-<n>`,
counted from the section heading. So an edit to one page or section never
moves the anchors of another. Emendations take the anchor and page of the
paragraph that holds them.
"""
from __future__ import annotations

from collections import Counter

from ..model import PAGE_RE, Division, Source
from .text import slugify


def assign_anchors(source: Source, divisions: list[Division]) -> None:
    page: str | None = None
    section = "start"
    counts: Counter[str] = Counter()
    used: set[str] = set()
    for d in divisions:
        if not source.pages:
            section = d.slug if len(divisions) > 1 else "start"
        for b in d.blocks:
            pages_here = [source.pages[int(i)].label for i in PAGE_RE.findall(b.text)]
            starts_with_page = b.text.startswith("\ue000")
            if starts_with_page and pages_here:
                page = pages_here[0]
            if b.kind == "heading":
                section = (slugify(b.text) or section) if b.level > 1 else "start"
                b.anchor = _unique(slugify(b.text) or "section", used)
            else:
                key = f"{page}" if page is not None else section
                counts[key] += 1
                b.anchor = _unique(f"para-{key}-{counts[key]}", used)
            for e in b.emendations:
                e.anchor, e.page = b.anchor, page
            if pages_here:
                page = pages_here[-1]


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 1
    while candidate in used:
        n += 1
        candidate = f"{anchor}-{n}"
    used.add(candidate)
    return candidate
