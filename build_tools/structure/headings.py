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
from collections import Counter

from ..model import Block, Emendation
from ..rules import Rule, State
from .text import plain, starts_lower

MAX_QUALIFIERS = 2  # words a printed heading may add before its title in the contents
NUMBER_LINE = re.compile(r"(\d{1,3})\.?")
CONTENTS_ENTRY = re.compile(r"(?:(\d{1,3})\.\s+)?(.+)")
CONTENTS_ENTRY_WORDS = 16  # a line of the contents longer than this is prose: the list has ended
STRATEGY_NAMES = ["contents", "chapter-number", "all-caps", "title-lines", "first-line-title"]

SCHEMA = {
    "type": "object",
    "default": {},
    "description": "How to tell the source's headings from its paragraphs. The strategies run in the order "
                   "given; a level-1 heading begins a part of a book (see `divisions`).",
    "properties": {
        "strategies": {
            "type": "array", "items": {"enum": STRATEGY_NAMES}, "default": [],
            "description": "`contents`: the book's table of contents names its parts, found in that order after "
                           "it (a chapter that lost its number line gets it back, as an emendation); "
                           "`chapter-number`: a line holding only a number, before a heading-like line, is that "
                           "heading's chapter number; `all-caps`: a short line in capitals is a heading (the "
                           "first one the title); `title-lines`: a short line with no comma or final "
                           "punctuation, opening with a capital, is a heading (the first one the title); "
                           "`first-line-title`: the first line is the title.",
            "examples": [["contents"], ["chapter-number", "all-caps"]]},
        "contents": {"type": "string", "default": "Contents",
                     "description": "The heading of the table of contents (strategy `contents`)."},
        "summary_after_chapter": {"type": "boolean", "default": False,
                                  "description": "The paragraph after a chapter heading is the chapter's summary."},
        "notes": {"type": "string", "format": "regex",
                  "description": "A regular expression matching the whole heading of a notes section that no "
                                 "strategy finds.", "examples": ["Notes:"]},
        "byline": {"type": "string", "format": "regex",
                   "description": "A regular expression matching the author's byline among the first lines.",
                   "examples": ["^by .*"]},
        "index": {"type": "string", "default": "Index",
                  "description": "The title of the printed index, whose single-letter lines are headings."},
    },
    "additionalProperties": False,
}


def find_headings(state: State) -> None:
    blocks = state.blocks
    for name in state.setting("headings.strategies"):
        STRATEGIES[name](state, blocks)
    notes = state.source.pattern("headings.notes")
    if notes:
        for b in blocks:
            if b.kind == "para" and notes.fullmatch(plain(b), b.line):
                _make_heading(b, 2 if any(x.level == 1 for x in blocks) else 1)
    groups = state.source.pattern("notes.groups")
    if groups:
        after = _index_of_title(blocks, state.setting("notes.heading"))
        for b in blocks[after + 1:] if after is not None else []:
            if b.kind == "heading" and b.level == 1:
                break
            if _single_line(b) and groups.fullmatch(plain(b), b.line):
                _make_heading(b, 2)
    letters = _index_of_title(blocks, state.setting("headings.index"))
    for b in blocks[letters + 1:] if letters is not None else []:
        if _single_line(b) and re.fullmatch(r"[A-Z]", plain(b)):
            _make_heading(b, 2)
    byline = state.source.pattern("headings.byline")
    if byline:
        for b in blocks[:3]:
            if b.kind == "para" and byline.fullmatch(plain(b), b.line):
                b.role = "byline"
    _print_headings_as_titles(state)


# ------------------------------------------------------- how headings print

SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
               "the", "to", "with", "vs", "via"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+[^\W\d_]*")
ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


def _print_headings_as_titles(state: State) -> None:
    """An ALL-CAPS heading is printed in title case, a heading's closing colon goes ("Notes:"): recorded."""
    printed: Counter | None = None
    for b in state.blocks:
        if b.kind != "heading" or b.marks and not all(m.ZERO_WIDTH for m in b.marks):
            continue
        letters = [c for c in b.text if c.isalpha()]
        text = b.text
        if len(letters) >= 3 and all(c.isupper() for c in letters):
            printed = printed or _printed_forms(state.source.text)
            text = title_case(text, printed)
        text = text.rstrip(":") if text.rstrip().endswith(":") and len(text.split()) <= 3 else text
        if text != b.text:
            b.emendations.append(Emendation("headings", b.text, text, b.line, note="the heading as a title"))
            b.replace(0, len(b.text), text)


