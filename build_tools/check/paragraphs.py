"""Paragraph structure: paragraphs lost, split or joined.

- far longer than the source's typical paragraph: paragraph breaks lost;
- ending mid-sentence: a paragraph split by a page break (or by a break
  the extraction made) that was not joined again;
- joined across a sentence end where no page break falls: the apparatus
  records the join ("…her.⁷¶When…"), and nothing but a page break is
  evidence that one printed paragraph was split there.
"""
from __future__ import annotations

import re
import statistics

from .finding import Evidence, Finding
from .headings import TITLE_CASE, capital_share
from .view import Passage, print_order

NAME = "paragraphs"
# Measured on the five sources: the longest paragraph is 6.8 times its source's median (Bazhanov, 584 words
# against 86); elsewhere at most 3.0 times. A lost paragraph structure gives tens of times the median.
LONG_FACTOR = 8
LONG_MIN_WORDS = 600  # a short-paragraph source's 8 x median is still an ordinary paragraph
LONG_ANY_WORDS = 1500  # whatever the median: a source that lost all its breaks has no typical paragraph
# Prose, not a title, a caption, a list or a reference: a few words, not in title case, not a list of
# comma-separated items. Measured on the five sources: what ends without punctuation and is not a split
# paragraph is a title or caption in title case ("Translation and Commentary by David W. Doyle"), a list
# ("Keywords: Stalinism, terror, …", ten commas in fifteen words) or a reference ending in its pages.
PROSE_WORDS = 5
LIST_COMMAS = 1 / 3  # commas per word beyond which a line is a list
ENDS_OPEN = re.compile(r"[^\W\d_]$")  # a letter: no punctuation, no number (citations end in page numbers)
SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*$")
OPENS_SENTENCE = re.compile(r"[“‘\"'(]?[A-Z]")
NOT_PROSE = ("contents", "byline", "attribution")
JOIN = "¶"  # the apparatus's mark for a paragraph break
JOIN_REACH = 2  # a page break within this many characters of the join is at the join


def check(evidence: Evidence) -> list[Finding]:
    found = _long(evidence)
    found += _open_ends(evidence)
    found += _joins_without_page_break(evidence)
    return found


def _long(evidence: Evidence) -> list[Finding]:
    found = []
    groups = [[p for p in evidence.passages if p.kind == "para" and p.part_kind in ("text", "front") and not p.in_note],
              [p for p in evidence.passages if p.kind == "para" and p.in_note]]
    for group in groups:
        if not group:
            continue
        typical = statistics.median(len(p.text.split()) for p in group)
        limit = min(max(LONG_FACTOR * typical, LONG_MIN_WORDS), LONG_ANY_WORDS)
        for p in group:
            n = len(p.text.split())
            if n > limit:
                found.append(evidence.at(NAME, "long paragraph", p, 0, 0,
                                         note=f"{n} words; the source's typical paragraph has {typical:g}"))
    return found


def _reading_end(p: Passage) -> str:
    """The text without a note reference that closes it."""
    text = p.text
    if p.refs and p.refs[-1].offset + len(p.refs[-1].number) == len(text):
        text = text[:p.refs[-1].offset]
    return text.rstrip()


def _prose(text: str) -> bool:
    words = text.split()
    share = capital_share(text)
    return len(words) >= PROSE_WORDS and text.count(",") <= LIST_COMMAS * len(words) and (share is None or share < TITLE_CASE)


def _open_ends(evidence: Evidence) -> list[Finding]:
    found = []
    ordered = print_order(evidence.passages)
    for p, after in zip(ordered, ordered[1:] + [None]):
        if p.kind != "para" or p.part_kind == "index" or p.role in NOT_PROSE:
            continue
        text = _reading_end(p)
        if not ENDS_OPEN.search(text) or not _prose(text):
            continue
        at_page = after is not None and any(m.offset == 0 for m in after.pages)
        kind = "split at a page break" if at_page else "split paragraph"
        follows = f"; the next paragraph begins “{after.text[:30]}…”" if after is not None else ""
        found.append(evidence.at(NAME, kind, p, len(text), 0, note=f"ends mid-sentence{follows}"))
    return found


def _joins_without_page_break(evidence: Evidence) -> list[Finding]:
    found = []
    for e in evidence.emendations:
        if JOIN not in e.original or "full line" in e.note:  # a full last line is the evidence
            continue
        tail, head = e.original.split(JOIN, 1)
        ended = SENTENCE_END.search(re.sub(r"\d+$", "", tail.rstrip()))  # a note number may follow the full stop
        p = evidence.passage(e.anchor)
        if not ended or not OPENS_SENTENCE.match(head.lstrip()) or p is None:
            continue
        at = p.text.find(tail.strip() + " " + head.strip()[:10])
        join = at + len(tail.strip())
        if at < 0 and p.pages:
            continue  # the join is not found again: whether a page break falls there cannot be told
        if at >= 0 and any(abs(m.offset - join) <= JOIN_REACH for m in p.pages):
            continue
        found.append(evidence.at(NAME, "paragraphs joined", p, max(join, 0), 1, line=e.line,
                                 note=f"“{tail.strip()}” ends a sentence and no page break falls before “{head.strip()}”"))
    return found
