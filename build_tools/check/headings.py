"""Headings a reader would not take for headings.

- in capitals throughout ("HOW DID STALIN RULE?"): the source's typography,
  not a title to print or cite;
- ending in a colon ("Notes:"): a label run into the text that followed it;
- an ordinary sentence: longer than any heading, or in sentence case and
  ending like a sentence, or in sentence case where the source's other
  headings are in title case;
- a heading swallowed into a note ("Select Bibliography" as a paragraph of
  the last note): a note's paragraph that is a short title-case line.
"""
from __future__ import annotations

import re
import statistics

from .finding import Evidence, Finding
from .view import Passage

NAME = "headings"
# Measured: the longest heading of the five sources has 9 words (Hellerman's title); printed titles run to 15.
MAX_HEADING_WORDS = 15
# A title-like line in a note: no longer than this, no digits, no end punctuation, its content words capitalised.
NOTE_TITLE_WORDS = 8
# Title case: this share of a heading's content words capitalised; below SENTENCE_CASE it reads as a sentence.
TITLE_CASE, SENTENCE_CASE = 0.8, 0.5
MIN_CONTENT_WORDS = 3  # fewer cannot tell sentence case from a name
MIN_HEADINGS_FOR_STYLE = 3  # the source's style needs this many headings to be a style
MINOR_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "nor", "as",
    "into", "than", "vs", "via", "de", "von", "van", "la", "le", "du",
}
WORDS = re.compile(r"[^\W\d_][\w'’.-]*")


def check(evidence: Evidence) -> list[Finding]:
    found: list[Finding] = []
    headings = [p for p in evidence.passages if p.kind == "heading" and len(p.text) > 1]  # an index's letters aside
    shares = [s for s in (capital_share(p.text, at_least=1) for p in headings) if s is not None]
    title_case_source = len(shares) >= MIN_HEADINGS_FOR_STYLE and statistics.median(shares) >= TITLE_CASE
    for p in headings:
        text = p.text
        letters = [c for c in text if c.isalpha()]
        if len(WORDS.findall(text)) >= 2 and letters and all(c.isupper() for c in letters):
            found.append(evidence.at(NAME, "all-caps heading", p, 0, len(text), note="in capitals throughout"))
        if text.rstrip().endswith(":"):
            found.append(evidence.at(NAME, "heading ends with a colon", p, 0, len(text)))
        reason = _sentence(text, title_case_source)
        if reason:
            found.append(evidence.at(NAME, "sentence as heading", p, 0, len(text), note=reason))
    found += _headings_in_notes(evidence)
    return found


def capital_share(text: str, at_least: int = MIN_CONTENT_WORDS - 1) -> float | None:
    """The share of content words (after the first) that begin with a capital; None when too few to tell."""
    words = [w for w in WORDS.findall(text)[1:] if w.casefold() not in MINOR_WORDS]
    if len(words) < at_least or not words:
        return None
    return sum(w[0].isupper() for w in words) / len(words)


def _sentence(text: str, title_case_source: bool) -> str:
    words = WORDS.findall(text)
    if len(words) > MAX_HEADING_WORDS:
        return f"{len(words)} words: no heading of a source is so long"
    share = capital_share(text)
    if share is None or share >= SENTENCE_CASE or text.isupper():
        return ""
    if text.rstrip().endswith((".", "!", "?")):
        return "sentence case, and it ends like a sentence"
    if title_case_source:
        return "sentence case, where the source's headings are in title case"
    return ""


def _title_like(p: Passage) -> bool:
    text = p.text
    if not text or "\n" in text or text[-1] in ".,;:!?" or not text[0].isupper() or re.search(r"\d", text):
        return False
    words = WORDS.findall(text)
    content = [w for w in words if w.casefold() not in MINOR_WORDS]
    return 0 < len(words) <= NOTE_TITLE_WORDS and all(w[0].isupper() for w in content)


def _headings_in_notes(evidence: Evidence) -> list[Finding]:
    """The first title-like paragraph of each note, with how many paragraphs the note runs on after it."""
    found = []
    by_note: dict[str, list[Passage]] = {}
    for p in evidence.passages:
        if p.in_note:
            by_note.setdefault(p.note, []).append(p)
    for note, paras in by_note.items():
        titles = [i for i, p in enumerate(paras) if i > 0 and _title_like(p)]
        if titles:
            first = paras[titles[0]]
            rest = len(paras) - titles[0] - 1
            found.append(evidence.at(NAME, "heading inside a note", first, 0, len(first.text),
                                     note=f"note {note} goes on for {rest} more paragraphs after this title-like line"))
    return found
