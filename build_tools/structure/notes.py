"""Notes and their references, linked both ways.

The printed notes are collected from the profile's notes section (grouped
under headings such as "Chapter One" and numbered afresh in each group, or
one numbered list), each group is matched to the division it annotates, and
every reference in that division is tied to its note. A reference the OCR
glued to the word before it ("action.33") is recognised only where its
number continues the sequence of references, so years and page numbers are
never taken for references. Nothing is dropped: a note with no reference is
still published with its division, and a reference whose note the source
lacks gets an editorial note; both are entered in the apparatus.
"""
from __future__ import annotations

import re

from ..ids import id_token
from ..model import PAGE_RE, REF_CLOSE, REF_OPEN, REF_RE, Block, Division, Emendation, Note, Source
from .text import leading_pages, plain, slugify

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
GLUED_REF = re.compile(r"(?:(?<=[A-Za-z.,;:’”)])|(?<=[.,;:’”)] ))(\d{1,3})(?=[\s.,;:]|$)")

YEAR_BEFORE = re.compile(r"\b(1[5-9]\d\d)$")


def number_from_words(text: str) -> int | None:
    parts = text.lower().replace("-", " ").split()
    if len(parts) == 1 and parts[0] in UNITS:
        return UNITS.index(parts[0])
    if parts and parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.index(parts[1]) if len(parts) > 1 and parts[1] in UNITS else 0)
    return None


def link_notes(source: Source, divisions: list[Division]) -> None:
    if not source.setting("notes"):
        return
    groups = _collect(source, divisions)
    if source.setting("notes.references") == "glued":
        for d in divisions:
            if d.kind in ("text", "front"):
                _mark_glued_references(d, max((len(n) for n in groups.values()), default=0) or 999)
    targets = {group: _target(group, divisions) for group in groups}
    for d in divisions:  # a group heading in the notes division says where its notes went
        for b in d.blocks:
            if b.role.startswith("notes-group:"):
                group = b.role.split(":", 1)[1]
                b.role = f"notes-for:{targets[group].slug}" if group in targets else ""
    absent = source.setting("notes.absent", False)
    for d in divisions:
        if d.kind not in ("text", "front"):
            continue
        notes = {n.number: n for g, ns in groups.items() if targets[g] is d for n in ns}
        for b in d.blocks:
            b.text = REF_RE.sub(lambda m: _link(m, notes, d, b, absent), b.text)
    for group, notes in groups.items():
        home = targets[group]
        for n in notes:
            if n.references == 0:
                home.unreferenced_notes.append(n)
                first = n.blocks[0]
                first.emendations.append(Emendation(
                    "note without reference", n.number, n.number, first.line, status="review", anchor=first.anchor,
                    note=f"no reference to note {n.number} ({group or 'notes'}) was found in the text; published at the end of the part"))


def _link(m: re.Match, notes: dict[str, Note], d: Division, b: Block, absent: bool) -> str:
    number = m.group(1)
    note = notes.get(number)
    if note is None and absent:
        note = Note(_note_id("", number), number, "", missing_text=True)
        notes[number] = note
        b.emendations.append(Emendation("reference without note", number, number, b.line, status="review", anchor=b.anchor,
                                        note="the source prints this reference but not the note's text; an editorial note says so"))
    # Only the 5 characters before the reference matter (the year and the one before it for \b);
    # slicing the whole text before it made this quadratic.
    year = YEAR_BEFORE.search(m.string[max(0, m.start() - 5): m.start()])
    if note is None and year and int(year.group(1)[2:]) < int(number) <= 99:
        # "1931³²" with no note 32: the end of a date range whose dash the OCR lost.
        superscript = number.translate(SUPERSCRIPT)
        b.emendations.append(Emendation("lost dash", f"{year.group(1)}{superscript}", f"{year.group(1)}–{number}", b.line,
                                        note="a superscript after a year, and no such note: a date range", anchor=b.anchor))
        return f"–{number}"
    if note is None:
        b.emendations.append(Emendation("reference without note", number, number, b.line, status="review",
                                        note=f"no note {number} is printed for this part", anchor=b.anchor))
        return m.group(0)
    if note.references == 0:
        d.notes.append(note)
    note.references += 1
    return f"{REF_OPEN}{number}|{note.id}{REF_CLOSE}"


def _collect(source: Source, divisions: list[Division]) -> dict[str, list[Note]]:
    """Take the printed notes out of the flow, by group, in order."""
    number_re = source.pattern("notes.number", default=r"(\d{1,3})\.\s")
    heading = source.setting("notes.heading") or source.setting("headings.notes") or "Notes"
    heading_re = source.pattern("notes.heading" if source.setting("notes.heading") else "headings.notes", default="Notes")
    groups: dict[str, list[Note]] = {}
    page: str | None = None
    for d in divisions:
        inside = d.kind == "notes"
        group = ""
        kept: list[Block] = []
        for b in d.blocks:
            starts = leading_pages(b.text)[0]
            labels = [source.pages[int(i)].label for i in PAGE_RE.findall(b.text)]
            opening = page if not starts else labels[0]
            if b.kind == "heading":
                if plain(b.text) == heading or heading_re.fullmatch(plain(b.text), b.line):
                    inside = True
                    if d.kind != "notes":
                        b.role = "notes-heading"  # the notes are printed after this heading
                elif inside and b.level >= 2 and d.kind == "notes":
                    group = plain(b.text)
                    b.role = f"notes-group:{group}"
                elif inside and d.kind != "notes":
                    inside = False
                kept.append(b)
                page = labels[-1] if labels else page
                continue
            m = number_re.match(plain(leading_pages(b.text)[1]), b.line) if inside else None
            if m:
                notes = groups.setdefault(group, [])
                notes.append(Note(_note_id(group, m.group(1)), m.group(1), group, [b], pages=[opening] if opening else []))
            elif inside and groups.get(group):
                groups[group][-1].blocks.append(b)  # a note's further paragraph
            else:
                kept.append(b)
            if inside and groups.get(group) and (m or groups[group][-1].blocks[-1] is b):
                groups[group][-1].pages += [l for l in labels if l and l not in groups[group][-1].pages]
            page = labels[-1] if labels else page
        d.blocks = kept
    return groups


def _note_id(group: str, number: str) -> str:
    number = id_token(number)  # the number as printed may be anything the profile's pattern takes
    if not group:
        return f"n{number}"
    m = re.fullmatch(r"Chapter (.+)", group)
    n = number_from_words(m.group(1)) if m else None
    prefix = f"ch{n:02d}" if n is not None else slugify(group)
    return f"{prefix}-{number}"


def _target(group: str, divisions: list[Division]) -> Division:
    text = [d for d in divisions if d.kind in ("text", "front")]
    m = re.fullmatch(r"Chapter (.+)", group)
    if m and number_from_words(m.group(1)) is not None:
        n = str(number_from_words(m.group(1)))
        found = [d for d in text if d.number == n]
        if found:
            return found[0]
    words = set(group.lower().split())
    found = [d for d in text if words and words <= set(re.findall(r"[a-z]+", d.title.lower()))]
    return found[0] if found else text[0]


def _mark_glued_references(d: Division, most: int) -> None:
    """'action.33': a number continuing the sequence of references, glued to the text."""
    last = 0
    for b in d.blocks:
        if b.kind == "heading":
            continue

        def repl(m: re.Match) -> str:
            nonlocal last
            n = int(m.group(1))
            if last < n <= min(last + 3, most):
                last = n
                return f"{REF_OPEN}{n}{REF_CLOSE}"
            return m.group(0)

        b.text = GLUED_REF.sub(repl, b.text)
