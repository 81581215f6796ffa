"""Stable anchors derived from the source's own structure, never from build order.

A paragraph is `para-<page>-<n>`: the n-th paragraph beginning on printed
page <page>. Only page breaks whose place is certain count here: an
approximate page (placed by inference) may move when the inference improves,
and must not take paragraph anchors with it. In a source without printed
pages it is `para-<section>-<n>`, counted from the section heading. So an
edit to one page or section never moves the anchors of another. Emendations
take the anchor of the paragraph that holds them and the page it begins on.
"""
from __future__ import annotations

from collections import Counter

from ..model import PAGE_RE, Division, PageBreak, Source
from .paragraphs import settle_paragraphs
from .text import slugify


def assign_anchors(source: Source, divisions: list[Division]) -> None:
    page: str | None = None  # the page the text is on, as well as we know it
    fixed: str | None = None  # the last page whose break is placed exactly: the anchors' reference
    section = "start"
    counts: Counter[str] = Counter()
    used: set[str] = set()
    for d in divisions:
        if not source.pages:
            section = d.slug if len(divisions) > 1 else "start"
        for b in d.blocks:
            breaks = [source.pages[int(i)] for i in PAGE_RE.findall(b.text)]
            if b.text.startswith("\ue000") and breaks:
                page = breaks[0].label or page
                fixed = _exact(breaks[:1], fixed)
            if b.kind == "heading":
                section = (slugify(b.text) or section) if b.level > 1 else "start"
                b.anchor = _unique(slugify(b.text) or "section", used)
            else:
                key = f"{fixed}" if fixed is not None else section
                counts[key] += 1
                b.anchor = _unique(f"para-{key}-{counts[key]}", used)
            for e in b.emendations:
                e.anchor, e.page = b.anchor, page
            page = next((p.label for p in reversed(breaks) if p.label), page)
            fixed = _exact(breaks, fixed)
    settle_paragraphs(source, divisions)  # published anchors stay on their text; pages and ¶ to cite


def _exact(breaks: list[PageBreak], current: str | None) -> str | None:
    return next((p.label for p in reversed(breaks) if p.label and p.exact), current)


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 1
    while candidate in used:
        n += 1
        candidate = f"{anchor}-{n}"
    used.add(candidate)
    return candidate