def _printed_forms(raw: str) -> Counter:
    """How the text prints each word outside capitalised lines: 'NKVD' as NKVD, 'POLITBURO' as Politburo."""
    lines = (l for l in raw.split("\n") if not l.isupper())
    return Counter(w for l in lines for w in WORD.findall(l))


def title_case(text: str, printed: Counter) -> str:
    """Title case for a heading printed in capitals: acronyms (as the text prints them) and roman numerals
    stay in capitals, a decade is a decade ("1940S" -> "1940s"), small words are lower case inside."""
    words = list(WORD.finditer(text))
    out, last = [], 0
    for i, m in enumerate(words):
        before = text[last:m.start()]
        edge = i == 0 or i == len(words) - 1 or before.strip().endswith((":", "—", "–"))
        out += [before, _title_word(m.group(0), edge, printed)]
        last = m.end()
    return "".join(out + [text[last:]])


def _title_word(word: str, edge: bool, printed: Counter) -> str:
    if word[0].isdigit():
        return word.lower()
    core, apostrophe, rest = re.fullmatch(r"([^'’]+)(['’]?)(.*)", word).groups()  # STALIN’S: STALIN, ’, S
    if ROMAN_NUMERAL.fullmatch(core) or printed[core] > printed[core.capitalize()] + printed[core.lower()]:
        return core + apostrophe + rest.lower()
    if not edge and core.lower() in SMALL_WORDS:
        return word.lower()
    return core.capitalize() + apostrophe + rest.lower()


def _index_of_title(blocks: list[Block], title: str) -> int | None:
    return next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1 and plain(b) == title), None)


MAX_HEADING_WORDS = 25  # longer is a paragraph, whatever strategy would take it


def _single_line(b: Block) -> bool:
    t = plain(b)
    return b.kind == "para" and "\n" not in b.text and bool(t) and len(t.split()) <= MAX_HEADING_WORDS


def _make_heading(b: Block, level: int) -> None:
    b.kind, b.level = "heading", level


def first_line_title(state: State, blocks: list[Block]) -> None:
    if blocks and _single_line(blocks[0]):
        _make_heading(blocks[0], 1)


def all_caps(state: State, blocks: list[Block]) -> None:
    have_title = any(b.level == 1 for b in blocks)
    for b in blocks:
        t = plain(b)
        letters = [c for c in t if c.isalpha()]
        if _single_line(b) and len(letters) >= 3 and len(t.split()) <= 15 and all(c.isupper() for c in letters):
            _make_heading(b, 2 if have_title else 1)
            have_title = True


def title_lines(state: State, blocks: list[Block]) -> None:
    have_title = any(b.level == 1 for b in blocks)
    for i, b in enumerate(blocks[:-1]):
        t = plain(b)
        if (
            _single_line(b)
            and not starts_lower(blocks[i + 1])  # a page's last line, whose sentence goes on after the break
            and b.role != "byline"
            and len(t.split()) <= 12
            and "," not in t
            and not t.endswith((".", ",", ";", ":", "-"))  # "…facet of Stalin’s insa-": the line goes on
            and t[0].isupper()
            and not re.match(r"by\s", t)
        ):
            _make_heading(b, 2 if have_title else 1)
            have_title = True


def chapter_number(state: State, blocks: list[Block]) -> None:
    """'8' or '1.' alone, followed by a heading (or a heading-like line): a chapter number."""
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if b.kind != "para" or not NUMBER_LINE.fullmatch(plain(b)):
            continue
        if nxt.kind == "heading" or (i == 0 and _single_line(nxt)):
            if nxt.kind != "heading":
                _make_heading(nxt, 1)
            _attach_number(b, nxt)


def _attach_number(number_block: Block, heading: Block) -> None:
    heading.number = NUMBER_LINE.fullmatch(plain(number_block)).group(1)
    for i, mark in enumerate(number_block.leading_pages()):  # the page the number line opens
        mark.start = mark.end = 0
        heading.marks.insert(i, mark)
    heading.emendations.extend(number_block.emendations)
    heading.line = min(heading.line, number_block.line)
    number_block.kind, number_block.text, number_block.marks = "merged", "", []


