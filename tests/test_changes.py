"""The data behind "Show editorial changes" (build_tools/write/changes.py)."""
from __future__ import annotations

import html
import json
import re

import pytest

from build_tools.model import Emendation
from build_tools.write.changes import changed_span, page_changes
from build_tools.write.apparatus import render_editorial_notes

from .util import convert


@pytest.mark.parametrize("original, reading, spot", [
    ("stateSoviet", "state—Soviet", "state—Soviet"),  # a lost dash: the word it joins
    ("documenta-\ntion", "documentation", "documentation"),  # a mended hyphen: the word
    ("with him sample documenta-¶tion which", "with him sample documenta- tion which", "documenta- tion"),
    ("*any*", "any", "any"),
    ("", "7.", "7."),  # added by the edition
])
def test_the_spot_is_what_differs_in_whole_words(original, reading, spot):
    start, end = changed_span(original, reading)
    assert " ".join(reading.split())[start:end] == spot


def test_a_page_carries_its_applied_changes_as_inert_data_and_the_notes_anchor_each():
    edition = convert("The state<b onmouseover=alert(1)> of affairs.\n\nAnother paragraph here.", {})
    block = edition.divisions[0].blocks[0]
    block.emendations += [Emendation("lost dash", "state<b onmouseover=alert(1)>", "state—<b>", 1, anchor=block.anchor,
                                     id="lost-dash-1"),
                          Emendation("lost dash", "x", "x", 1, status="review", anchor=block.anchor, id="lost-dash-2")]
    where = {block.anchor: edition.divisions[0].slug}
    data = page_changes(edition, edition.divisions[0].slug, where)
    assert re.fullmatch(r'<div class="edition-changes" hidden data-changes="[^"<>]*"></div>', data)
    items = json.loads(html.unescape(re.search(r'data-changes="([^"]*)"', data).group(1)))
    assert items == [[block.anchor, "state—<b>", 0, 9, "state<b onmouseover=alert(1)>", "lost dash", "lost-dash-1"]]
    assert page_changes(edition, "elsewhere", where) == ""  # another page's changes are not this page's
    notes = render_editorial_notes(edition, where, {"raw_words": 1, "unaccounted": 0})
    assert 'id="lost-dash-1"' in notes  # where the page's change links
