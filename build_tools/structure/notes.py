"""Notes and their references, linked both ways.

The printed notes are collected from the profile's notes section (grouped
under headings such as "Chapter One" and numbered afresh in each group, or
one numbered list), each group is matched to the division it annotates, and
every reference in that division is tied to its note. A reference the OCR
glued to the word before it ("action.33") is recognised only where its
number continues the sequence of references, so years and page numbers are
never taken for references. Where no blank line parts the notes, a printed
line that opens with the next note's number begins that note. Nothing is
dropped: a note with no reference is still published with its division, and
a reference whose note the source lacks gets an editorial note; both are
entered in the apparatus.
"""
from __future__ import annotations

import re

from ..ids import id_token
from ..model import Block, Division, Emendation, LineBreak, Note, NoteRef, Source, note_ref
from ..rules import Rule, State
from .text import plain, slugify

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
NUMBERS = {  # how a text prints a reference in the line (the number is the group)
    "glued": r"(\d{1,3})",
    "parenthesised": r"\((\d{1,3})\)",
    "bracketed": r"\[(\d{1,3})\]",
}


def _inline(number: str) -> re.Pattern:
    """The reference glued to its word or the word's punctuation, or after punctuation and a space unless
    lower case follows: that is an item of a list run into the sentence ("…also: (1) all documents; (2) …")."""
    bare = number.replace("(\\d", "(?:\\d")
    # "…1953. 2. Bazhanov": a bare number with a stop after it begins the next item of a numbered list
    item = bare + (r"(?:\s+[a-z]|\.\s)" if bare.startswith("(?:") else r"\s+[a-z]")
    return re.compile(rf"(?:(?<=[A-Za-z.,;:’”)?!])|(?<=[.,;:’”)?!] )(?!{item})){number}(?=[\s.,;:]|$)")


INLINE_REFERENCES = {style: _inline(number) for style, number in NUMBERS.items()}

YEAR_BEFORE = re.compile(r"\b(1[5-9]\d\d)$")


def number_from_words(text: str) -> int | None:
    parts = text.lower().replace("-", " ").split()
    if len(parts) == 1 and parts[0] in UNITS:
        return UNITS.index(parts[0])
    if parts and parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.index(parts[1]) if len(parts) > 1 and parts[1] in UNITS else 0)
    return None


SCHEMA = {
    "type": "object",
    "description": "The source's notes and how its text refers to them. The printed notes are taken from "
                   "their section (grouped under headings and numbered afresh in each group, or one numbered "
                   "list), and every reference is linked to its note and back; a note nothing refers to, and a "
                   "reference to a note the source lacks, are published and listed in the editorial notes.",
    "properties": {
        "heading": {"type": "string", "format": "regex", "default": "Notes",
                    "description": "The heading of the notes section (a regular expression matching it whole)."},
        "groups": {"type": "string", "format": "regex",
                   "description": "A regular expression matching the whole heading of each group of notes "
                                  "(each group belongs to the part of the same name or number).",
                   "examples": ["Introduction|Chapter [A-Z][a-z]+|Conclusion"]},
        "number": {"type": "string", "format": "regex", "x-groups": [1], "default": "(\\d{1,3})\\.\\s",
                   "description": "A regular expression matching the start of a note; its first group is the "
                                  "note's number.", "examples": ["\\((\\d{1,3})\\)\\s"]},
        "references": {"enum": ["superscript", "glued", "parenthesised", "bracketed"], "default": "superscript",
                       "description": "How the text prints a reference: `superscript` digits, or digits glued to "
                                      "the word before, bare (`glued`: \"action.33\"), in brackets "
                                      "(`parenthesised`: \"action.(33)\") or in square brackets (`bracketed`: "
                                      "\"action.[33]\"); the last three are taken only where the number continues "
                                      "the sequence of references, so years and page numbers are never taken for "
                                      "them."},
        "absent": {"type": "boolean", "default": False,
                   "description": "The source prints references but not the notes (an editorial note says so "
                                  "at each)."},
    },
    "additionalProperties": False,
}


