"""Mentions of persons: found through the register, linked where they first occur.

A bare surname that several register persons share (the Kaganovich
brothers) is attributed only on evidence: exactly one of them is named in
full in the same paragraph, or else the same part, or the paragraph speaks of
what the register says of one of them far more than of the others
("Kaganovich took over railways"), or else one of them is named in full in
the source (the narrowest evidence that decides wins). Otherwise the mention
is recorded as unresolved and left unlinked, never guessed.

What the text says around a name counts too:
- a name in italics is a title's ("Trotsky's *Stalin*", *Khrushchev
  Remembers*), not a mention of its subject;
- a name followed by an institutional noun ("Lenin Mausoleum", "the Romanov
  family") names a place, a thing or a family, not a person;
- "Kamenev's wife": the possessive names the principal, so a namesake the
  register describes as someone's kin ("son of Lev Kamenev") is not meant;
- "the comédienne Andreeva": a role the register does not give the person
  means another person of that name;
- a given name alone ("Yakob") is anyone's who bears it: it is linked only to
  one named in full in the same paragraph or part.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..lexicon import zipf
from ..model import Edition, Emphasis, Inline, Link, PageMark
from .matcher import Matcher, form_keys
from .index_headings import headings, link_index_headings
from .occurrence import Occurrence
from .registers import Person

NAMED_AFTER = re.compile(
    r"\s+(?:Mausoleum|Institute|Prize|Square|Street|Academy|Works|Museum|Canal|Prospekt|Avenue|Library|Factory|Plant|"
    r"University|Stadium|School|Station|District|Region|Line|Enrollment|Levy|Memorial|Lecture|Affair|Group|"
    r"Collection|Fund|Foundation|Papers|Archive|Archives|Fellowship|family|dynasty|clan)\b"
)
KIN_AFTER = re.compile(r"['’]s\s+(wife|husband|widow|son|daughter|brother|sister|father|mother|nephew|niece)s?\b")
KIN_OF = re.compile(r"\b(?:wife|husband|widow|son|daughter|brother|sister|father|mother|nephew|niece) of\b", re.I)
# "the comédienne Andreeva"; an apposition too: "The president of the revolutionary committee, Andreev"
ROLE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+([a-zé]+)(?:\s+of\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?,)?\s+$")
KIN_BEFORE = re.compile(r"\b(son|daughter|wife|husband|brother|sister|widow),?\s+$")
KIN_APPOSED = re.compile(r",\s+[A-Z][\w-]+['’]s\s+(?:[a-z]+\s+)?(son|daughter|wife|husband|brother|sister|widow)\b")
# Roles a text puts before a name ("the comédienne Andreeva"): a role the register does not give the
# person is evidence of another person of that name.
ROLES = {"actress", "actor", "comédienne", "comedienne", "comedian", "singer", "dancer", "ballerina", "poet",
         "painter", "composer", "writer", "novelist", "playwright", "engineer", "doctor", "physician", "chairman",
         "professor", "ambassador", "journalist", "priest", "bishop", "colonel", "general", "admiral", "banker",
         "lawyer", "architect", "sculptor", "historian", "philosopher", "scientist", "chekist", "spy",
         "president"}
ORDER_OF = re.compile(r"\b(?:Order|Prize|City|Town) of$")  # then whitespace, then the name
SKIP_KINDS = ("index",)


def person_matcher(persons: list[Person]) -> Matcher:
    forms: dict[tuple[str, ...], set[str]] = {}
    for p in persons:
        for f in p.forms():
            forms.setdefault(form_keys(f), set()).add(p.id)
    return Matcher({k: tuple(sorted(v)) for k, v in forms.items()})


class PersonFinder:
    """The persons register's finder (enrich/specs.py)."""

    def __init__(self, persons: list[Person], registers: dict[str, list] | None = None):
        self.matcher = person_matcher(persons)
        self.about = {p.id: content_words(f"{p.description} {' '.join(p.forms())}") for p in persons}
        self.by_id = {p.id: p for p in persons}
        self.index_headings = headings(persons)

    def find(self, edition: Edition, register: str, claimed: dict[int, list[tuple[int, int]]] | None = None
             ) -> list[Occurrence]:
        found = find_mentions(edition, self.matcher, register, self.about, self.by_id, claimed)
        link_index_headings(edition, self.index_headings)  # the printed index's persons: links, not mentions
        return found


