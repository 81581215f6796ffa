"""The entries of the shared registers (data/persons.yml, glossary.yml, places.yml) as plain records.

Each has an id, a label (its canonical form) and its forms (every form the finder looks for)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

INDEX_HEADING = re.compile(r"(?:p )?(?P<family>[^,(]+)(?:\s*\((?:fnu|[^)]*)\))?(?:,\s*(?P<given>[^,(]+))?")


@dataclass
class Person:
    id: str
    name: str
    sort: str = ""  # how the index orders it ("Stalin, Iosif"); the name when not given
    variants: list[str] = field(default_factory=list)
    born: object = None
    died: object = None
    description: str = ""
    index: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name

    def __post_init__(self):
        self.sort = self.sort or self.name
        self.variants = self.variants or []
        self.index = self.index or []

    def forms(self) -> set[str]:
        """Every form the finder looks for: name, variants, and the full forms of the printed index heading."""
        found = {self.name, *self.variants}
        for heading in self.index:
            m = INDEX_HEADING.match(heading)
            if m and m.group("given") and m.group("given").split():  # "Pogosiants, (Dr. O. A.)" has none
                family, given = m.group("family").strip(), m.group("given").strip()
                names = given.split()
                found |= {f"{given} {family}", f"{names[0]} {family}",
                          " ".join(n[0] + "." for n in names) + " " + family}
        return {f for f in found if f.strip()}


@dataclass
class Term:
    id: str
    term: str
    definition: str
    variants: list[str] = field(default_factory=list)
    expansion: str = ""

    @property
    def label(self) -> str:
        return self.term

    @property
    def sort(self) -> str:  # how the glossary orders it
        return self.term

    def __post_init__(self):
        self.expansion = self.expansion or ""
        self.variants = self.variants or []

    def forms(self) -> set[str]:
        return {self.term, *self.variants}


@dataclass
class Place:
    id: str
    name: str  # the present-day English name
    kind: str  # city, country, region, building...
    description: str
    variants: list[str] = field(default_factory=list)  # spellings and historical names (Leningrad, Tiflis)
    country: str | None = None  # the modern country; None for a place spread over several or a state gone
    coordinates: list[float] | None = None  # [latitude, longitude]
    index: list[str] = field(default_factory=list)  # the printed index's headings

    @property
    def label(self) -> str:
        return self.name

    @property
    def sort(self) -> str:  # how the places register orders it
        return self.name

    def __post_init__(self):
        self.variants = self.variants or []
        self.index = self.index or []

    def forms(self) -> set[str]:
        return {self.name, *self.variants}


def record(kind: type, entry: dict):
    """An entry of a register file as its record (keys the record does not know are the file's notes)."""
    return kind(**{k: entry[k] for k in kind.__dataclass_fields__ if k in entry})
