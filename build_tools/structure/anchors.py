"""Stable anchors derived from the source's own structure, never from build order.

A paragraph is `para-<page>-<n>`: the n-th paragraph beginning on printed
page <page>. Only page breaks whose place is certain count here: an
approximate page (placed by inference) may move when the inference improves,
and must not take paragraph anchors with it. In a source without printed
pages it is `para-<section>-<n>`, counted from the section heading. So an
edit to one page or section never moves the anchors of another. (Emendations
take the anchor of the paragraph that holds them and its page when the
edition is written: build_tools/pipeline.place_apparatus.)
"""
from __future__ import annotations

from collections import Counter

from ..model import PageBreak
from ..rules import Rule, State
from .paragraphs import settle_paragraphs
from .text import plain, slugify


def assign_anchors(state: State) -> None:
    source, divisions = state.source, state.divisions
    page: str | None = None  # the page the text is on, as well as we know it
    fixed: str | None = None  # the last page whose break is placed exactly: the anchors' reference
    section = "start"
    counts: Counter[str] = Counter()
    used: set[str] = set()
    for d in divisions:
        if not source.pages:
            section = d.slug if len(divisions) > 1 else "start"
        for b in d.blocks:
            breaks = b.pages()
            if b.opens_with_page():
                page = breaks[0].label or page
                fixed = _exact(breaks[:1], fixed)
            if b.kind == "heading":
                section = (slugify(plain(b)) or section) if b.level > 1 else "start"
                b.anchor = _unique(slugify(plain(b)) or "section", used)
            else:
                key = f"{fixed}" if fixed is not None else section
                counts[key] += 1
                b.anchor = _unique(f"para-{key}-{counts[key]}", used)
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


RULE = Rule("anchors", assign_anchors, {}, core=True)
