"""Where each emendation stands in its block's text: the TEI writer's choices.

An emendation records what the raw text read, what the edition reads and the
raw line, not an offset in the final text (rules that run later move the
text). So the writer finds each one again, by the trace its rule leaves:

- a line-end hyphen mended: the joined word with the printed line's end
  (a line break or page break mark) inside it, where the hyphen stood;
- a paragraph rejoined: the line break mark the rule set at the join;
- markup: the emphasis the markup became;
- a note reference moved or a bracket dropped from one: that reference;
- a heading's new form: the whole heading; a chapter number: the heading's number;
- any other repair: its reading, searched in reading order from the raw line on
  (a rule works through a block from its start, so one kind's emendations are
  in text order).

A placed emendation is a span [start, end) of one text (the block's, or a table
cell's) with the content of its original reading; `at` is the zero-width mark it
stands by (or, with `wraps`, holds). Review items (flagged, not changed) are
placed where the original still stands, and so are the editor's decisions that
leave the source's reading (rejected, reverted) and a correction the editor
prints as the source has it (sic: a span, the source's words). An editor's
comment is written at its own mark (CommentRef), not placed here. What cannot be
found, or would cross another choice or a link, is returned unplaced (the
writer says so in a note).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from ..model import Block, Emendation, Emphasis, Inline, LineBreak, Link, Mark, NoteRef, PageMark
from .xmltree import Node, el

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@dataclass(eq=False)
class Placed:
    emendation: Emendation
    text: Inline  # the block, or one cell of a table
    start: int
    end: int
    original: list[Node] = field(default_factory=list)  # the content of <orig>/<sic>
    at: Mark | None = None  # a zero-width mark the choice stands right after (or holds, with wraps)
    wraps: bool = False
    number: bool = False  # a heading's number, written before its text
    # Repairs made earlier whose readings this one's original holds ("fl our-/ishing": the mended
    # hyphen lies in the original of the joined ligature): written inside its <orig>/<sic>.
    earlier: list["Placed"] = field(default_factory=list)
    inside_original: bool = False  # written in a later repair's original, not in the text

    @property
    def review(self) -> bool:
        """No choice here: the text prints the source's reading, or the entry is a flag."""
        return not shows_choice(self.emendation)

    @property
    def kept(self) -> bool:
        """The editor's correction printed as the source has it: the source's words, marked sic."""
        return self.emendation.status == "sic"


def shows_choice(e: Emendation) -> bool:
    """The text prints a reading the source does not (a flag the editor accepted changes nothing)."""
    return e.prints_reading and not (e.status == "accepted" and e.original == e.reading)


@dataclass
class Placement:
    placed: list[Placed] = field(default_factory=list)
    unplaced: list[Emendation] = field(default_factory=list)

    def in_text(self, text: Inline) -> list[Placed]:
        return [p for p in self.placed if p.text is text]


def original_nodes(original: str) -> list[Node]:
    """The raw reading as TEI: a printed line's end is <lb/>."""
    out: list[Node] = []
    for i, piece in enumerate(original.split("\n")):
        if i:
            out.append(el("lb"))
        if piece:
            out.append(piece)
    return out


def place_emendations(block: Block) -> Placement:
    texts: list[Inline] = [c for row in block.rows for c in row] if block.kind == "table" else [block]
    state = _Search(texts)
    result = Placement()
    for e in block.emendations:
        if e.kind == "comment":
            continue  # written at its mark
        locate = LOCATORS.get(e.kind, _by_reading) if shows_choice(e) else _review
        found = locate(block, e, state)
        if found is None or _crosses(found, state):
            result.unplaced.append(e)
        else:
            result.placed.append(found)
            state.take(found)
    _nest_earlier(result.placed)
    _moved_with_its_print(result.placed)
    return result


def _moved_with_its_print(placed: list[Placed]) -> None:
    """A moved reference whose bracket was dropped too ("¶ ⁶⁾"): the move's original reading holds the
    reference as printed, bracket and all (the move is written outermost, tei_inline._point)."""
    printed = {id(p.at): p.emendation.original for p in placed if p.emendation.kind == "superscripts" and p.at}
    for p in placed:
        if p.emendation.kind == "note reference" and id(p.at) in printed:
            p.original = [el("milestone", {"unit": "paragraph"}), printed[id(p.at)]]


