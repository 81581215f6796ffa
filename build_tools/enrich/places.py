"""Mentions of places: found through the place register, linked where they first occur in a section.

A place's form found in the text is a mention of the place unless the words
around it say otherwise:
- it is part of a person's name the person register knows ("Sofia
  Smidovich", "Maxim Gorky");
- it opens an organisation's or a paper's name ("the Petrograd Soviet", "the
  Moscow Party committee", "Moscow News") or follows one ("University of
  London");
- it is a publisher's town in a reference ("Moscow: Progress, 1975",
  "(Moscow, 1975)", "London and New York: Routledge");
- it is in italics (a title's: *The Road to Moscow*);
- a form a person bears too ("Gorky": the writer, and the city so named
  from 1932) is a place only where the text puts it as a place ("arrived in
  Gorky"); elsewhere it is the person's, and the person finder has it.
A place the text puts as a place claims its words: the person finder, run
after, does not take them.

The printed index, the bibliography, a table of contents and a library's
cataloguing record are not read: their place names are references or
titles, not mentions.
"""
from __future__ import annotations

import re

from ..model import Edition, Emphasis, Link, PageMark
from .matcher import Matcher, form_keys
from .occurrence import Occurrence
from .persons import RawLocator, Spans, _sections, pages_at_start
from .registers import Place

SKIP_KINDS = ("index", "bibliography")
SKIP_ROLES = ("contents",)  # a table of contents lists titles: the parts' own pages have their mentions
# Words after a place's name that make it part of an organisation's, a unit's or a paper's name.
ORGANISATION_AFTER = re.compile(
    r"(?:\s+[A-Z][\w-]+){0,2}\s+(?:Soviet|Committee|Party|Regiment|Division|Army|Corps|Opposition|Bureau|Organi[sz]ation|Trust|"
    r"Centre|Center|Group|University|Institute|Academy|Club|Society|Bank|Company|Times|News|Herald|Gazette|"
    r"Tribune|Post|Press|Radio|Pact)\b")
ORGANISATION_BEFORE = re.compile(
    r"\b(?:University|Bank|Academy|Institute|College|Archbishop|Bishop|Duke|Party) of(?: the)?\s+$")
YEAR = r"(?:1[5-9]|20)\d\d"
# A publisher's town: other towns may follow ("London and New York", "New Haven, CT"), then the
# publisher after a colon and the year ("Moscow: Progress, 1975").
CO_PLACES = r"(?:\s*(?:,|and|&)\s*[A-Z][\w’'-]*\.?(?:\s+[A-Z][\w’'-]*\.?)*)*"
IMPRINT_AFTER = re.compile(CO_PLACES + rf"\s*:\s*[^;:()\n]{{1,80}}?,\s*{YEAR}\b")
# In brackets less will do: "(Moscow, 1975)", "(Vospominania, Moscow, 1946)", "(Moscow: ROSSPEN)".
BRACKETED_IMPRINT_AFTER = re.compile(CO_PLACES + rf"(?:\s*:|,\s*{YEAR}\b|,\s*[A-Z][^,()\n]{{0,50}},\s*{YEAR}\b)")
# In a note, a place's name, a colon and a capital open a reference, not a sentence ("Lubianka: Stalin,
# 578-79", a book's short title; "Moscow: Materik").
NOTE_REFERENCE_AFTER = re.compile(r":\s+[A-Z]")
# A library's cataloguing record on the imprint page: subject headings ("Soviet Union—Biography").
CATALOGUE_RECORD = re.compile(r"Catalogu?ing[- ]in[- ]Publication", re.I)
IMPRINT_BEFORE = re.compile(r"\b(?:Printed|Published|Made|Manufactured) in (?:the )?$")  # the book's own imprint
# What puts a name a person bears too as a place: a preposition of place, a verb of going and its
# preposition, "the city of" ("to Gorky", "at Gorky" are as often the writer's).
AS_PLACE_BEFORE = re.compile(r"(?:\b(?:in|near|outside|via)|\b(?:arrived|moved|went|sent|exiled|deported|returned|"
                             r"travell?ed|came|fled|evacuated|journeyed)\s+(?:to|from|in|into)|"
                             r"\b(?:city|town|region|province) of)\s+$")
POSSESSIVE_AFTER = re.compile(r"['’]s\b")


def place_matcher(places: list[Place]) -> Matcher:
    # A form with a number ("House No. 5") would be found without it (words are letters): in any "House No.".
    # A name may have words in lower case inside it ("First House of Soviets", "Rostov on Don").
    return Matcher({form_keys(f): p.id for p in places for f in p.forms() if not any(c.isdigit() for c in f)},
                   case="first")