def find_mentions(edition: Edition, matcher: Matcher, register: str, about: dict[str, set[str]] | None = None,
                  people: dict[str, Person] | None = None, claimed: dict[int, list[tuple[int, int]]] | None = None
                  ) -> list[Occurrence]:
    """Record every mention; link the first mention of each person in each section.

    about: person id -> the words the register uses of that person (evidence for shared surnames);
    claimed: block -> spans another register took on its evidence ("arrived in Gorky": the city).
    """
    about, people, claimed = about or {}, people or {}, claimed or {}
    given = given_names(people.values())
    source = edition.source
    mentions: list[Occurrence] = []
    opening = pages_at_start(edition)
    locate = RawLocator(source.text)
    parts = [(d, _sections(d)) for d in edition.divisions if d.kind not in SKIP_KINDS]
    # One pass of the matcher over each block; the evidence for shared surnames is drawn from it.
    matches = {id(b): matcher.find(b.text, b.boundaries()) for _, units in parts for blocks in units for b in blocks}
    named_in = {id(b): _named_in_full(matcher, matches[id(b)]) for _, units in parts for blocks in units for b in blocks}
    in_source = set().union(*named_in.values()) if named_in else set()
    for d, units in parts:
        named = set().union(*(named_in[id(b)] for blocks in units for b in blocks))
        last_named: dict[str, str] = {}
        for blocks in units:
            linked: set[str] = set()
            for b in blocks:
                starts = [(p.start, p.page.label) for p in b.of(PageMark)]
                titles, links, taken = Spans(b.of(Emphasis)), Spans(b.of(Link)), claimed.get(id(b), ())
                found = [m for m in matches[id(b)] if not _named_after(b.text, m) and not titles.holds(m.start)
                         and not any(a <= m.start < z for a, z in taken)]
                locate.start_block(b.line)
                edits = []
                for m in found:
                    payload = matcher.payload[m.form]
                    if len(m.form) > 1 and len(payload) == 1:
                        last_named[m.form[0]] = payload[0]  # "Yakob Sverdlov": the Yakob the text speaks of now
                    candidates, weak, principal = _meant(m, b.text, payload, people, given)
                    if not candidates:
                        continue
                    if principal:
                        person = principal
                    elif weak:  # a given name alone: whoever bearing it the text has just named in full
                        person = _resolve(candidates, (named_in[id(b)], {last_named.get(m.form[0])}), about, b.text)
                        if person is None:
                            continue  # no mention of the register's
                    else:
                        person = candidates[0] if len(candidates) == 1 else _resolve(
                            candidates, (named_in[id(b)], named, in_source), about, b.text)
                    here = ([label for pos, label in starts if pos <= m.start and label] or [opening.get(id(b))])[-1]
                    mentions.append(Occurrence(register, person, source.slug, d.slug, b.anchor, m.text, here, candidates,
                                               locate(m.text)))
                    if person and person not in linked and b.kind != "heading" and not links.holds(m.start):
                        linked.add(person)
                        edits.append((m, person))
                for m, person in edits:
                    b.add(Link(m.start, m.end, person, register))
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
            labels = [p.label for p in b.pages()]
            page = next((l for l in reversed(labels) if l), page)
        for n in d.notes + d.unreferenced_notes:
            for b in n.blocks:
                opening[id(b)] = n.pages[0] if n.pages else None
    return opening


