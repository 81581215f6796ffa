"""The places page, places.json, and the 'Places on this page' line of a part's footer."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterator

from .escape import escape
from .register_layout import Entry, Register, entry_page
from .registers import _grouped

if TYPE_CHECKING:  # the specs (enrich/specs.py) name these pages: no import at run time
    from ..enrich import Registers

REGISTER = "places"


def _by_place(reg: Registers) -> dict[str, list]:
    found = defaultdict(list)
    for o in reg.of(REGISTER):
        if o.entry:
            found[o.entry].append(o)
    return found


def coordinates(place) -> str:
    """'55.75° N, 37.62° E'; '' without coordinates."""
    if not place.coordinates:
        return ""
    lat, lon = place.coordinates
    return f"{abs(lat):g}° {'N' if lat >= 0 else 'S'}, {abs(lon):g}° {'E' if lon >= 0 else 'W'}"


def places_register(reg: Registers, titles: dict[str, str], where, places) -> Register:
    """Every place of the register, by its present-day name, with every mention by source and page
    (laid out as every register is: write/register_layout.py)."""
    by_place = _by_place(reg)
    entries = []
    for p in reg.places:
        what = ", ".join(x for x in (p.kind, p.country) if x)
        variants = sorted(set(p.variants) - {p.name})
        also = f" Also: {escape(', '.join(variants))}." if variants else ""
        at = f" ({escape(coordinates(p))})" if p.coordinates else ""
        entries.append(Entry(p.id, p.sort, p.name, f"{escape(p.name)} ({escape(what)})",
                             f"{escape(p.description)}{also}{at}", _grouped(by_place[p.id], titles, where, places),
                             "place"))
    intro = ("The places the sources mention, under their present-day English name, with every mention by source "
             "and page. Historical names and other spellings found in the sources are listed with each entry; a "
             "publisher's town in a reference is not a mention.")
    return Register(REGISTER, "Places", intro, entries)


def places_export(reg: Registers, where) -> Iterator[dict]:
    """The records of places.json (data/schema/places.schema.json), one place at a time."""
    by_place = _by_place(reg)
    for p in reg.places:
        mentions = [{"source": o.source, "url": f"{o.source}/{where[o.source][o.anchor]}.html#{o.anchor}", "page": o.page}
                    for o in by_place[p.id] if o.anchor in where[o.source]]
        yield {"id": p.id, "name": p.name, "variants": sorted(set(p.variants)), "kind": p.kind, "country": p.country,
               "description": p.description, "coordinates": p.coordinates, "mentions": mentions}


def places_footers(reg: Registers) -> dict[tuple[str, str], str]:
    """(source, part) -> 'Places on this page', each linked to its entry."""
    here: dict[tuple[str, str], set[str]] = defaultdict(set)
    for o in reg.of(REGISTER):
        if o.entry:
            here[(o.source, o.division)].add(o.entry)
    named = {p.id: p for p in reg.places}
    return {key: "**Places on this page:** " + ", ".join(
        f"[{escape(named[i].name)}](../{entry_page(REGISTER, named[i].sort)}#{i})"
        for i in sorted(ids, key=lambda i: named[i].name.casefold()))
        for key, ids in here.items()}
