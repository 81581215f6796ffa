"""Where each paragraph is cited: its printed page (approximate ones marked) and its ¶ number
(build_tools/structure/paragraphs.py), and the anchor that carries them (write/paragraph.py)."""
from __future__ import annotations

import re

from build_tools.write.markdown import render_division
from tests.util import blocks, convert

PAGES = {"pages": {"marker": r"Page (?P<label>\d+|[ivx]+)"}}
LONG = "Words of the text go on. " * 20


def places(edition):
    return [(b.printed()[:12], b.page, b.page_exact, b.ordinal) for b in blocks(edition)]


def test_a_paragraph_after_an_approximate_break_is_on_the_inferred_page():
    # Page 11 is never marked: it is placed at the start of a paragraph, approximately.
    text = f"Page 10\n\nFirst {LONG}\n\nSecond {LONG}\n\nThird {LONG}\n\nPage 12\n\nFourth {LONG}"
    ed = convert(text, PAGES)
    eleven = next(p for p in ed.source.pages if p.label == "11")
    assert not eleven.exact
    opens = next(k for k, b in enumerate(blocks(ed)) if any(p is eleven for p in b.pages()))
    got = [(page, exact) for _, page, exact, _ in places(ed)]
    assert got == [("10", True)] * opens + [("11", False)] * (3 - opens) + [("12", True)]


def test_a_page_break_inside_a_paragraph_moves_the_next_paragraph_only():
    ed = convert("Page 1\n\nThe detachment came and with no\n\nPage 2\n\nwarning opened fire.\n\nThen it left.",
                 PAGES | {"split_paragraphs": True})
    assert [(p, n) for _, p, _, n in places(ed)] == [("1", 1), ("2", 2)]


def test_paragraphs_are_numbered_through_the_source_and_headings_are_not_counted():
    ed = convert("A Title\n\nOne.\n\nTwo.\n\nThree.", {"headings": {"strategies": ["first-line-title"]}})
    assert [(t, p, n) for t, p, _, n in places(ed) if n] == [("One.", None, 1), ("Two.", None, 2), ("Three.", None, 3)]
    assert [b.ordinal for b in blocks(ed) if b.kind == "heading"] == [0]


def test_roman_pages_are_labels_like_any_other():
    ed = convert("Page xi\n\nFront matter.\n\nPage xii\n\nMore of it.", PAGES)
    assert [(p, e) for _, p, e, _ in places(ed)] == [("xi", True), ("xii", True)]


def test_the_rendered_anchor_carries_what_the_cite_box_cites():
    text = f"Page 10\n\nFirst {LONG}\n\nSecond {LONG}\n\nThird {LONG}\n\nPage 12\n\nFourth {LONG}"
    ed = convert(text, PAGES)
    page = render_division(ed.source, ed.divisions[0])
    anchors = re.findall(r'<a class="para" id="([^"]+)" href="#\1"([^>]*)></a>', page)
    assert len(anchors) == 4
    cited = [(re.search(r'data-cite-page="([^"]*)"', attrs).group(1), re.search(r'data-cite-para="(\d+)"', attrs).group(1))
             for _, attrs in anchors]
    assert cited[0] == ("10", "1") and cited[-1] == ("12", "4")
    assert ("11?", "3") in cited  # the page after the inferred break, with its question mark
    # every page break says what the box cites there
    assert re.search(r'class="page-break approximate" id="p-11"[^>]* data-cite="11\?"', page)
    assert re.search(r'class="page-break" id="p-12"[^>]* data-cite="12"', page)
