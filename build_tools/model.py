"""The plain data model shared by every stage.

Text inside a block carries a few private-use sentinels so that inline
rules can move text around without losing what is not text:

    PAGE_OPEN <index> PAGE_CLOSE   a printed page break (index into Source.pages)
    REF_OPEN <n>[|<note id>] REF_CLOSE   a note reference as printed, and the note it leads to
    EM_OPEN ... EM_CLOSE           emphasis converted from source markup
    PAGE_HINT                      layout evidence that a page may begin here
    LINK_OPEN <anchor> LINK_SEP <text> LINK_CLOSE   text that links to an anchor of the edition
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_OPEN, PAGE_CLOSE = "\ue000", "\ue001"
REF_OPEN, REF_CLOSE = "\ue002", "\ue003"
EM_OPEN, EM_CLOSE = "\ue004", "\ue005"
PAGE_HINT = "\ue006"  # a place where a page may begin (layout evidence), unused hints vanish
LINK_OPEN, LINK_SEP, LINK_CLOSE = "\ue007", "\ue008", "\ue009"
SENTINELS = PAGE_OPEN + PAGE_CLOSE + REF_OPEN + REF_CLOSE + EM_OPEN + EM_CLOSE + PAGE_HINT + LINK_OPEN + LINK_SEP + LINK_CLOSE

PAGE_RE = re.compile(f"{PAGE_OPEN}(\\d+){PAGE_CLOSE}")
REF_RE = re.compile(f"{REF_OPEN}([^{REF_CLOSE}|]*)(?:\\|([^{REF_CLOSE}]*))?{REF_CLOSE}")
LINK_RE = re.compile(f"{LINK_OPEN}([^{LINK_SEP}]*){LINK_SEP}([^{LINK_CLOSE}]*){LINK_CLOSE}")
SENTINEL_RE = re.compile(f"[{SENTINELS}]")
PAGE_MARK_RE = re.compile(f"{PAGE_RE.pattern}|{PAGE_HINT}")  # a page break, or a hint of one


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

@dataclass
class Emendation:
    """One automatic repair (or a flag for review): the edition's apparatus."""

    kind: str  # e.g. "line-end hyphen", "ligature", "lost dash"
    original: str  # the reading of the raw text
    reading: str  # the reading of the edition (== original when only flagged)
    line: int  # raw line number where the original reading begins
    status: str = "applied"  # "applied" | "review"
    note: str = ""
    anchor: str = ""  # paragraph anchor, filled in by structure.anchors
    page: str | None = None  # printed page label, filled in by structure.anchors


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


@dataclass
class Block:
    """A paragraph-like unit of text."""

    kind: str  # para | lines | heading | table | blank-page
    text: str
    line: int  # first raw line
    level: int = 0  # heading level
    role: str = ""  # quote | verse | epigraph | attribution | summary | chapter-number ...
    rows: list[list[str]] = field(default_factory=list)  # for tables
    emendations: list[Emendation] = field(default_factory=list)
    anchor: str = ""


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

    def all_blocks(self):
        """Every block of text: the divisions' and their notes'."""
        for d in self.divisions:
            yield from d.blocks
            for n in d.notes + d.unreferenced_notes:
                yield from n.blocks

    @property
    def emendations(self) -> list[Emendation]:
        return [e for b in self.all_blocks() for e in b.emendations]


def strip_sentinels(text: str) -> str:
    """Reading text: page breaks vanish, references and emphasis keep their words."""
    text = PAGE_RE.sub("", text)
    text = REF_RE.sub(lambda m: m.group(1), text)
    text = LINK_RE.sub(lambda m: m.group(2), text)
    return SENTINEL_RE.sub("", text)
