"""Headings by the strategies the converter knows, each taken only on its evidence.

chapter-number    a block that is only a number, followed by a short line
all-caps          short single lines in capitals
title-lines       short single lines with no final stop, each followed by a
                  paragraph of some length (and few such lines that are not)
first-line-title  the first block is a short line that is not a sentence
contents          a "Contents" list whose entries recur as lines further on
A byline ("by …") near the top is named too.
"""
from __future__ import annotations

import re

from .evidence import Evidence, Line, quote, starts_lower

NUMBER_LINE = re.compile(r"\d{1,3}\.?")
CONTENTS = re.compile(r"(?:Table of )?Contents|CONTENTS|TABLE OF CONTENTS")
CONTENTS_ENTRY = re.compile(r"(?:(\d{1,3})\.\s+)?(.+)")
BYLINE = re.compile(r"(?i:by)\s+[A-Z].*")
LONG_PARAGRAPH = 30  # words


def infer_headings(ev: Evidence) -> None:
    if ev.value("paragraph_breaks") in ("indent", "line-shape"):
        ev.doubt("headings are not inferred where blank lines do not part paragraphs")
        return
    notes = ev.value("notes_line")
    units = [[l] for l in ev.body() if not l.blank] if ev.value("paragraph_breaks") == "every-line" else ev.blocks()
    units = [u for u in units if notes is None or u[0].no < notes]  # the notes are not the text's titles
    if not units:
        return
    strategies: list[str] = []
    evidence: list[str] = []
    singles = [(i, u[0]) for i, u in enumerate(units) if len(u) == 1]
    if _title_like(units[0]) and not NUMBER_LINE.fullmatch(units[0][0].text):
        strategies.append("first-line-title")
        evidence.append(f"first line {quote(units[0][0].text)} is a title")
    numbers = [(i, l) for i, l in singles if NUMBER_LINE.fullmatch(l.text) and i + 1 < len(units)
               and len(units[i + 1]) == 1 and len(units[i + 1][0].text.split()) <= 12]
    if numbers:
        strategies.append("chapter-number")
        i, l = numbers[0]
        evidence.append(f"{len(numbers)} number line{'s' if len(numbers) > 1 else ''} before a title "
                        f"({quote(l.text)} before {quote(units[i + 1][0].text)})")
    caps = [l for i, l in singles if _capitals(l.text)]
    if len(caps) >= 2:
        strategies.append("all-caps")
        evidence.append(f"{len(caps)} lines in capitals ({quote(caps[1].text)}, …)")
    titles, strays = _title_lines(units)
    if "all-caps" in strategies or len(titles) < 2:
        pass
    elif len(strays) <= len(titles) / 2:
        strategies.append("title-lines")
        evidence.append(f"{len(titles)} short lines without a final stop before a paragraph "
                        f"({quote(titles[-1].text)}, …)")
    else:
        ev.doubt(f"{len(titles)} short lines look like section titles but {len(strays)} like ones do not "
                 f"stand before a paragraph ({quote(strays[0].text)}): add title-lines to headings.strategies "
                 "if they are titles")
    if _contents(ev, units):
        # The contents list names the chapters and gives their numbers: no other strategy is needed.
        strategies, evidence = ["contents"], []
    if strategies:
        ev.found("heading_strategies", strategies, "; ".join(evidence))
    byline = next((u[0] for u in units[:3] if len(u) == 1 and BYLINE.fullmatch(u[0].text)), None)
    if byline:
        word = byline.text.split()[0]
        ev.found("byline", f"^{word} .*", f"line {byline.no} {quote(byline.text)}")


def _title_like(unit: list[Line]) -> bool:
    t = unit[0].text
    return (len(unit) == 1 and 1 <= len(t.split()) <= 15 and t[:1].isupper()
            and not t.endswith((".", ",", ";", ":", "-")) and not BYLINE.fullmatch(t))


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and len(text.split()) <= 15 and all(c.isupper() for c in letters)


def _title_lines(units: list[list[Line]]) -> tuple[list[Line], list[Line]]:
    """Title-like single lines followed by a long paragraph, and those that are not."""
    titles, strays = [], []
    for unit, nxt in zip(units[1:], units[2:]):
        t = unit[0].text
        if len(unit) != 1 or len(t.split()) > 12 or "," in t or t.endswith((".", ",", ";", ":", "-")) \
                or not t[:1].isupper() or BYLINE.fullmatch(t) or NUMBER_LINE.fullmatch(t):
            continue
        words = sum(len(l.text.split()) for l in nxt)
        goes_on = starts_lower(nxt[0].text)  # a page's last line, its sentence going on after the break
        (titles if words >= LONG_PARAGRAPH and not goes_on else strays).append(unit[0])
    return titles, strays


def _contents(ev: Evidence, units: list[list[Line]]) -> bool:
    lines = [l for u in units for l in u]
    start = next((k for k, l in enumerate(lines) if CONTENTS.fullmatch(l.text)), None)
    if start is None:
        return False
    entries = []
    for l in lines[start + 1:start + 80]:
        m = CONTENTS_ENTRY.fullmatch(l.text)
        if m and len(m.group(2).split()) <= 12:
            entries.append(_norm(m.group(2)))
    later = {_norm(l.text) for l in lines[start + 1 + len(entries):]}
    found = [e for e in entries if e in later]
    if len(found) < 3:
        return False
    ev.found("contents", lines[start].text, f"line {lines[start].no} {quote(lines[start].text)} lists "
             f"{len(entries)} entries, {len(found)} of them found again as titles further on")
    ev.doubt("a book with a contents list: if the paragraph after each chapter title is a summary, "
             "set headings.summary_after_chapter: true")
    return True


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text).split()).casefold()
