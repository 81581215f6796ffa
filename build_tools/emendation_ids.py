"""Stable ids for the apparatus ("lost-dash-7f3a2c"), and where each entry stands in its paragraph.

An editor settles an entry by its id in corrections.yml, so the id must be the
same on every build and after edits elsewhere in the source, and must change
when what it names is gone (the correction then fails loudly instead of
landing on other text). So it is made from what the entry is, never from its
position in a list:

- its kind, its source reading and its reading;
- its place: the words on either side of it in its paragraph, when the
  paragraph shows it exactly once; otherwise (an entry about a whole paragraph
  or a note reference, or a reading the paragraph shows several times) the
  paragraph's opening words.

Entries alike in all of these (a title set in italics three times in one
paragraph) are told apart by their paragraph's anchor, then by their order in
it. Different entries whose digests share the first six hex digits get
longer ones. Ids are given once, to the converted text (pipeline.place_apparatus),
so an editor's corrections never change the ids of the entries around them.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Iterable

from .model import Block, Emendation, LineBreak

CONTEXT_WORDS = 3  # words on each side: enough to tell places apart, few enough to survive edits nearby
OPENING_WORDS = 8  # the paragraph's opening, as the anchor manifest knows paragraphs
WINDOW = 160  # characters looked at on each side for those words
SHORTEST = 6  # hex digits of a digest
WORD = re.compile(r"\w+")


def shown(e: Emendation) -> str:
    """What the edition's text holds at the entry's place: its reading, or the source's."""
    return e.reading if e.prints_reading else as_text(e.original)


def as_text(reading: str) -> str:
    """A reading as a paragraph's text holds it: a line break inside it is not there (after a
    hyphen, as in a word broken at a line end, it is nothing; else a space)."""
    return re.sub(r"\s*\n\s*", lambda m: "" if m.string[m.start() - 1:m.start()] == "-" else " ", reading)


def textual(e: Emendation) -> bool:
    """The entry changes words of one paragraph (not its layout, its italics or the paragraphs around it)."""
    return e.original != e.reading and "¶" not in e.original and e.kind != "markup" and bool(e.original.strip())


def spans(block: Block) -> dict[int, tuple[int, int]]:
    """Where each entry of the block stands in its text (by id() of the entry), for those that can
    be told: its text occurs exactly as often as the entries that show it, and those are alike."""
    groups: dict[str, list[Emendation]] = defaultdict(list)
    for e in block.emendations:
        if textual(e) and shown(e):
            groups[shown(e)].append(e)
    found: dict[int, tuple[int, int]] = {}
    for text, entries in groups.items():
        at = occurrences(block.text, text)
        alike = len({(e.kind, e.original, e.reading) for e in entries}) == 1
        if len(at) == len(entries) and (alike or len(at) == 1):
            for e, start in zip(entries, at):
                found[id(e)] = (start, start + len(text))
    return found


def occurrences(text: str, part: str) -> list[int]:
    """Every offset where part begins in text, overlapping ones included."""
    out, i = [], text.find(part)
    while i >= 0:
        out.append(i)
        i = text.find(part, i + 1)
    return out


def place(block: Block, span: tuple[int, int] | None) -> str:
    """The words around a span of the block's text, or the block's opening words without one."""
    text = block.text
    if span is None:
        return "¶ " + " ".join(WORD.findall(text[:WINDOW * 2].casefold())[:OPENING_WORDS])
    start, end = span
    before = WORD.findall(text[max(0, start - WINDOW):start].casefold())
    if start > WINDOW and before:
        before = before[1:]  # the first may be a piece of a word cut by the window
    after = WORD.findall(text[end:end + WINDOW].casefold())
    return " ".join(before[-CONTEXT_WORDS:]) + " | " + " ".join(after[:CONTEXT_WORDS])


def kind_slug(kind: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", kind.casefold()).strip("-") or "entry"


def assign_ids(blocks: Iterable[Block]) -> None:
    """Give every entry without an id its id, unique among all the entries of the blocks."""
    entries: list[tuple[Block, Emendation, str]] = []
    taken: set[str] = set()
    for b in blocks:
        if not any(not e.id for e in b.emendations):
            taken.update(e.id for e in b.emendations)
            continue
        where = spans(b)
        for e in b.emendations:
            if e.id:
                taken.add(e.id)
            else:
                key = "\x1f".join((e.kind, e.original, e.reading, place(b, where.get(id(e)))))
                entries.append((b, e, key))
    if not entries:
        return
    count = defaultdict(int)
    for _, _, key in entries:
        count[key] += 1
    digests: list[tuple[Emendation, str, str]] = []  # entry, digest, suffix
    order: dict[tuple[str, str], int] = defaultdict(int)
    for b, e, key in entries:
        if count[key] == 1:
            digests.append((e, _digest(key), ""))
            continue
        order[(key, b.anchor)] += 1  # alike entries: their paragraph, then their order in it
        n = order[(key, b.anchor)]
        digests.append((e, _digest(key + "\x1f" + b.anchor), f"-{n}" if n > 1 else ""))
    for e, name in zip((d[0] for d in digests), _shortest(digests, taken)):
        e.id = name


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _shortest(digests: list[tuple[Emendation, str, str]], taken: set[str]) -> list[str]:
    """kind-digest ids, each as short as it can be (six hex digits, more where two entries share them)."""
    length = [SHORTEST] * len(digests)
    while True:
        names = [f"{kind_slug(e.kind)}-{d[:n]}{suffix}" for (e, d, suffix), n in zip(digests, length)]
        owners: dict[str, set[str]] = defaultdict(set)
        for name, (_, d, suffix) in zip(names, digests):
            owners[name].add(d + suffix)
        clash = [i for i, name in enumerate(names) if len(owners[name]) > 1 or name in taken]
        if not clash:
            return names
        if any(length[i] >= len(digests[i][1]) for i in clash):  # only an id given twice by hand could do this
            raise ValueError(f"apparatus ids clash: {sorted({names[i] for i in clash})}")
        for i in clash:
            length[i] += 2


def raw_line(block: Block, offset: int) -> int:
    """The raw line an offset of the block's text stands on (by the printed lines it was joined from)."""
    if block.kind == "lines":
        return block.line + block.text.count("\n", 0, offset)
    line = block.line
    for m in block.marks:
        if m.start > offset:
            break
        if isinstance(m, LineBreak) and m.line:
            line = m.line + 1
    return line