def contents(state: State, blocks: list[Block]) -> None:
    marker = state.setting("headings.contents")
    start = next((i for i, b in enumerate(blocks) if _single_line(b) and plain(b) == marker), None)
    if start is None:
        return
    _make_heading(blocks[start], 2)
    blocks[start].opens_page = True  # a table of contents begins a page
    entries: list[tuple[str | None, str]] = []
    i = start + 1
    # The list goes on, over a page break too, while its blocks are lists of titles, until the first
    # title it lists stands again: the body has begun.
    while i < len(blocks) and _entries(blocks[i]) and not (entries and _opens_body(blocks, i, entries[0])):
        for line in plain(blocks[i]).split("\n"):
            m = CONTENTS_ENTRY.fullmatch(line.strip())
            if m:
                entries.append((m.group(1), m.group(2).strip()))
        blocks[i].role = "contents"
        i += 1
    pos = i
    found = lambda b, number, title: _single_line(b) and _same_title(_untitled(plain(b), number), title)  # noqa: E731
    for k, (number, title) in enumerate(entries):
        # A part the text lacks ("Notes" listed, the notes not printed here) is skipped: its title found only
        # after the next part's would take every later part with it.
        upto = next((j for j in range(pos, len(blocks)) for n, t in entries[k + 1:k + 2] if found(blocks[j], n, t)),
                    len(blocks))
        for j in range(pos, upto):
            b = blocks[j]
            if found(b, number, title):
                _make_heading(b, 1)
                b.listed = title
                prev = blocks[j - 1]
                printed = re.match(rf"{number}\.?\s+", plain(b)) if number else None
                if printed:  # "1. Entering the Party": the number printed on the heading's line
                    b.replace(0, printed.end(), "")
                    b.number = number
                elif number and prev.kind == "para" and NUMBER_LINE.fullmatch(plain(prev)):
                    _attach_number(prev, b)
                elif number:
                    b.number = number
                    b.emendations.append(
                        Emendation("chapter number", "", f"{number}.", b.line,
                                   note="the number line is missing; supplied from the table of contents")
                    )
                if number and state.setting("headings.summary_after_chapter") and j + 1 < len(blocks):
                    if blocks[j + 1].kind == "para":
                        blocks[j + 1].role = "summary"
                pos = j + 1
                break


def _opens_body(blocks: list[Block], i: int, first: tuple[str | None, str]) -> bool:
    """Whether blocks[i] begins the first part the contents lists: its title, or its number line before it."""
    number, title = first
    heads = [blocks[i]] + (blocks[i + 1:i + 2] if number and NUMBER_LINE.fullmatch(plain(blocks[i])) else [])
    return _single_line(heads[-1]) and _same_title(_untitled(plain(heads[-1]), number), title)


def _entries(b: Block) -> bool:
    """A block of the contents list: lines of a title each (not a paragraph of prose)."""
    lines = plain(b).split("\n")
    return b.kind in ("para", "lines") and all(len(line.split()) <= CONTENTS_ENTRY_WORDS for line in lines)


def _untitled(printed: str, number: str | None) -> str:
    """A heading without the chapter number printed before its title ("1. Entering the Party")."""
    m = re.match(rf"{number}\.?\s+", printed) if number else None
    return printed[m.end():] if m else printed


def _same_title(printed: str, listed: str) -> bool:
    """The heading the contents lists, or it with a qualifier or two before it ("Select Bibliography")."""
    norm = lambda s: re.sub(r"\W+", " ", s).strip().casefold()
    printed, listed = norm(printed), norm(listed)
    extra = printed[: -len(listed)].split() if printed.endswith(" " + listed) else None
    return printed == listed or (extra is not None and len(extra) <= MAX_QUALIFIERS and printed[:1].isalpha())


STRATEGIES = {
    "contents": contents,
    "chapter-number": chapter_number,
    "all-caps": all_caps,
    "title-lines": title_lines,
    "first-line-title": first_line_title,
}
assert list(STRATEGIES) == STRATEGY_NAMES  # the schema lists every strategy


RULE = Rule("headings", find_headings, SCHEMA)
