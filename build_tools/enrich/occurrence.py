"""What enrichment finds: an occurrence of a register's entry in a source, and the registers with
everything found in them. Every register (persons, glossary, places...) records the same kind of
occurrence, under its own name."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)  # a large corpus has millions
class Occurrence:
    register: str  # the register's name (enrich/specs.py): "persons", "glossary", "places"
    entry: str | None  # the entry's id; None: the text does not say which of the candidates it means
    source: str
    division: str
    anchor: str  # the paragraph (or note paragraph) holding it
    text: str  # as printed
    page: str | None = None  # the printed page it is on, where the register cites pages
    candidates: tuple[str, ...] = ()  # whom or what it may mean
    line: int = 0  # raw line where it is printed (for checks against hand-made data)

    # The register pages' own words for the entry.
    @property
    def person(self) -> str | None:
        return self.entry

    @property
    def term(self) -> str | None:
        return self.entry


class ByRegister:
    """The entries of each register by its own name, for whatever holds them in `entries`."""

    entries: dict[str, list]

    @property
    def persons(self) -> list:
        return self.entries.get("persons", [])

    @property
    def terms(self) -> list:
        return self.entries.get("glossary", [])

    @property
    def places(self) -> list:
        return self.entries.get("places", [])


@dataclass
class Registers(ByRegister):
    """Every register's entries (by register name) and every occurrence found in the sources."""

    entries: dict[str, list] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)

    def of(self, register: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.register == register]

    @property
    def mentions(self) -> list[Occurrence]:
        return self.of("persons")

    @property
    def uses(self) -> list[Occurrence]:
        return self.of("glossary")
