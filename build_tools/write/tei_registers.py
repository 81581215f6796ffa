"""The shared registers in TEI: what a mention becomes, and each register's entries.

One table, REGISTERS: a register (the name a Link carries) says which element
a mention of one of its entries becomes, the prefix of its entries' xml:ids
(so that an entry never meets a paragraph's anchor or another register's
entry), the list that holds its entries and how one entry is written. A new
register (places) is one more entry in the table.

Every source document lists the entries it mentions (in its back matter),
each pointing to the same entry in the register's own file
(site/data/tei/persons.xml, glossary.xml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .xmltree import Element, el

W3C_DATE = re.compile(r"-?\d{4}(?:-\d\d(?:-\d\d)?)?")


@dataclass(frozen=True)
class TeiRegister:
    name: str  # the register as a Link names it ("persons")
    mention: str  # the element a mention becomes ("persName")
    prefix: str  # of its entries' xml:ids ("person" -> "person.stalin-joseph")
    file: str  # its own document under data/tei/
    title: str
    holder: Callable[[], Element]  # the list its entries go in
    entry: Callable[[Any, str], Element]  # an entry, given its xml:id

    def xml_id(self, entry_id: str) -> str:
        return f"{self.prefix}.{entry_id}"


def _person(p, xml_id: str) -> Element:
    out = el("person", {"xml:id": xml_id})
    out.sub("persName", {}, p.name)
    for variant in _variants(p.name, p.variants):
        out.sub("persName", {"type": "variant"}, variant)
    for element, value in (("birth", p.born), ("death", p.died)):
        if value is not None and str(value).strip():
            out.add(_date(element, str(value).strip()))
    if p.description:
        out.sub("note", {}, p.description)
    return out


def _date(element: str, value: str) -> Element:
    """A year (or full date) as @when; anything else ("c. 1890") as the element's words."""
    if W3C_DATE.fullmatch(value):
        return el(element, {"when": value})
    return el(element, {}, value)


def _term(t, xml_id: str) -> Element:
    out = el("item", {"xml:id": xml_id})
    out.sub("term", {}, t.term)
    for variant in _variants(t.term, t.variants):
        out.sub("term", {"type": "variant"}, variant)
    if t.expansion:
        out.sub("gloss", {"type": "expansion"}, t.expansion)
    out.sub("gloss", {}, t.definition)
    return out


def _place(p, xml_id: str) -> Element:
    out = el("place", {"xml:id": xml_id, "type": p.kind})
    out.sub("placeName", {}, p.name)
    for variant in _variants(p.name, p.variants):
        out.sub("placeName", {"type": "variant"}, variant)
    if p.country:
        out.sub("country", {}, p.country)
    if p.coordinates:
        location = out.sub("location", {})
        location.sub("geo", {}, f"{p.coordinates[0]} {p.coordinates[1]}")  # TEI's default: latitude longitude
    out.sub("note", {}, p.description)
    return out


def _variants(name: str, variants: list[str]) -> list[str]:
    seen = {name}
    out = []
    for v in variants or []:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


PERSONS = TeiRegister("persons", "persName", "person", "persons.xml", "Persons",
                      lambda: el("listPerson"), _person)
GLOSSARY = TeiRegister("glossary", "term", "term", "glossary.xml", "Glossary",
                       lambda: el("list", {"type": "glossary"}), _term)
PLACES = TeiRegister("places", "placeName", "place", "places.xml", "Places",
                     lambda: el("listPlace"), _place)
REGISTERS: dict[str, TeiRegister] = {r.name: r for r in (PERSONS, GLOSSARY, PLACES)}


def register_of(name: str) -> TeiRegister:
    """A register the table lacks is still written, generically: <rs type="...">, entries as items."""
    return REGISTERS.get(name) or TeiRegister(
        name, "rs", re.sub(r"[^A-Za-z0-9_-]", "-", name) or "entry", f"{name}.xml", name,
        lambda: el("list", {"type": name}), lambda entry, xml_id: el("item", {"xml:id": xml_id}, str(entry)))


def entry_list(register: TeiRegister, entries: list[Any], *, pointing_to_file: bool) -> Element:
    """A register's entries as its list; in a source document each points to its entry in the
    register's own file (@corresp)."""
    holder = register.holder()
    for entry in entries:
        xml_id = register.xml_id(entry.id)
        element = register.entry(entry, xml_id)
        if pointing_to_file:
            element.attrs["corresp"] = f"{register.file}#{xml_id}"
        holder.add(element)
    return holder
