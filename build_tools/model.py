"""The plain data model shared by every stage.

A block's text is text: exactly the words a reader reads, nothing else.
What is not text lies beside it, as marks at character offsets of the text
(standoff, as TEI's stand-off markup and ProseMirror's marks do):

    PageMark   a printed page begins here (zero width)
    PageHint   layout evidence that a page may begin here (zero width; unused hints vanish)
    LineBreak  a printed line ended here (zero width; in paragraphs joined from their lines)
    NoteRef    a note reference as printed, and the note it leads to (zero width:
               the printed number is apparatus, not reading text)
    Emphasis   a span the source prints in italics
    Link       a span that links to an anchor of the edition or a register entry
    EditorMark an editor's correction ends here (zero width: a sign leading to the apparatus)
    CommentRef an editor's commentary note is attached here (zero width)

Marks are kept in reading order: by offset, and at one offset zero-width
marks in the order the text has them. Every change to a block's text goes
through Inline.replace (or the helpers built on it), which moves the marks
with the text.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Iterable, Iterator


class EditionError(Exception):
    """Bad input: the message names the file (and line) at fault."""


def lookup(mapping: Any, dotted: str, default: Any = None) -> Any:
    """mapping['a']['b'] for 'a.b', or default where a key is missing."""
    node = mapping
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    return node


# An entry's status: what the edition prints at its place.
#   applied   the converter's reading (an automatic repair, or the editor's correction printed as `corr`)
#   review    the source's reading: the converter proposes the reading but leaves it to an editor
#   accepted  the reading: an editor accepted a review item (corrections.yml)
#   rejected  the source's reading: an editor rejected a review item
#   reverted  the source's reading again: an editor rejected an automatic repair
#   sic       the source's reading: an editor's correction shown in the apparatus only
PRINTS_READING = ("applied", "accepted")
SETTLED = ("accepted", "rejected")  # review items an editor has decided


@dataclass
class Emendation:
    """One entry of the edition's apparatus: an automatic repair, a flag for review, or an editor's
    intervention (sources/<slug>/corrections.yml)."""

    kind: str  # what the reader is told it is: "hyphenation", "ligature", "lost dash"; "correction", "comment"
    original: str  # the reading of the raw text
    reading: str  # the reading proposed (== original when only flagged)
    line: int  # raw line number where the original reading begins
    status: str = "applied"  # see PRINTS_READING above
    note: str = ""  # why the converter made or flagged it
    anchor: str = ""  # the paragraph holding it, and the page that begins on: set when the
    page: str | None = None  # edition is written (pipeline.place_apparatus), whatever rule made it
    paragraph: int = 0  # the number of that paragraph through the source (how a source without pages is cited)
    id: str = ""  # stable: made from its kind, place and readings (build_tools/emendation_ids.py), set with anchor
    resp: str = "converter"  # who is responsible for what is printed: "converter" or "editor"
    editor_note: str = ""  # what the editor said of it (corrections.yml), or the editor's comment
    by: str = ""  # the editor's initials or name, and the date, when corrections.yml gives them
    date: str = ""
    # the rule of the chain that made it (its module, its profile key: build_tools/rules.py), stamped
    # by the chain; "corrections" for the editor's entries
    rule: str = ""

    @property
    def prints_reading(self) -> bool:
        return self.status in PRINTS_READING


@dataclass
class Removal:
    """Raw text removed from the flow by a named rule (never silently)."""

    rule: str  # "page marker", "running head", "boilerplate", ...
    text: str
    line: int


@dataclass
class PageBreak:
    label: str | None  # printed page label; None until inferred
    line: int
    exact: bool = True  # False: position inferred, shown as approximate
    seen: bool = True  # False: the OCR never saw this page's number
    evidence: str = ""


# ------------------------------------------------------------------ marks


@dataclass(eq=False)
class Mark:
    """Something at (or over) a stretch of a text: [start, end) in its characters."""

    start: int
    end: int
    ZERO_WIDTH: ClassVar[bool] = False


@dataclass(eq=False)
class PageMark(Mark):
    page: PageBreak = None  # type: ignore[assignment]
    ZERO_WIDTH: ClassVar[bool] = True


@dataclass(eq=False)
class PageHint(Mark):
    ZERO_WIDTH: ClassVar[bool] = True


@dataclass(eq=False)
class LineBreak(Mark):
    """A printed line ended here (in text whose lines the edition joins)."""

    line: int = 0  # the raw line that ended
    ZERO_WIDTH: ClassVar[bool] = True


LAYOUT = (PageHint, LineBreak)  # marks that record the layout, not the text: words run across them


@dataclass(eq=False)
class NoteRef(Mark):
    number: str = ""  # as printed
    note: str = ""  # the id of the note it leads to, once linked
    ZERO_WIDTH: ClassVar[bool] = True


@dataclass(eq=False)
class Emphasis(Mark):
    pass


@dataclass(eq=False)
class EditorMark(Mark):
    """An editor's correction ends here (corrections.yml `replace`): a sign leading to its apparatus entry."""

    entry: Emendation = None  # type: ignore[assignment]
    label: str = ""  # what the reader sees: "sic", "corr."
    title: str = ""  # the other reading, said in words
    ZERO_WIDTH: ClassVar[bool] = True