def link_notes(state: State) -> None:
    source, divisions = state.source, state.divisions
    groups = _collect(state)
    style = state.setting("notes.references")
    if style in INLINE_REFERENCES:
        # the highest note number printed (a note the list lost still has its reference)
        most = max((int(n.number) for ns in groups.values() for n in ns if n.number.isdigit()), default=0) or 999
        last = 0  # one list of notes is numbered through the book; notes in groups afresh in each part
        for d in divisions:
            if d.kind in ("text", "front"):
                last = _mark_inline_references(d, INLINE_REFERENCES[style], most, last if set(groups) == {""} else 0)
    targets = {group: _target(group, divisions) for group in groups}
    for d in divisions:  # a group heading in the notes division says where its notes went
        for b in d.blocks:
            if b.notes_group and b.notes_group in targets:
                b.notes_for = targets[b.notes_group].slug
    absent = state.setting("notes.absent")
    # One list numbered through the book (no number twice): a note is published with the part that cites it.
    listed = groups.get("", [])
    through = set(groups) == {""} and len({n.number for n in listed}) == len(listed)
    for d in divisions:
        if d.kind not in ("text", "front"):
            continue
        notes = {n.number: n for g, ns in groups.items() if through or targets[g] is d for n in ns}
        for b in d.blocks:
            dashes = {}
            for ref in b.of(NoteRef):
                dash = _link(ref, notes, d, b, absent)
                if dash:
                    dashes[id(ref)] = dash
            b.put_in_place(dashes)
    for b in (b for notes in groups.values() for n in notes for b in n.blocks):
        # Notes call no notes: a superscript in a note after a year ends a date range ("from 1908¹⁷").
        b.put_in_place({id(ref): dash for ref in b.of(NoteRef) if (dash := _date_range(ref, b))})
    for group, notes in groups.items():
        home = targets[group]
        for n in notes:
            if n.references == 0:
                home.unreferenced_notes.append(n)
                first = n.blocks[0]
                first.emendations.append(Emendation(
                    "note without reference", n.number, n.number, first.line, status="review",
                    note=f"no reference to note {n.number} ({group or 'notes'}) was found in the text; published at the end of the part"))


def _link(ref: NoteRef, notes: dict[str, Note], d: Division, b: Block, absent: bool) -> str | None:
    """Tie the reference to its note; or, if it is the end of a date range, the text to print instead."""
    number = ref.number
    note = notes.get(number)
    if note is None and absent:
        note = Note(_note_id("", number), number, "", missing_text=True)
        notes[number] = note
        b.emendations.append(Emendation("reference without note", number, number, b.line, status="review",
                                        note="the source prints this reference but not the note's text; an editorial note says so"))
    dash = _date_range(ref, b) if note is None else None  # "1931³²" with no note 32
    if dash:
        return dash
    if note is None:
        b.emendations.append(Emendation("reference without note", number, number, b.line, status="review",
                                        note=f"no note {number} is printed for this part"))
        return None
    if note.references == 0:
        d.notes.append(note)
    note.references += 1
    ref.note = note.id
    return None


def _date_range(ref: NoteRef, b: Block) -> str | None:
    """A superscript after a year ("1931³²") that is no note call: the end of a date range whose dash the
    OCR lost; the text to print in its place."""
    # Only the 5 characters before the reference matter (the year and the one before it for \b);
    # slicing the whole text before it made this quadratic.
    year = YEAR_BEFORE.search(b.text[max(0, ref.start - 5): ref.start])
    if not year or not int(year.group(1)[2:]) < int(ref.number) <= 99:
        return None
    superscript = ref.number.translate(SUPERSCRIPT)
    b.emendations.append(Emendation("lost dash", f"{year.group(1)}{superscript}", f"{year.group(1)}–{ref.number}",
                                    b.line, note="a superscript after a year, and no such note: a date range"))
    return f"–{ref.number}"