class PlaceFinder:
    """The place register's finder (enrich/specs.py). registers: every register's entries, for the
    persons' names a place's name may stand in."""

    def __init__(self, places: list[Place], registers: dict[str, list] | None = None):
        self.matcher = place_matcher(places)
        persons = (registers or {}).get("persons", [])
        forms = {form_keys(f) for p in persons for f in p.forms()}
        place_forms = set(self.matcher.payload)
        # Persons' names with a place's name inside ("Sofia Smidovich"): found to be set aside.
        # (each run of a name's words looked up, not each place's name tried at each word: registers grow)
        inside = {f for f in forms if len(f) > 1 and f not in place_forms and any(
            f[i:j] in place_forms for i in range(len(f)) for j in range(i, len(f) + 1))}
        self.names = Matcher({f: True for f in inside}) if inside else None
        self.shared = place_forms & forms  # a person's too: a place only where the text puts it so

    def find(self, edition: Edition, register: str, claimed: dict[int, list[tuple[int, int]]] | None = None
             ) -> list[Occurrence]:
        return find_places(edition, self, register, claimed if claimed is not None else {})


def find_places(edition: Edition, finder: PlaceFinder, register: str, claimed: dict[int, list[tuple[int, int]]]
                ) -> list[Occurrence]:
    """Record every mention; link the first mention of each place in each section; claim their words."""
    source = edition.source
    found: list[Occurrence] = []
    opening = pages_at_start(edition)
    locate = RawLocator(source.text)
    for d in edition.divisions:
        if d.kind in SKIP_KINDS:
            continue
        notes = {id(b) for n in d.notes + d.unreferenced_notes for b in n.blocks}
        for blocks in _sections(d):
            linked: set[str] = set()
            for b in blocks:
                if b.role in SKIP_ROLES or CATALOGUE_RECORD.search(b.text):
                    continue
                in_note = id(b) in notes
                locate.start_block(b.line)
                starts = [(p.start, p.page.label) for p in b.of(PageMark)]
                titles, links = Spans(b.of(Emphasis)), Spans(b.of(Link))
                names = [(n.start, n.end) for n in finder.names.find(b.text, b.boundaries())] if finder.names else []
                edits = []
                for m in finder.matcher.find(b.text, b.boundaries()):
                    if titles.holds(m.start) or any(a <= m.start < z for a, z in names) \
                            or not _as_place(b.text, m, finder, in_note):
                        continue
                    place = finder.matcher.payload[m.form]
                    here = ([label for pos, label in starts if pos <= m.start and label] or [opening.get(id(b))])[-1]
                    found.append(Occurrence(register, place, source.slug, d.slug, b.anchor, m.text, here, (place,),
                                            locate(m.text)))
                    claimed.setdefault(id(b), []).append((m.start, m.end))
                    if place not in linked and b.kind != "heading":
                        if links.holds(m.start):
                            linked.add(place)  # inside another register's link it is that link's: not linked again here
                        elif not _cuts_emendation(b, m.start, m.end):
                            linked.add(place)
                            edits.append((m, place))
                for m, place in edits:
                    b.add(Link(m.start, m.end, place, register))
    return found


def _as_place(text: str, m, finder: PlaceFinder, in_note: bool = False) -> bool:
    """Whether the words around a place's form leave it a mention of the place."""
    if ORGANISATION_AFTER.match(text, m.end) or ORGANISATION_BEFORE.search(text, max(0, m.start - 20), m.start):
        return False
    if IMPRINT_BEFORE.search(text, max(0, m.start - 24), m.start):
        return False
    if IMPRINT_AFTER.match(text, m.end) or _in_brackets(text, m.start) and BRACKETED_IMPRINT_AFTER.match(text, m.end):
        return False
    if in_note and NOTE_REFERENCE_AFTER.match(text, m.end):
        return False
    if m.form in finder.shared:
        return bool(AS_PLACE_BEFORE.search(text, max(0, m.start - 30), m.start)) and not POSSESSIVE_AFTER.match(text, m.end)
    return True


def _cuts_emendation(b, start: int, end: int) -> bool:
    """Whether a link over start-end would cut a repaired reading in two ("Tverskaya Road" of "Road—commonly",
    a lost dash put back): the apparatus marks the reading whole, so such a mention is left unlinked."""
    for e in b.emendations:
        at = b.text.find(e.reading) if e.reading else -1
        while at >= 0:
            stop = at + len(e.reading)
            if at < start < stop or at < end < stop:
                return True
            at = b.text.find(e.reading, at + 1)
    return False


def _in_brackets(text: str, at: int) -> bool:
    """Whether a bracket opened shortly before this position is still open there."""
    before = text[max(0, at - 120):at]
    return before.rfind("(") > before.rfind(")")
