"""Recognise headings by the strategies the profile names.

contents          the book's own table of contents names its divisions; a
                  single-line block with one of those titles, found in
                  contents order after the contents list, is a division heading
                  (a chapter that lost its number line gets it back from the
                  contents, as an emendation)
chapter-number    a block holding only a number followed by a heading-like
                  line is the chapter number of that heading
all-caps          a short single line in capitals is a heading (the first one
                  is the title)
title-lines       a short single line without a comma or final punctuation,
                  opening with a capital, is a section heading (the first one
                  is the title)
first-line-title  the first block is the title
"""
from __future__ import annotations

import re

from ..model import Block, Emendation, Source
from .text import leading_pages, plain

NUMBER_LINE = re.compile(r"(\d{1,3})\.?")
CONTENTS_ENTRY = re.compile(r"(?:(\d{1,3})\.\s+)?(.+)")


def find_headings(source: Source, blocks: list[Block]) -> None:
    strategies = source.setting("headings.strategies", [])
    for name in strategies:
        STRATEGIES[name](source, blocks)
    notes = source.pattern("headings.notes")
    if notes:
        for b in blocks:
            if b.kind == "para" and notes.fullmatch(plain(b.text), b.line):
                _make_heading(b, 2 if any(x.level == 1 for x in blocks) else 1)
    groups = source.pattern("notes.groups")
    if groups:
        after = _index_of_title(blocks, source.setting("notes.heading", "Notes"))
        for b in blocks[after + 1:] if after is not None else []:
            if b.kind == "heading" and b.level == 1:
                break
            if _single_line(b) and groups.fullmatch(plain(b.text), b.line):
                _make_heading(b, 2)
    letters = _index_of_title(blocks, source.setting("index.heading", "Index"))
    for b in blocks[letters + 1:] if letters is not None else []:
        if _single_line(b) and re.fullmatch(r"[A-Z]", plain(b.text)):
            _make_heading(b, 2)
    byline = source.pattern("headings.byline")
    if byline:
        for b in blocks[:3]:
            if b.kind == "para" and byline.fullmatch(plain(b.text), b.line):
                b.role = "byline"


def _index_of_title(blocks: list[Block], title: str) -> int | None:
    return next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1 and plain(b.text) == title), None)


MAX_HEADING_WORDS = 25  # longer is a paragraph, whatever strategy would take it


def _single_line(b: Block) -> bool:
    t = plain(b.text)
    return b.kind == "para" and "\n" not in b.text and bool(t) and len(t.split()) <= MAX_HEADING_WORDS


def _make_heading(b: Block, level: int) -> None:
    b.kind, b.level = "heading", level


def first_line_title(source: Source, blocks: list[Block]) -> None:
    if blocks and _single_line(blocks[0]):
        _make_heading(blocks[0], 1)


def all_caps(source: Source, blocks: list[Block]) -> None:
    have_title = any(b.level == 1 for b in blocks)
    for b in blocks:
        t = plain(b.text)
        letters = [c for c in t if c.isalpha()]
        if _single_line(b) and len(letters) >= 3 and len(t.split()) <= 15 and all(c.isupper() for c in letters):
            _make_heading(b, 2 if have_title else 1)
            have_title = True


def title_lines(source: Source, blocks: list[Block]) -> None:
    have_title = any(b.level == 1 for b in blocks)
    for i, b in enumerate(blocks[:-1]):
        t = plain(b.text)
        if (
            _single_line(b)
            and b.role != "byline"
            and len(t.split()) <= 12
            and "," not in t
            and not t.endswith((".", ",", ";", ":"))
            and t[0].isupper()
            and not re.match(r"by\s", t)
        ):
            _make_heading(b, 2 if have_title else 1)
            have_title = True


def chapter_number(source: Source, blocks: list[Block]) -> None:
    """'8' or '1.' alone, followed by a heading (or a heading-like line): a chapter number."""
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if b.kind != "para" or not NUMBER_LINE.fullmatch(plain(b.text)):
            continue
        if nxt.kind == "heading" or (i == 0 and _single_line(nxt)):
            if nxt.kind != "heading":
                _make_heading(nxt, 1)
            _attach_number(b, nxt)


def _attach_number(number_block: Block, heading: Block) -> None:
    pages, rest = leading_pages(number_block.text)
    number = NUMBER_LINE.fullmatch(plain(rest)).group(1)
    heading.role = f"chapter:{number}"
    heading.text = pages + heading.text
    heading.emendations.extend(number_block.emendations)
    heading.line = min(heading.line, number_block.line)
    number_block.kind, number_block.text = "merged", ""


def contents(source: Source, blocks: list[Block]) -> None:
    marker = source.setting("headings.contents", "Contents")
    start = next((i for i, b in enumerate(blocks) if _single_line(b) and plain(b.text) == marker), None)
    if start is None:
        return
    _make_heading(blocks[start], 2)
    entries: list[tuple[str | None, str]] = []
    i = start + 1
    while i < len(blocks) and not leading_pages(blocks[i].text)[0]:
        for line in plain(blocks[i].text).split("\n"):
            m = CONTENTS_ENTRY.fullmatch(line.strip())
            if m:
                entries.append((m.group(1), m.group(2).strip()))
        blocks[i].role = "contents"
        i += 1
    pos = i
    for number, title in entries:
        for j in range(pos, len(blocks)):
            b = blocks[j]
            if _single_line(b) and _same_title(plain(b.text), title):
                _make_heading(b, 1)
                prev = blocks[j - 1]
                if number and prev.kind == "para" and NUMBER_LINE.fullmatch(plain(leading_pages(prev.text)[1])):
                    _attach_number(prev, b)
                elif number:
                    b.role = f"chapter:{number}"
                    b.emendations.append(
                        Emendation("chapter number", "", f"{number}.", b.line,
                                   note="the number line is missing; supplied from the table of contents")
                    )
                if number and source.setting("headings.summary_after_chapter") and j + 1 < len(blocks):
                    if blocks[j + 1].kind == "para":
                        blocks[j + 1].role = "summary"
                pos = j + 1
                break


def _same_title(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().casefold()
    return norm(a) == norm(b)


STRATEGIES = {
    "contents": contents,
    "chapter-number": chapter_number,
    "all-caps": all_caps,
    "title-lines": title_lines,
    "first-line-title": first_line_title,
}
