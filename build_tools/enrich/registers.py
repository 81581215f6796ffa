"""The shared registers (data/persons.yml, data/glossary.yml) as plain records."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..read import read_register

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

    def __post_init__(self):
        self.variants = self.variants or []

    def forms(self) -> set[str]:
        return {self.term, *self.variants}


def load_persons(path: Path) -> list[Person]:
    return [Person(**{k: e.get(k) for k in Person.__dataclass_fields__ if k in e}) for e in _load(path)]


def load_glossary(path: Path) -> list[Term]:
    return [Term(**{k: e.get(k) or "" if k == "expansion" else e.get(k) for k in Term.__dataclass_fields__ if k in e})
            for e in _load(path)]


def _load(path: Path) -> list[dict]:
    """A register's entries, checked (errors name the file and line); none if the file is absent."""
    return read_register(path) if path.is_file() else []
