"""Apply an editor's corrections to a converted edition, in the order of the file.

Each entry either decides an entry of the apparatus (reject, accept: found by
its id) or adds one (replace, comment: found by a passage of the text). Every
change goes through Inline.replace, so page breaks, note references and links
move with the text. Whatever no longer fits the text is refused with one line
naming the entry's line in corrections.yml; nothing is applied by guesswork.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..emendation_ids import as_text, raw_line, shown, spans, textual
from ..model import Block, CommentRef, EditionError, EditorMark, Edition, Emendation, NoteRef, PageMark
from .read import Entry

# Marks a correction may not run across: the text on either side belongs to other pages or notes.
BOUNDARIES = (PageMark, NoteRef, EditorMark, CommentRef)
SHOWN = 4  # places named when a passage occurs more than once


@dataclass
class Match:
    part: str
    block: Block
    start: int
    end: int


def apply_corrections(edition: Edition, entries: list[Entry]) -> None:
    """Apply the entries; the edition must have its apparatus placed (ids given) already."""
    by_id = {e.id: (b, e) for b in edition.all_blocks() for e in b.emendations}
    settled: dict[str, Entry] = {}
    for entry in entries:
        if entry.action in ("reject", "accept"):
            block, e = _entry_for(edition, entry, by_id)
            if entry.target in settled:
                raise EditionError(f"{entry.at(entry.action)}: {entry.target} is already settled by the entry on "
                                   f"line {settled[entry.target].line}; keep one of the two")
            (_reject if entry.action == "reject" else _accept)(block, e, entry)
            _sign(e, entry)
            settled[entry.target] = entry
        elif entry.action == "replace":
            _replace(edition, entry)
        else:
            _comment(edition, entry)
    number_comments(edition)


def _entry_for(edition: Edition, entry: Entry, by_id: dict) -> tuple[Block, Emendation]:
    found = by_id.get(entry.target)
    if found is None:
        raise EditionError(f"{entry.at(entry.action)}: {entry.action} {entry.target}: no entry of the apparatus of "
                           f"{edition.source.slug} has this id (its text, or a rule, changed since the entry was "
                           f"written?); `edition review {edition.source.slug}` lists the ids there are now")
    return found


def _sign(e: Emendation, entry: Entry) -> None:
    e.resp, e.editor_note, e.by, e.date = "editor", entry.note, entry.by, entry.date


def _reject(block: Block, e: Emendation, entry: Entry) -> None:
    if e.status == "review":
        e.status = "rejected"  # the text already has the source's reading
        return
    if not textual(e):
        raise EditionError(f"{entry.at('reject')}: reject {e.id}: a {e.kind} entry changes no words "
                           f"({_quote(e.original)}), so there is no source reading to restore; to change the text "
                           "there, use replace")
    _rewrite(block, e, entry, as_text(e.original))
    e.status = "reverted"


def _accept(block: Block, e: Emendation, entry: Entry) -> None:
    if e.status != "review":
        raise EditionError(f"{entry.at('accept')}: accept {e.id}: accept settles review items, and this {e.kind} "
                           f"entry is {e.status} (to undo an automatic repair, reject it)")
    if textual(e):
        _rewrite(block, e, entry, e.reading)
    e.status = "accepted"


def _rewrite(block: Block, e: Emendation, entry: Entry, new: str) -> None:
    span = spans(block).get(id(e))
    if span is None:
        count = block.text.count(shown(e))
        where = f"{_quote(shown(e))} occurs {count} times in" if count else f"{_quote(shown(e))} is no longer in"
        raise EditionError(f"{entry.at(entry.action)}: {entry.action} {e.id}: {where} its paragraph "
                           f"({e.anchor}), so the place cannot be told; use replace with enough text around it")
    block.replace(span[0], span[1], new)


# ------------------------------------------------------------ passages


def find_passage(edition: Edition, entry: Entry) -> Match:
    """The one place of the passage the entry names, or a refusal naming what matched."""
    parts = {d.slug: d for d in edition.divisions}
    if entry.part and entry.part not in parts:
        from difflib import get_close_matches

        close = get_close_matches(entry.part, list(parts), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (the parts are {', '.join(list(parts)[:8])}, ...)"
        raise EditionError(f"{entry.at('in')}: in: no part {entry.part!r} in {edition.source.slug}{hint}")
    divisions = [parts[entry.part]] if entry.part else edition.divisions
    pattern = _pattern(entry)
    matches = []
    for d in divisions:
        for b in d.blocks + [b for n in d.notes + d.unreferenced_notes for b in n.blocks]:
            if b.kind == "table":
                continue
            for m in pattern.finditer(b.text):
                matches.append(Match(d.slug, b, m.start(1), m.end(1)))
    where = f"in {entry.part}" if entry.part else f"in {edition.source.slug}"
    what = _quote(entry.find)
    if not matches:
        raise EditionError(f"{entry.at('find')}: {entry.action}: {what} occurs nowhere {where} (the text as "
                           "converted, note numbers left out); copy it from the edition's page")
    if len(matches) > 1:
        places = ", ".join(f"{m.part}#{m.block.anchor}" for m in matches[:SHOWN])
        more = f" and {len(matches) - SHOWN} more" if len(matches) > SHOWN else ""
        raise EditionError(f"{entry.at('find')}: {entry.action}: {what} occurs {len(matches)} times {where} "
                           f"({places}{more}); give more of the text, or before:/after:, or in:, to tell one")
    match = matches[0]
    crossed = [m for m in match.block.marks if isinstance(m, BOUNDARIES) and match.start < m.start < match.end]
    if crossed:
        what_mark = "a page break" if isinstance(crossed[0], PageMark) else "a note reference"
        raise EditionError(f"{entry.at('find')}: {entry.action}: {what} runs across {what_mark} "
                           f"({match.part}#{match.block.anchor}); correct the text on each side of it apart")
    return match


def _pattern(entry: Entry) -> re.Pattern:
    """The passage as a pattern: its words as written, any whitespace for whitespace, whole words at its ends."""
    def loose(text: str) -> str:
        return r"\s+".join(re.escape(piece) for piece in text.split())

    find = loose(entry.find)
    head = r"(?<!\w)" if re.match(r"\w", entry.before or entry.find) else ""
    tail = r"(?!\w)" if re.search(r"\w$", entry.after or entry.find) else ""
    before = loose(entry.before) + (r"\s*" if entry.before[-1:].isspace() else "") if entry.before else ""
    after = (r"\s*" if entry.after[:1].isspace() else "") + loose(entry.after) if entry.after else ""
    return re.compile(f"(?={head}{before}({find}){after}{tail})")


def _replace(edition: Edition, entry: Entry) -> None:
    m = find_passage(edition, entry)
    _refuse_overlap(m, entry)
    original = m.block.text[m.start:m.end]
    if original == entry.replacement:
        raise EditionError(f"{entry.at('with')}: replace: `with` is the text as it stands ({_quote(original)}); "
                           "nothing to correct")
    e = Emendation("correction", original, entry.replacement, raw_line(m.block, m.start),
                   status="applied" if entry.kind == "corr" else "sic", rule="corrections")
    _sign(e, entry)
    if entry.kind == "corr":
        m.block.replace(m.start, m.end, entry.replacement)
        end = m.start + len(entry.replacement)
        mark = EditorMark(end, end, e, "corr.", f"corrected by the editor; the source reads “{original}”")
    else:
        mark = EditorMark(m.end, m.end, e, "sic", f"sic: so the source; the editor reads “{entry.replacement}”")
    m.block.add(mark, first=True)  # before a note reference that follows the words
    m.block.emendations.append(e)


def _refuse_overlap(m: Match, entry: Entry) -> None:
    """A passage the editor has corrected already is corrected by changing that entry, not by another."""
    for e, (start, end) in _placed(m.block):
        if e.kind == "correction" and start < m.end and m.start < end:
            raise EditionError(f"{entry.at('find')}: replace: {_quote(entry.find)} overlaps the correction "
                               f"{_quote(shown(e))} an entry above made; change that entry instead")


def _placed(block: Block):
    where = spans(block)
    return [(e, where[id(e)]) for e in block.emendations if id(e) in where]


def _comment(edition: Edition, entry: Entry) -> None:
    m = find_passage(edition, entry)
    if m.block.kind == "heading":
        raise EditionError(f"{entry.at('find')}: comment: {_quote(entry.find)} is in a heading "
                           f"({m.part}#{m.block.anchor}), where a note's sign would show in the contents; "
                           "attach the note to a passage of the text")
    passage = m.block.text[m.start:m.end]
    e = Emendation("comment", passage, passage, raw_line(m.block, m.start), rule="corrections")
    _sign(e, entry)
    m.block.add(CommentRef(m.end, m.end, e))  # after a note reference of the author's at the same place
    m.block.emendations.append(e)


def number_comments(edition: Edition) -> None:
    """The editor's notes are numbered within each part, in reading order."""
    for d in edition.divisions:
        blocks = d.blocks + [b for n in d.notes + d.unreferenced_notes for b in n.blocks]
        for number, mark in enumerate((m for b in blocks for m in b.of(CommentRef)), start=1):
            mark.number = number


def _quote(text: str) -> str:
    short = text if len(text) <= 60 else text[:57] + "…"
    return "“" + " ".join(short.split()) + "”"