def _collect(state: State) -> dict[str, list[Note]]:
    """Take the printed notes out of the flow, by group, in order."""
    source, divisions = state.source, state.divisions
    number_re = source.pattern("notes.number")
    heading = source.setting("notes.heading") or source.setting("headings.notes") or state.setting("notes.heading")
    heading_re = source.pattern("notes.heading" if source.setting("notes.heading") or not source.setting("headings.notes")
                                else "headings.notes")
    groups: dict[str, list[Note]] = {}
    page: str | None = None
    for d in divisions:
        inside = d.kind == "notes"
        group = ""
        kept: list[Block] = []
        opening_notes = {id(b) for i, b in enumerate(d.blocks) if _opens_notes(d.blocks, i, number_re)}
        for b in _parted(d.blocks, number_re, groups, lambda: group, lambda: inside):
            starts = b.leading_pages()
            labels = [p.label for p in b.pages()]
            opening = page if not starts else labels[0]
            if b.kind == "para" and id(b) in opening_notes and _is_heading(b, heading, heading_re):
                # the notes heading where the headings rule did not take it (a contents list put "Notes"
                # before the index, the book prints them after it): numbered notes follow, so it is one
                b.kind, b.level = "heading", 2
            if b.kind == "heading":
                if id(b) in opening_notes and _is_heading(b, heading, heading_re):
                    inside = True
                    if d.kind != "notes":
                        b.role = "notes-heading"  # the notes are printed after this heading
                elif inside and b.level >= 2 and d.kind == "notes":
                    group = plain(b)
                    b.notes_group = group
                elif inside and d.kind != "notes":
                    inside = False
                kept.append(b)
                page = labels[-1] if labels else page
                continue
            m = number_re.match(plain(b), b.line) if inside else None
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


def _is_heading(b: Block, heading: str, heading_re) -> bool:
    return any(plain(b) + colon == heading or heading_re.fullmatch(plain(b) + colon, b.line) for colon in ("", ":"))


NOTES_REACH = 3  # blocks after a notes heading within which the first numbered note stands (group titles between)


def _opens_notes(blocks: list[Block], i: int, number_re) -> bool:
    """Whether blocks[i] is followed by numbered notes: "Notes" in a table of contents is not their heading."""
    return any(b.kind == "para" and number_re.match(plain(b), b.line) for b in blocks[i + 1:i + 1 + NOTES_REACH])


def _parted(blocks: list[Block], number_re, groups: dict[str, list[Note]], group, inside):
    """The blocks, a block of notes not parted by blank lines cut where a printed line opens with the next
    note's number ("…1990), 207. / 2. Khlevniuk, …"); a number out of sequence ("…(New Haven, 2012), /
    26.") goes on the note before it. `group` and `inside` tell, as the caller goes, where it is."""
    for b in blocks:
        if not inside() or b.kind != "para":
            yield b
            continue
        m = number_re.match(plain(b), b.line)
        notes = groups.get(group(), [])
        last = m.group(1) if m else notes[-1].number if notes else ""
        cuts = [(0, b.line)]  # (offset, raw line) where each piece begins
        for lb in b.of(LineBreak):
            at = lb.start + (b.text[lb.start:lb.start + 1] == " ")
            n = number_re.match(b.text[at:], lb.line + 1)
            if n and last.isdigit() and n.group(1) == str(int(last) + 1):
                cuts.append((at, lb.line + 1))
                last = n.group(1)
        if len(cuts) == 1:
            yield b
            continue
        ends = [at for at, _ in cuts[1:]] + [len(b.text)]
        for (start, line), end, upto in zip(cuts, ends, [ln for _, ln in cuts[1:]] + [None]):
            t = b.cut(start, end)
            t.rstrip()
            piece = Block(b.kind, t.text, line, marks=t.marks)
            piece.emendations = [e for e in b.emendations if line <= e.line and (upto is None or e.line < upto)
                                 or start == 0 and e.line < line]
            yield piece


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


def _mark_inline_references(d: Division, pattern: re.Pattern, most: int, last: int) -> int:
    """'action.33', 'action.(33)', 'action.[33]': a number continuing the sequence of references, glued to the
    text, is a reference (years and page numbers do not continue it). Returns the last number taken."""
    for b in d.blocks:
        if b.kind == "heading":
            continue
        found, cuts = [], b.boundaries()
        for m in pattern.finditer(b.text):
            n = int(m.group(1))
            # a mark beside the digits parts them from the word (the lookarounds saw a boundary)
            if any(m.start() <= p <= m.end() for p in cuts):
                continue
            if last < n <= min(last + 3, most):
                last = n
                found.append((m, str(n)))
        b.edit([(m.start(), m.end(), "", [note_ref(m.start(), n)]) for m, n in found])
    return last


RULE = Rule("notes", link_notes, SCHEMA)