@dataclass(eq=False)
class CommentRef(Mark):
    """An editor's commentary note is attached here (corrections.yml `comment`): numbered within its
    part, apart from the author's notes; its text is its entry's editor_note."""

    entry: Emendation = None  # type: ignore[assignment]
    number: int = 0
    ZERO_WIDTH: ClassVar[bool] = True


@dataclass(eq=False)
class Link(Mark):
    target: str = ""  # an anchor of this source, or an entry's id in `register`
    register: str = ""  # "" for an anchor of the source; else the register ("persons", "glossary", "places")


def page_mark(at: int, page: PageBreak) -> PageMark:
    return PageMark(at, at, page)


def note_ref(at: int, number: str, note: str = "") -> NoteRef:
    return NoteRef(at, at, number, note)


class Inline:
    """Text with its marks. Subclasses are dataclasses with `text` and `marks` fields."""

    text: str
    marks: list[Mark]

    # ------------------------------------------------------------- reading

    def printed(self) -> str:
        """The text with its note references' numbers where they stand, as the source prints them."""
        refs = [m for m in self.marks if isinstance(m, NoteRef)]
        if not refs:
            return self.text
        out, last = [], 0
        for r in refs:
            out += [self.text[last:r.start], r.number]
            last = r.start
        out.append(self.text[last:])
        return "".join(out)

    def of(self, kind: type) -> list:
        return [m for m in self.marks if isinstance(m, kind)]

    def pages(self) -> list[PageBreak]:
        return [m.page for m in self.marks if isinstance(m, PageMark)]

    def leading_pages(self) -> list[PageMark]:
        """The page marks that open the text, before anything else."""
        out = []
        for m in self.marks:
            if m.start:
                break
            if m.ZERO_WIDTH:  # a span opening here opens after them
                if not isinstance(m, PageMark):
                    break
                out.append(m)
        return out

    def opens_with_page(self) -> bool:
        return bool(self.leading_pages())

    def boundaries(self) -> list[int]:
        """Offsets where a mark begins or ends: a word never runs across them. (A line end or
        a page hint is evidence about the layout, not a boundary in the text.)"""
        return sorted({p for m in self.marks if not isinstance(m, LAYOUT) for p in (m.start, m.end)})

    def marked_within(self, start: int, end: int) -> bool:
        """A mark begins or ends strictly inside [start, end)."""
        return any(start < m.start < end or start < m.end < end for m in self.marks)

    # ------------------------------------------------------------- editing

    def add(self, mark: Mark, *, first: bool = False) -> Mark:
        """Put a mark in reading order: after (or, first=True, before) the zero-width marks at its offset."""
        find = bisect.bisect_left if first else bisect.bisect_right
        self.marks.insert(find(self.marks, mark.start, key=_start), mark)
        return mark

    def replace(self, start: int, end: int, new: str, add: Iterable[Mark] = ()) -> None:
        """Replace text[start:end] with new, moving the marks with the text (see edit)."""
        self.edit([(start, end, new, list(add))])

    def edit(self, edits: list[tuple[int, int, str, list[Mark]]]) -> None:
        """Make several replacements (start, end, new text, marks to add) at once, in one pass.

        The edits are in order and do not overlap. Marks before an edit stay, marks after it
        move by the change in length. A replaced stretch stays inside the spans that held it;
        a position inside it keeps its distance from `start` as far as the new text reaches.
        Text inserted at a point (start == end) goes after the zero-width marks there and
        outside the spans that begin or end there. Added marks (at offsets of the text as it
        was, before any edit) go between the marks before their edit and those after it.
        """
        if not edits:
            return
        starts = [e[0] for e in edits]
        shift = [0]  # shift[i]: how far the edits before edit i move the text
        for start, end, new, _ in edits:
            shift.append(shift[-1] + len(new) - (end - start))

        def moved(p: int, is_end: bool) -> int:
            i = bisect.bisect_right(starts, p) - 1
            if i < 0:
                return p
            start, end, new, _ = edits[i]
            if p > end or (p == end and start < end):
                return p + shift[i + 1]
            if p == start:
                return p + shift[i] + (len(new) if start == end and not is_end else 0)
            return start + shift[i] + min(p - start, len(new))

        keyed = []
        for m in self.marks:
            key = m.start
            m.start = moved(m.start, is_end=m.ZERO_WIDTH)  # a zero-width mark stays before an insertion
            m.end = m.start if m.ZERO_WIDTH else moved(m.end, is_end=True)
            keyed.append((m.start, key, m))
        pieces, last = [], 0
        for i, (start, end, new, add) in enumerate(edits):
            pieces += [self.text[last:start], new]
            last = end
            for m in add:
                m.start += shift[i]
                m.end += shift[i]
                keyed.append((m.start, start + 0.5, m))  # after what stood at `start`, before what stood after
        pieces.append(self.text[last:])
        self.text = "".join(pieces)
        keyed.sort(key=lambda k: (k[0], k[1]))  # stable: keeps the order of the marks at each offset
        self.marks = [m for _, _, m in keyed]

    def put_in_place(self, replaced: dict[int, str]) -> None:
        """Take zero-width marks out (by id) and put text in their places, between the marks
        that stood before each and those that stood after it; in one pass."""
        edits, after, at = [], [], None
        for m in self.marks:
            if id(m) in replaced:
                if edits and edits[-1][0] == m.start:
                    start, _, text, _ = edits.pop()
                    edits.append((start, start, text + replaced[id(m)], []))
                else:
                    edits.append((m.start, m.start, replaced[id(m)], []))
                at = m.start
            elif m.ZERO_WIDTH and m.start == at:
                after.append((m, len(edits) - 1))
            else:
                at = None
        self.marks = [m for m in self.marks if id(m) not in replaced]
        self.edit(edits)
        for m, k in after:  # they stood after a replaced mark: they stand after its text
            m.start = m.end = m.start + len(edits[k][2])
        if after:
            self.marks.sort(key=_start)

    def append(self, other: "Inline", sep: str = "") -> None:
        """Add another text (and its marks) at the end, after sep."""
        shift = len(self.text) + len(sep)
        self.text += sep + other.text
        for m in other.marks:
            m.start += shift
            m.end += shift
        self.marks += other.marks

    def rstrip(self) -> None:
        """Drop whitespace at the end that no mark stands after."""
        keep = max([len(self.text.rstrip())] + [m.end for m in self.marks])
        self.text = self.text[:keep]

    def lstrip(self) -> None:
        """Drop whitespace at the start that no mark stands before."""
        cut = min([len(self.text) - len(self.text.lstrip())] + [m.start for m in self.marks])
        if cut:
            self.replace(0, cut, "")

    def cut(self, start: int, end: int) -> "Text":
        """A copy of text[start:end] with the marks inside it (those at its ends included);
        a span reaching beyond it is cut to it."""
        marks = []
        for m in self.marks:
            if start <= m.start <= end and (m.ZERO_WIDTH or m.start < end) or m.start < start < m.end:
                marks.append(dataclasses.replace(m, start=max(m.start, start) - start, end=min(m.end, end) - start))
        return Text(self.text[start:end], marks)

    def split(self, sep: str) -> list["Text"]:
        """Pieces between separators; a mark at a separator goes with the piece before it."""
        out, start = [], 0
        while True:
            i = self.text.find(sep, start)
            if i < 0:
                out.append(self.cut(start, len(self.text)))
                return out
            out.append(self.cut(start, i))
            start = i + len(sep)

    def lines(self) -> list["Text"]:
        return self.split("\n")

    def stripped(self) -> "Text":
        t = self.cut(0, len(self.text))
        t.rstrip()
        t.lstrip()
        return t

    def __bool__(self) -> bool:  # an empty cell still holds its page break
        return bool(self.text or self.marks)


