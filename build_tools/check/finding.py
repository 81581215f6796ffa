"""What a check reads (Evidence) and what it reports (Finding)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ..lexicon import Lexicon
from .view import Passage, RegisterPlace

QUOTE_REACH = 40  # characters of context on each side of a finding's spot


@dataclass(frozen=True)
class Finding:
    """One place an editor should look at."""

    check: str  # the check that found it, as registered ("split words")
    kind: str  # what was found ("split word", "running head", ...)
    source: str  # slug
    part: str  # the page of the site that holds it
    anchor: str  # the anchor to link to ("" when there is none)
    page: str | None  # printed page, when the source has pages
    line: int  # raw line
    quote: str  # a short quote of the place, line breaks shown as |
    note: str = ""  # what the check read there, e.g. the reading it suggests
    review: bool = False  # flagged for review by the apparatus, not a defect of the conversion
    settled: bool = False  # a review item an editor has accepted or rejected (corrections.yml)
    spot: str = ""  # the text found, exactly (what a correction's `find` would name)
    entry: str = ""  # the apparatus entry's id, for the apparatus's own items (what `accept:` would name)

    def record(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Evidence:
    """A converted source as the checks see it: the reading view and the apparatus."""

    source: str  # slug
    passages: list[Passage]
    emendations: list[Any] = field(default_factory=list)  # .kind .status .original .reading .line .anchor .page .note
    removals: list[Any] = field(default_factory=list)  # .rule .text .line
    pages: list[Any] = field(default_factory=list)  # every page break: .label .exact
    unresolved: list[Any] = field(default_factory=list)  # index locators the converter could not link: .locator .anchor
    lexicon: Lexicon = field(default_factory=lambda: Lexicon([]))
    register: list[RegisterPlace] = field(default_factory=list)  # what the register pages print for this source

    def passage(self, anchor: str) -> Passage | None:
        if not hasattr(self, "_by_anchor"):
            self._by_anchor = {p.anchor: p for p in self.passages}
        return self._by_anchor.get(anchor)

    def at(self, check: str, kind: str, p: Passage, offset: int = 0, length: int = 0, *, note: str = "",
           line: int | None = None, page: str | None = None, review: bool = False) -> Finding:
        """A finding at text[offset:offset+length] of passage p."""
        return Finding(check, kind, self.source, p.part, p.anchor, page if page is not None else page_at(p, offset),
                       line if line is not None else p.line, quote(p.text, offset, length), note, review,
                       spot=p.text[offset:offset + length])


def page_at(p: Passage, offset: int) -> str | None:
    """The printed page the text of p stands on at offset."""
    page = p.page
    for m in p.pages:
        if m.offset <= offset and m.label:
            page = m.label
    return page


def quote(text: str, offset: int, length: int = 0, reach: int = QUOTE_REACH) -> str:
    start, end = max(0, offset - reach), min(len(text), offset + length + reach)
    shown = text[start:end].replace("\n", "|")
    return ("…" if start else "") + re.sub(r"[ \t]+", " ", shown) + ("…" if end < len(text) else "")
