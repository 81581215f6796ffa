"""Mentions of persons: found through the register, linked where they first occur.

A bare surname that several register persons share (the Kaganovich
brothers) is attributed only on evidence: exactly one of them is named in
full in the same paragraph, or else the same part, or else the source, or the
paragraph speaks of what the register says of one of them far more than of
the others (the narrowest scope that decides wins: paragraph, part, source) ("Kaganovich took over railways"). Otherwise the mention is
recorded as unresolved and left unlinked, never guessed. A name followed by an institutional noun
("Lenin Mausoleum", "Stalin Prize") names a place or thing, not a person.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import zipf
from ..model import LINK_CLOSE, LINK_OPEN, LINK_SEP, PAGE_RE, Edition
from .matcher import Matcher, form_keys
from .registers import Person

NAMED_AFTER = re.compile(
    r"\s+(?:Mausoleum|Institute|Prize|Square|Street|Academy|Works|Museum|Canal|Prospekt|Avenue|Library|Factory|Plant|"
    r"University|Stadium|School|Station|District|Region|Line|Enrollment|Levy|Memorial|Lecture|Affair|Group|"
    r"Collection|Fund|Foundation|Papers|Archive|Archives|Fellowship)\b"
)
ORDER_OF = re.compile(r"\b(?:Order|Prize|City|Town) of$")  # then whitespace, then the name
SKIP_KINDS = ("index",)


@dataclass(slots=True)  # a large corpus has millions
class Mention:
    person: str | None  # None: ambiguous
    candidates: tuple[str, ...]
    source: str
    division: str
    anchor: str  # the paragraph (or note paragraph) holding it
    page: str | None
    text: str
    line: int = 0  # raw line where the name is printed (for checks against hand-made data)


def person_matcher(persons: list[Person]) -> Matcher:
    forms: dict[tuple[str, ...], set[str]] = {}
    for p in persons:
        for f in p.forms():
            forms.setdefault(form_keys(f), set()).add(p.id)
    return Matcher({k: tuple(sorted(v)) for k, v in forms.items()})


def find_mentions(edition: Edition, matcher: Matcher, link_target, about: dict[str, set[str]] | None = None) -> list[Mention]:
    """Record every mention; link the first mention of each person in each section.

    about: person id -> the words the register uses of that person (evidence for shared surnames).
    """
    about = about or {}
    source = edition.source
    mentions: list[Mention] = []
    opening = pages_at_start(edition)
    locate = RawLocator(source.text)
    parts = [(d, _sections(d)) for d in edition.divisions if d.kind not in SKIP_KINDS]
    # One pass of the matcher over each block; the evidence for shared surnames is drawn from it.
    matches = {id(b): matcher.find(b.text) for _, units in parts for blocks in units for b in blocks}
    named_in = {id(b): _named_in_full(matcher, matches[id(b)]) for _, units in parts for blocks in units for b in blocks}
    in_source = set().union(*named_in.values()) if named_in else set()
    for d, units in parts:
        named = set().union(*(named_in[id(b)] for blocks in units for b in blocks))
        for blocks in units:
            linked: set[str] = set()
            for b in blocks:
                starts = [(p.start(), source.pages[int(p.group(1))].label) for p in PAGE_RE.finditer(b.text)]
                found = [m for m in matches[id(b)] if not _named_after(b.text, m)]
                locate.start_block(b.line)
                edits = []
                for m in found:
                    candidates = matcher.payload[m.form]
                    person = candidates[0] if len(candidates) == 1 else _resolve(
                        candidates, (named_in[id(b)], named, in_source), about, b.text)
                    here = ([label for pos, label in starts if pos <= m.start and label] or [opening.get(id(b))])[-1]
                    mentions.append(Mention(person, candidates, source.slug, d.slug, b.anchor, here, m.text, locate(m.text)))
                    if person and person not in linked and b.kind != "heading" and not inside_link(b.text, m.start):
                        linked.add(person)
                        edits.append((m, person))
                for m, person in reversed(edits):
                    b.text = b.text[: m.start] + f"{LINK_OPEN}{link_target(person)}{LINK_SEP}{m.text}{LINK_CLOSE}" + b.text[m.end:]
    return mentions


class RawLocator:
    """Where in the raw text a name found in a block is printed: the next occurrence of its
    first word after the block's first line (repairs never move a name far)."""

    def __init__(self, raw: str):
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.cursor = 0
        self.block_line = 1

    def start_block(self, line: int) -> None:
        self.block_line = line
        self.cursor = self.line_starts[min(line, len(self.line_starts)) - 1]

    def __call__(self, text: str) -> int:
        word = text.split()[0] if text.split() else text  # a name broken over two lines counts at its first
        pos = self.raw.find(word, self.cursor, self.cursor + 50_000)
        if pos < 0:
            return self.block_line
        self.cursor = pos + len(word)
        return bisect.bisect_right(self.line_starts, pos)


def pages_at_start(edition: Edition) -> dict[int, str | None]:
    """The printed page each block begins on (a note: the page it is printed on)."""
    source = edition.source
    opening: dict[int, str | None] = {}
    page: str | None = None
    for d in edition.divisions:
        for b in d.blocks:
            opening[id(b)] = page
            labels = [source.pages[int(i)].label for i in PAGE_RE.findall(b.text)]
            page = next((l for l in reversed(labels) if l), page)
        for n in d.notes + d.unreferenced_notes:
            for b in n.blocks:
                opening[id(b)] = n.pages[0] if n.pages else None
    return opening


def inside_link(text: str, pos: int) -> bool:
    return text.rfind(LINK_OPEN, 0, pos) > text.rfind(LINK_CLOSE, 0, pos)


def _named_in_full(matcher: Matcher, matches) -> set[str]:
    """Persons named by a form only they have (a full name, initials and surname)."""
    return {pid for m in matches if len(matcher.payload[m.form]) == 1 and len(m.form) > 1 for pid in matcher.payload[m.form]}


def _resolve(candidates, scopes: tuple[set[str], ...], about: dict[str, set[str]], text: str) -> str | None:
    """Narrowest evidence first: named in full in the paragraph, the part, the source; then the context."""
    for scope in scopes:
        known = [c for c in candidates if c in scope]
        if len(known) == 1:
            return known[0]
    words = content_words(text)
    scores = sorted(((len(words & about.get(c, set())), c) for c in candidates), reverse=True)
    best, second = scores[0][0], scores[1][0]
    if best >= 2 and best >= 2 * second:
        return scores[0][1]
    return None


@lru_cache(maxsize=8)  # a paragraph's words, once for all its shared surnames (per mention was quadratic)
def content_words(text: str) -> set[str]:
    """Words that say something about a person: not names' particles, not the commonest words."""
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if zipf(w) < 5.5}


def _named_after(text: str, m) -> bool:
    if NAMED_AFTER.match(text, m.end):
        return True
    # Only the words just before the name: searching all the text before it made this quadratic.
    end = m.start
    while end and text[end - 1].isspace():
        end -= 1
    return end < m.start and bool(ORDER_OF.search(text, max(0, end - 16), end))


def _sections(d) -> list[list]:
    """Runs of blocks between headings; each note is a section of its own."""
    units: list[list] = [[]]
    for b in d.blocks:
        if b.kind == "heading":
            units.append([b])
        else:
            units[-1].append(b)
    units += [n.blocks for n in d.notes + d.unreferenced_notes]
    return [u for u in units if u]
