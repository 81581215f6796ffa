"""Note references in the text and the notes section that answers them.

References: superscript digits; digits glued to the word or stop before them
("figures.3"); numbers in brackets ("(12)", "[12]"). Glued and bracketed
numbers count only as a sequence that rises by one (years, page numbers and
other numbers do not), so a style is taken only when its numbers make one.
The notes section opens at a "Notes" line followed by numbered entries; its
numbering restarting under short title lines means groups (one per chapter).
"""
from __future__ import annotations

import re

from ..structure.notes import INLINE_REFERENCES
from .evidence import Evidence, Line, literal, quote

INDEX_TITLE = re.compile(r"(?:General |Name |Subject )?Index|INDEX")
NOTES_TITLES = re.compile(r"(?:End ?notes|Notes|NOTES|ENDNOTES|Footnotes|FOOTNOTES)\s*:?", re.I)
REFERENCE_STYLES = {  # glued and bracketed: exactly what the notes rule takes
    "superscript": re.compile(r"(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"),
    **INLINE_REFERENCES,
}
STYLE_NAMES = {"superscript": "superscript digits", "glued": "digits glued to the word, 'figures.3'",
               "parenthesised": "'(12)'", "bracketed": "'[12]'"}
# How a printed note begins, as the profile's notes.number pattern (group 1: the number).
NUMBERINGS = {
    "1. ": r"(\d{1,3})\.\s",
    "(1) ": r"\((\d{1,3})\)\s",
    "[1] ": r"\[(\d{1,3})\]\s",
    "1 ": r"(\d{1,3})\s",
}
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def infer_notes(ev: Evidence) -> None:
    body = ev.body()
    section = _notes_section(ev, body)
    ends = [n for n in (section[0].no if section else None, _index_line(body)) if n is not None]
    end = min(ends, default=None)
    text_lines = [l for l in body if end is None or l.no < end]
    style, numbers = _reference_style(text_lines)
    if style:
        restarts = sum(1 for a, b in zip(numbers, numbers[1:]) if b < a)
        ev.found("note_references", style, f"{len(numbers)} note references ({STYLE_NAMES[style]}) rising by one "
                 + (f"from 1 to {max(numbers)}" if not restarts else f"and starting again {restarts} times"))
    if section:
        heading, numbering, entries, groups = section[0], section[1], section[2], section[3]
        ev.found("notes_line", heading.no, "where the notes begin")
        ev.found("notes_heading", heading.text, f"line {heading.no} {quote(heading.text)} is followed by "
                 f"{len(entries)} numbered notes")
        ev.found("note_numbering", NUMBERINGS[numbering], f"notes begin '{numbering.strip()}…' "
                 f"(line {entries[0].no}: {quote(entries[0].text)})")
        if groups:
            ev.found("note_groups", "|".join(literal(g.text) for g in groups),
                     f"numbering starts again under {len(groups)} title lines ({quote(groups[0].text)}, …)")
    elif style:
        ev.found("notes_absent", True, "no notes section: the references lead to notes this text does not print")


def _index_line(body: list[Line]) -> int | None:
    """Where a printed index begins (its page numbers are no references): an "Index" line in the
    second half of the text."""
    lines = [l for l in body if INDEX_TITLE.fullmatch(l.text)]
    half = body[len(body) // 2].no if body else 0
    return next((l.no for l in lines if l.no >= half), None)


def _reference_style(lines: list[Line]) -> tuple[str | None, list[int]]:
    """The style whose numbers make the longest rising sequence (restarting at 1 is allowed)."""
    text = "\n".join(l.text for l in lines)
    best: tuple[str | None, list[int]] = (None, [])
    for style, pattern in REFERENCE_STYLES.items():
        numbers = [int(m.group(1).translate(SUPERSCRIPT)) for m in pattern.finditer(text)]
        chain = _rising(numbers)
        if len(chain) >= 3 and len(chain) > len(best[1]) and (style == "superscript" or len(chain) >= 0.5 * len(numbers)):
            best = (style, chain)
    return best


def _rising(numbers: list[int]) -> list[int]:
    """The numbers that continue 1, 2, 3 … (stepping over strays; a 1 starts a new chapter's count)."""
    chain: list[int] = []
    last = 0
    for n in numbers:
        if last < n <= last + 3 or (n == 1 and last > 1):
            chain.append(n)
            last = n
    return chain


def _notes_section(ev: Evidence, body: list[Line]):
    """(heading line, numbering, entries, group title lines) of the last 'Notes' line followed by notes."""
    for i in reversed(range(len(body))):
        line = body[i]
        if not NOTES_TITLES.fullmatch(line.text):
            continue
        after = [l for l in body[i + 1:] if not l.blank]
        for numbering, pattern in NUMBERINGS.items():
            regex = re.compile(pattern)
            entries = [l for l in after if regex.match(l.text.translate(SUPERSCRIPT))]
            if len(entries) >= 2 and after and after.index(entries[0]) <= 3 and _mostly_rising(entries, regex):
                return line, numbering, entries, _groups(after, entries, regex)
    return None


def _mostly_rising(entries: list[Line], regex: re.Pattern) -> bool:
    numbers = [int(regex.match(l.text.translate(SUPERSCRIPT)).group(1)) for l in entries]
    steps = sum(b == a + 1 or b == 1 for a, b in zip(numbers, numbers[1:]))
    return numbers[0] == 1 and steps >= 0.7 * (len(numbers) - 1)


def _groups(after: list[Line], entries: list[Line], regex: re.Pattern) -> list[Line]:
    """Title lines standing before a note 1: the notes are numbered afresh under each."""
    titles = []
    for k, line in enumerate(after):
        if line in entries and regex.match(line.text.translate(SUPERSCRIPT)).group(1) == "1" and k:
            prev = after[k - 1]
            if prev not in entries and len(prev.text.split()) <= 8 and prev.text[:1].isupper():
                titles.append(prev)
    return titles if len(titles) >= 2 else []
