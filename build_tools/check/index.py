"""A printed index read back from the reading view: each entry's locators.

An entry line is its heading, then its locators, separated by commas:
pages ("191-92", "viii"), notes on a page ("239 n11", "238 n2 and n5"), a
note alone ("n4"), with "passim", "onward" and "(see Cheka)" among them.
Reading back from the end of the line, the parts made only of these are
locators; the first part that is not ends them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .view import Passage

UNIT = re.compile(
    r"(?<![\w-])(?:(?P<page>\d{1,4}|[ivxlc]{1,7})(?:\s?[-–]\s?(?P<last>\d{1,4}|[ivxlc]{1,7}))?"
    r"(?:\s?n\s?(?P<note>\d{1,3}))?|n\s?(?P<lone>\d{1,3}))(?![\w-])"
)
FILLER = re.compile(r"\*?passim|onward|and|&|\(see [^)]*\)|[\s.*]")
HEADWORD = re.compile(r"(?:p\s+)?(?P<word>[A-Z][^\W\d_]+)")  # "p Molotov": a pseudonym's mark before the name
LINK_TARGETS = ("p-", "fn:")  # links to a page or a note: what a locator becomes


@dataclass(frozen=True)
class Locator:
    passage: Passage
    start: int  # the locator is passage.text[start:end]
    end: int
    page: str | None  # first page; None for a note whose page is not given
    last: str | None  # last page of a range, written out ("191-92" -> "192")
    note: str | None
    headword: str  # the entry's first word ("Agabekov"); subentries share their entry's
    linked: bool

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]


def locators(passages: list[Passage]) -> list[Locator]:
    found: list[Locator] = []
    headword = ""
    for p in passages:
        if p.part_kind != "index" or p.kind not in ("para", "lines"):
            continue
        offset = 0
        for line in p.text.split("\n"):
            word = HEADWORD.match(line)
            if word:
                headword = word.group("word")
            found += _line_locators(p, line, offset, headword)
            offset += len(line) + 1
    return found


def _line_locators(p: Passage, line: str, offset: int, headword: str) -> list[Locator]:
    parts = _parts(line)
    first = len(parts)
    for i in range(len(parts) - 1, 0, -1):  # the entry's own words come first
        if _is_locator_part(parts[i][1]):
            first = i
        else:
            break
    links = [(k.start, k.end) for k in p.links if k.target.startswith(LINK_TARGETS)]
    out, previous = [], None
    for start, part in parts[first:]:
        for m in UNIT.finditer(part):
            page = m.group("page") or previous
            s, e = offset + start + m.start(), offset + start + m.end()
            linked = any(a < e and s < b for a, b in links)
            out.append(Locator(p, s, e, page, _written_out(m.group("page"), m.group("last")),
                               m.group("note") or m.group("lone"), headword, linked))
            previous = page
    return out


def _parts(line: str) -> list[tuple[int, str]]:
    parts, start = [], 0
    for piece in line.split(","):
        parts.append((start, piece))
        start += len(piece) + 1
    return parts


def _is_locator_part(part: str) -> bool:
    rest = FILLER.sub("", UNIT.sub("", part))
    return not rest and bool(UNIT.search(part))


def _written_out(first: str | None, last: str | None) -> str | None:
    """'191', '92' -> '192'; roman and whole numbers as they are."""
    if not last:
        return first
    if first and first.isdigit() and last.isdigit() and len(last) < len(first):
        return first[: len(first) - len(last)] + last
    return last
