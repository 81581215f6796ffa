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

from .. import anchors
from ..model import Block, Division, EditionError, PageBreak, Source


def settle_paragraphs(source: Source, divisions: list[Division]) -> None:
    """Called once assign_anchors has given every block its natural anchor."""
    if source.promises is not None:
        keep_published_anchors(source, [b for d in divisions for b in d.blocks])
    place_paragraphs(source, divisions)


def keep_published_anchors(source: Source, blocks: list[Block]) -> None:
    """Published paragraph anchors stay on their text (build_tools.anchors.reconcile)."""
    paragraphs = [b for b in blocks if b.kind != "heading"]
    result = anchors.reconcile(source.promises.paragraphs,
                               [anchors.Paragraph(b.anchor, _reading_text(b)) for b in paragraphs],
                               taken={b.anchor for b in blocks if b.kind == "heading"})
    if result.gone:
        raise EditionError(anchors.gone_message(result.gone, source.text_path))
    for b, anchor in zip(paragraphs, result.ids):
        b.anchor = anchor
    for promise, _, _ in result.followed:
        source.warnings.append(f"{anchors.MANIFEST}:{promise.line}: {promise.entry} follows its paragraph, "
                               "whose text changed; `python -m build_tools.anchors --update` records the new text")


def _reading_text(block: Block) -> str:
    """The text as printed, note numbers included (the manifest's fingerprints were taken so)."""
    if block.kind == "table":
        return " ".join(cell.printed() for row in block.rows for cell in row)
    return block.printed()


def place_paragraphs(source: Source, divisions: list[Division]) -> None:
    page: PageBreak | None = None  # the page the text has reached
    ordinal = 0
    for d in divisions:
        for b in d.blocks:
            breaks = b.pages()
            opening = [m.page for m in b.leading_pages()]
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