@dataclass(eq=False)
class Text(Inline):
    """A piece of text on its own: a table cell, a line of a block."""

    text: str = ""
    marks: list[Mark] = field(default_factory=list)

    @classmethod
    def join(cls, pieces: Iterable["Inline"], sep: str) -> "Text":
        out = cls()
        for i, p in enumerate(pieces):
            out.append(_copy(p), sep if i else "")
        return out


def _start(m: Mark) -> int:
    return m.start


def _copy(t: Inline) -> Text:
    return t.cut(0, len(t.text))


# ------------------------------------------------------------------ blocks


@dataclass(eq=False)
class Block(Inline):
    """A paragraph-like unit of text."""

    kind: str  # para | lines | heading | table | merged
    text: str
    line: int  # first raw line
    level: int = 0  # heading level
    role: str = ""  # quote | verse | epigraph | attribution | summary | byline | contents | notes-heading
    rows: list[list[Text]] = field(default_factory=list)  # for tables
    emendations: list[Emendation] = field(default_factory=list)
    anchor: str = ""
    marks: list[Mark] = field(default_factory=list)
    number: str = ""  # a heading's printed chapter number
    listed: str = ""  # a heading's title as the book's table of contents gives it, if it does
    opens_page: bool = False  # print begins a new page here (a part's opening heading, a table of contents)
    notes_group: str = ""  # a heading in the notes: the group of notes it opens ("Chapter One")
    notes_for: str = ""  # that group's notes are published with this division (its slug)
    # Where a paragraph is cited (structure.paragraphs): the printed page it begins on,
    # whether that page's place is exact, and its number through the source (¶).
    page: str | None = None
    page_exact: bool = True
    ordinal: int = 0

    def __bool__(self) -> bool:
        return True