class Spans:
    """The spans of one text, by where they begin and where they end: what a span crosses or holds
    is looked up near its own ends, never by a pass over all of them (a paragraph of a book's length
    holds thousands)."""

    def __init__(self, spans=()):
        self.starts = sorted((s, e) for s, e in spans)
        self.ends = sorted((e, s) for s, e in spans)
        self.longest = max((e - s for s, e in self.starts), default=0)

    def add(self, start: int, end: int) -> None:
        insort(self.starts, (start, end))
        insort(self.ends, (end, start))
        self.longest = max(self.longest, end - start)

    def overlapping(self, start: int, end: int) -> bool:
        """Some span shares a character with [start, end) (it begins at most the longest span's
        length before it)."""
        found = self.starts[bisect_left(self.starts, (start - self.longest, -1)):bisect_left(self.starts, (end, -1))]
        return any(e > start for s, e in found)

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans with an end strictly inside (start, end): only these can cross it."""
        inside = self.starts[bisect_right(self.starts, (start, float("inf"))):bisect_left(self.starts, (end, -1))]
        out = self.ends[bisect_right(self.ends, (start, float("inf"))):bisect_left(self.ends, (end, -1))]
        return inside + [(s, e) for e, s in out]

    def crossing(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.near(start, end) if partial(start, end, s, e)]

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans inside [start, end], itself included."""
        at = bisect_left(self.starts, (start, -1))
        out = []
        for s, e in self.starts[at:bisect_right(self.starts, (end, float("inf")))]:
            if e <= end:
                out.append((s, e))
        return out


def _nest_earlier(placed: list[Placed]) -> None:
    """A repair inside a later one whose original reading holds its text goes in that original, so
    that the original readings give back the raw text. (A block's emendations are in the order made.)"""
    spans = [p for p in placed if not p.review and p.start < p.end and not p.wraps]
    order = {id(p): i for i, p in enumerate(spans)}
    by_place: dict[tuple[int, int, int], list[Placed]] = {}
    index: dict[int, Spans] = {}
    for p in spans:
        by_place.setdefault((id(p.text), p.start, p.end), []).append(p)
        index.setdefault(id(p.text), Spans()).add(p.start, p.end)
    holders: dict[int, list[Placed]] = {}  # a span -> the later spans that hold it, in order
    for b in spans:
        for s, e in index[id(b.text)].within(b.start, b.end):
            for a in by_place[(id(b.text), s, e)]:
                if order[id(a)] < order[id(b)]:
                    holders.setdefault(id(a), []).append(b)
    for a in spans:
        piece = a.text.text[a.start:a.end]
        for b in sorted(holders.get(id(a), []), key=lambda x: order[id(x)]):
            if piece in b.emendation.original and not b.inside_original:
                b.earlier.append(a)
                a.inside_original = True
                break


