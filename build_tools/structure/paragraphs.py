"""Where each paragraph is cited, once its anchor is known.

Every paragraph (any block but a heading, notes included, in the order of
the source) gets the printed page it begins on, as well as it is known: an
approximate page break counts, and the page is then marked inexact, so that
"Cite this page" says "p. 149?" after an inferred break; and its number
through the source, by which a source without printed pages is cited (¶ 12).

Its anchor is settled here too: the structure gives each paragraph a natural
id (structure/anchors.py); build_tools.anchors.reconcile keeps every anchor
already published on the paragraph it was published for (see there).
"""
from __future__ import annotations

from ..model import PAGE_RE, Block, Division, PageBreak, Source
from .text import leading_pages


def settle_paragraphs(source: Source, divisions: list[Division]) -> None:
    """Called once assign_anchors has given every block its natural anchor."""
    place_paragraphs(source, divisions)


def place_paragraphs(source: Source, divisions: list[Division]) -> None:
    page: PageBreak | None = None  # the page the text has reached
    ordinal = 0
    for d in divisions:
        for b in d.blocks:
            breaks = [source.pages[int(i)] for i in PAGE_RE.findall(b.text)]
            opening = [source.pages[int(i)] for i in PAGE_RE.findall(leading_pages(b.text)[0])]
            page = _last_labelled(opening, page)  # a page that opens the block is the block's page
            ordinal += b.kind != "heading"  # headings have a page (a part begins there) but no number
            _place(b, page, ordinal if b.kind != "heading" else 0)
            page = _last_labelled(breaks, page)


def _place(block: Block, page: PageBreak | None, ordinal: int) -> None:
    block.ordinal = ordinal
    block.page = page.label if page else None
    block.page_exact = page.exact if page else True


def _last_labelled(breaks: list[PageBreak], current: PageBreak | None) -> PageBreak | None:
    return next((p for p in reversed(breaks) if p.label), current)