@dataclass
class Note:
    """A note as printed (its blocks), and how many references lead to it."""

    id: str  # stable: group and number, e.g. "ch01-3"
    number: str
    group: str
    blocks: list[Block] = field(default_factory=list)
    references: int = 0
    missing_text: bool = False  # the source prints the reference but not the note
    pages: list[str] = field(default_factory=list)  # printed pages the note stands on


@dataclass
class Division:
    """A part of a source published as one page (chapter, notes, index...)."""

    slug: str
    title: str
    kind: str  # text | notes | index | bibliography | front
    blocks: list[Block] = field(default_factory=list)
    number: str = ""  # printed chapter number, if any
    notes: list[Note] = field(default_factory=list)  # notes whose references are on this page
    unreferenced_notes: list[Note] = field(default_factory=list)  # printed notes no reference leads to


@dataclass
class Source:
    slug: str
    folder: Path
    text_path: Path
    meta: dict[str, Any]  # bibliographic metadata
    layout: dict[str, Any]  # the layout profile
    text: str = ""
    removals: list[Removal] = field(default_factory=list)
    pages: list[PageBreak] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unresolved_locators: list[Any] = field(default_factory=list)  # printed index locators with no target
    promises: Any = None  # anchors.SourcePromises: its published anchors (data/anchors-manifest.txt)
    corrections: list[Any] = field(default_factory=list)  # the editor's (corrections.yml): corrections.Entry
    patterns: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # see pattern()

    def setting(self, dotted: str, default: Any = None) -> Any:
        """Look up a layout setting such as 'pages.marker'."""
        return lookup(self.layout, dotted, default)

    def pattern(self, dotted: str, default: str | None = None):
        """The layout's regular expression at dotted ('pages.marker'; a list for boilerplate), compiled
        once and run with a time bound (build_tools/patterns.py); the default's, or None, when unset."""
        from .patterns import layout_pattern

        return layout_pattern(self, dotted, default)


@dataclass
class Edition:
    """One source after the pipeline: what the writers publish."""

    source: Source
    divisions: list[Division]
    # The citable texts as converted (anchor -> text), kept when an editor's corrections change any:
    # the anchor manifest fingerprints these (see build_tools/corrections).
    converted: dict[str, str] | None = None

    def all_blocks(self) -> Iterator[Block]:
        """Every block of text: the divisions' and their notes'."""
        for d in self.divisions:
            yield from d.blocks
            for n in d.notes + d.unreferenced_notes:
                yield from n.blocks

    @property
    def emendations(self) -> list[Emendation]:
        return [e for b in self.all_blocks() for e in b.emendations]