class _Search:
    """What has been found so far in a block's texts, so that the next of a kind is found after it."""

    def __init__(self, texts: list[Inline]):
        self.texts = texts
        self.after: dict[str, tuple[int, int]] = {}  # kind -> (text index, offset) where the last one ended
        self.marks_used: set[int] = set()
        self.places: set[tuple[int, int, int]] = set()  # (text, start, end) of every span taken
        self.by_kind: dict[tuple[int, str], Spans] = {}  # the spans of the repairs of a kind, in a text
        self.nested = {id(t): Spans((m.start, m.end) for m in t.marks if isinstance(m, Link)) for t in texts}
        self.indexes: dict[tuple, dict] = {}  # see mark()
        self.cursors: dict[tuple, int] = {}
        self.breaks: dict[int, set[int]] = {}

    def take(self, p: Placed) -> None:
        self.places.add((id(p.text), p.start, p.end))
        if p.start < p.end and (not p.review or p.kept):
            self.nested[id(p.text)].add(p.start, p.end)
            if not p.review:
                self.by_kind.setdefault((id(p.text), p.emendation.kind), Spans()).add(p.start, p.end)

    def taken(self, text: Inline, start: int, end: int) -> bool:
        return (id(text), start, end) in self.places

    def line_ends(self, text: Inline) -> set[int]:
        """Where the text's printed lines and pages end."""
        if id(text) not in self.breaks:
            self.breaks[id(text)] = {m.start for m in text.marks if isinstance(m, (LineBreak, PageMark))}
        return self.breaks[id(text)]

    def find(self, e: Emendation, needle: str, start_at: int = 0) -> tuple[Inline, int] | None:
        """The next unused occurrence of needle for this kind: from the last one found, else anywhere."""
        if not needle:
            return None
        last = self.after.get(e.kind, (0, start_at))
        for i, text in enumerate(self.texts):
            if i < last[0]:
                continue
            begin = last[1] if i == last[0] else 0
            at = self._free(text, needle, begin, e.kind)
            if at is not None:
                return text, at
        for text in self.texts:
            at = self._free(text, needle, 0, e.kind)
            if at is not None:
                return text, at
        return None

    def _free(self, text: Inline, needle: str, begin: int, kind: str) -> int | None:
        """An occurrence no emendation of the same kind has taken (another kind's may lie inside it:
        "fl our-/ishing" is a mended hyphen inside a joined ligature)."""
        same = self.by_kind.get((id(text), kind))
        at = text.text.find(needle, begin)
        while at >= 0:
            end = at + len(needle)
            if same is None or not same.overlapping(at, end):
                return at
            at = text.text.find(needle, at + 1)
        return None

    def mark(self, kinds: tuple[type, ...], key_of, key, *, shared: bool = False) -> tuple[Inline, Mark] | None:
        """The first mark of these kinds whose key_of(text, mark) is key, not yet used; shared: else one
        used already (two repairs of one note reference: a bracket dropped, and the reference moved).
        The marks are indexed by key once, and each key's list is walked once."""
        name = (kinds, key_of)
        if name not in self.indexes:
            index: dict = {}
            for text in self.texts:
                for m in text.marks:
                    if isinstance(m, kinds):
                        index.setdefault(key_of(text, m), []).append((text, m))
            self.indexes[name] = index
        found = self.indexes[name].get(key, [])
        at = self.cursors.get((name, key), 0)
        while at < len(found) and id(found[at][1]) in self.marks_used:
            at += 1
        self.cursors[(name, key)] = at
        if at < len(found):
            self.marks_used.add(id(found[at][1]))
            return found[at]
        return found[0] if shared and found else None

    def note_found(self, e: Emendation, text: Inline, end: int) -> None:
        self.after[e.kind] = (self.texts.index(text), end)


def _line_start(block: Block, line: int) -> int:
    """Where a raw line's text begins in a block whose lines are kept (0 in a paragraph: its
    emendations carry the paragraph's first line)."""
    if block.kind != "lines" or line <= block.line:
        return 0
    at = 0
    for _ in range(line - block.line):
        nl = block.text.find("\n", at)
        if nl < 0:
            return 0
        at = nl + 1
    return at


def _by_reading(block: Block, e: Emendation, state: _Search) -> Placed | None:
    found = state.find(e, e.reading, _line_start(block, e.line))
    if found is None:
        return None
    text, at = found
    state.note_found(e, text, at + len(e.reading))
    return Placed(e, text, at, at + len(e.reading), original_nodes(e.original))


def _hyphenation(block: Block, e: Emendation, state: _Search) -> Placed | None:
    """The joined word with the printed line's end inside it, where the hyphen stood."""
    left = e.original.split("-\n")[0]
    for text in state.texts:
        breaks = state.line_ends(text)
        at = text.text.find(e.reading)
        while at >= 0:
            if at + len(left) in breaks and not state.taken(text, at, at + len(e.reading)):
                return Placed(e, text, at, at + len(e.reading), original_nodes(e.original))
            at = text.text.find(e.reading, at + 1)
    return _by_reading(block, e, state)