class Spans:
    """Where some spans of a text lie, looked up by position (a text has many: scanning them for each
    name made a long paragraph quadratic)."""

    def __init__(self, spans):
        self.spans = sorted((s.start, s.end) for s in spans)
        self.starts = [s for s, _ in self.spans]

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos)
        return any(start <= pos < end for start, end in self.spans[max(0, i - 4):i])  # spans of a kind do not overlap


def _named_in_full(matcher: Matcher, matches) -> set[str]:
    """Persons named by a form only they have (a full name, initials and surname)."""
    return {pid for m in matches if len(matcher.payload[m.form]) == 1 and len(m.form) > 1 for pid in matcher.payload[m.form]}


def _resolve(candidates, scopes: tuple[set[str], ...], about: dict[str, set[str]], text: str,
             context: bool = True) -> str | None:
    """Narrowest evidence first: named in full in the paragraph, in the part; what the paragraph says of
    them (if context); named in full in the source."""
    paragraph, part, *source = scopes
    for scope in (paragraph, part):
        known = [c for c in candidates if c in scope]
        if len(known) == 1:
            return known[0]
    found = _by_context(candidates, about, text) if context else None
    if found:
        return found
    for scope in source:
        known = [c for c in candidates if c in scope]
        if len(known) == 1:
            return known[0]
    return None


def _by_context(candidates, about: dict[str, set[str]], text: str) -> str | None:
    if len(candidates) < 2:
        return None
    words = content_words(text)
    scores = sorted(((len(words & about.get(c, set())), c) for c in candidates), reverse=True)
    best, second = scores[0][0], scores[1][0]
    if best >= 2 and best >= 2 * second:
        return scores[0][1]
    return None


def given_names(people) -> dict[str, set[str]]:
    """A given name (the first word of a full form) -> the register persons who bear it."""
    found: dict[str, set[str]] = {}
    for p in people:
        for form in p.forms():
            keys = form_keys(form)
            if len(keys) > 1 and not keys[0].endswith("."):
                found.setdefault(keys[0], set()).add(p.id)
    return found


def _meant(m, text: str, candidates: tuple[str, ...], people: dict[str, Person],
           given: dict[str, set[str]]) -> tuple[tuple[str, ...], bool, str | None]:
    """Who the words around a name leave possible; whether only a given name several persons bear was
    printed; and who is meant, if the words say so ("Kamenev's wife": Lev Kamenev, whose wife the register
    knows)."""
    if not people:
        return candidates, False, None
    weak = False
    if len(m.form) == 1:
        word = m.form[0]
        bearers = set(candidates) | given.get(word, set())
        if word in given and len(bearers) > 1 and not any(_surname(people[c]) == word for c in candidates if c in people):
            candidates, weak = tuple(sorted(bearers)), True
        for said in (ROLE_BEFORE.search(text, max(0, m.start - 70), m.start), KIN_BEFORE.search(text, max(0, m.start - 20), m.start),
                     KIN_APPOSED.match(text, m.end)):
            if said and (said.re is not ROLE_BEFORE or said.group(1).lower() in ROLES):
                # "the comédienne Andreeva", "a son, Vasily", "Yakob, Stalin's son": the one the register says so of
                fitting = tuple(c for c in candidates if re.search(rf"\b{said.group(1)}", people[c].description or "", re.I))
                candidates = fitting or candidates
                if weak and len(fitting) == 1:
                    return candidates, weak, fitting[0]
    kin = KIN_AFTER.match(text, m.end)
    if kin:  # "Kamenev's wife": the possessive names the principal, not someone's kin
        candidates = tuple(c for c in candidates if not KIN_OF.search(people[c].description or ""))
        of = {c for c in candidates for p in people.values() for f in people[c].forms()
              if f" {kin.group(1)} of {f}" in f" {p.description or ''}"}
        if len(of) == 1:
            return candidates, weak, of.pop()
    return candidates, weak, None


def _surname(p: Person) -> str:
    """The key of the word the register files the person under ("Ree" for "Ree, Erik van")."""
    keys = form_keys(p.sort.split(",")[0])
    return keys[-1] if keys else ""


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
