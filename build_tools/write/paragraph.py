"""The anchor that opens a paragraph: what citation links point to, the
reader's "link to this paragraph", and where "Cite this page" reads what to
cite (overrides/assets/javascripts/edition.js).

The labels are computed here, not in the page's script: `data-cite-page` is
the printed page the paragraph begins on as it is cited ("149", or "149?"
after an approximate page break), `data-cite-para` its number through the
source (¶ 12), by which a source without printed pages is cited.
"""
from __future__ import annotations

from html import escape

from ..cite import page_label
from ..model import Block


def paragraph_anchor(block: Block) -> str:
    anchor = escape(block.anchor)
    attributes = [f'class="para" id="{anchor}" href="#{anchor}"']
    if block.page:
        attributes.append(f'data-cite-page="{escape(page_label(block.page, block.page_exact))}"')
    if block.ordinal:
        attributes.append(f'data-cite-para="{block.ordinal}" aria-label="Link to paragraph {block.ordinal}" '
                          'title="Link to this paragraph"')
    return f"<a {' '.join(attributes)}></a>"