def _paragraph_rejoined(block: Block, e: Emendation, state: _Search) -> Placed | None:
    """The join: the line break mark the rule set there (its line is the one before the second
    paragraph's first); the space the join put there, unless a mended hyphen took it."""
    found = state.mark((LineBreak,), _line_of, e.line - 1)
    if found is None:
        return None
    text, m = found
    end = m.start + 1 if text.text[m.start:m.start + 1] == " " else m.start
    return Placed(e, text, m.start, end, [el("milestone", {"unit": "paragraph"})], at=m)


def _markup(block: Block, e: Emendation, state: _Search) -> Placed | None:
    """The emphasis the markup became."""
    found = state.mark((Emphasis,), _covered, e.reading)
    if found is None:
        return _by_reading(block, e, state)
    text, m = found
    return Placed(e, text, m.start, m.end, original_nodes(e.original))


def _reference(number_of, original_of):
    """A note reference the repair concerns: the bracket dropped from it, or the move that put it here."""
    def locate(block: Block, e: Emendation, state: _Search) -> Placed | None:
        number = number_of(e)
        found = state.mark((NoteRef,), _number, number, shared=True)
        if found is None:
            return None
        text, m = found
        return Placed(e, text, m.start, m.start, original_of(e, m), at=m, wraps=True)
    return locate


def _printed_reference(e: Emendation, m: NoteRef) -> list[Node]:
    """A bracket dropped: the reference as the source printed it, brackets and all."""
    return original_nodes(e.original)


def _displaced_reference(e: Emendation, m: NoteRef) -> list[Node]:
    """A moved reference: the source printed its number after the paragraph ended, at the start of the
    paragraph that followed or on a line of its own; so its original reading is that paragraph break
    and the number as printed (superscript digits where the source has them)."""
    return [el("milestone", {"unit": "paragraph"}), m.printed or m.number]


def _heading(block: Block, e: Emendation, state: _Search) -> Placed | None:
    if block.kind != "heading" or state.taken(block, 0, len(block.text)):
        return None
    return Placed(e, block, 0, len(block.text), original_nodes(e.original))


def _chapter_number(block: Block, e: Emendation, state: _Search) -> Placed | None:
    if block.kind != "heading" or not block.number:
        return None
    return Placed(e, block, 0, 0, original_nodes(e.original), number=True)


def _review(block: Block, e: Emendation, state: _Search) -> Placed | None:
    """A flag: after the reference it concerns, or after the original it left standing, else at the start."""
    if e.kind in ("reference without note",):
        found = state.mark((NoteRef,), _number, e.original)
        if found is not None:
            text, m = found
            return Placed(e, text, m.start, m.start, at=m)
    if e.kind != "note without reference":
        found = state.find(e, e.original, _line_start(block, e.line))
        if found is not None:
            text, at = found
            state.note_found(e, text, at + len(e.original))
            if e.status == "sic":
                return Placed(e, text, at, at + len(e.original))
            return Placed(e, text, at + len(e.original), at + len(e.original))
    return Placed(e, state.texts[0], 0, 0)


LOCATORS = {
    "hyphenation": _hyphenation,
    "paragraph rejoined": _paragraph_rejoined,
    "markup": _markup,
    "superscripts": _reference(lambda e: e.reading.translate(SUPERSCRIPT_DIGITS), _printed_reference),
    "note reference": _reference(lambda e: e.reading, _displaced_reference),
    "headings": _heading,
    "chapter number": _chapter_number,
}


def _line_of(text: Inline, m: LineBreak) -> int:
    return m.line


def _covered(text: Inline, m: Emphasis) -> str:
    return text.text[m.start:m.end]


def _number(text: Inline, m: NoteRef) -> str:
    return m.number


def _crosses(new: Placed, state: _Search) -> bool:
    """A choice must nest with the other choices and the links of its text: it may hold them or sit
    inside one, never begin in one and end outside it."""
    if (new.review and not new.kept) or new.start == new.end:
        return False
    return bool(state.nested[id(new.text)].crossing(new.start, new.end))


def partial(a0: int, a1: int, b0: int, b1: int) -> bool:
    overlap = a0 < b1 and b0 < a1
    nested = (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)
    return overlap and not nested

