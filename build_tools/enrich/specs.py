"""The registers the edition keeps, each one spec.

A spec says where the register's entries are (its file under data/), what an
entry must hold (read.py checks it), what record it becomes, how its forms
are found in the text (the finder: first use per section linked, every use
recorded), how its links look, and what it publishes: its page (Markdown),
its export (data/<name>.json, described by data/schema/<name>.schema.json)
and its line in a part's footer ("Persons on this page").

Adding a register (organisations, say) is its data file and the schema of its
export (data/organisations.yml, data/schema/organisations.schema.json), its
record (enrich/registers.py) and a spec here; its finder and its page are
those of a register like it or a module of their own (enrich/, write/), and
its link style a rule in edition.css (on its pages' address, "places/"). Reading, checking, enrichment, the
contribution, the cache key, the check's register view, the candidates
list, search variants, the navigation and the register pages' writing take
it from SPECS.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import EditionError
from ..read import RegisterFields, read_register
from ..write import places as place_pages
from ..write import registers as pages
from .persons import PersonFinder
from .places import PlaceFinder
from .registers import Person, Place, Term, record
from .terms import TermFinder


@dataclass(frozen=True)
class RegisterSpec:
    name: str  # its links' register, its page (<name>.md), its export (data/<name>.json)
    file: str  # under data/
    title: str  # of its page and its place in the navigation
    record: type  # what an entry becomes (enrich/registers.py)
    fields: RegisterFields  # what an entry must hold
    finder: Callable  # (entries, every register's entries) -> an object with find(edition, name, claimed)
    page: Callable  # (Registers, titles, where, places) -> its pages' Register (write/register_layout.py)
    export: Callable  # (Registers, where) -> records
    rank: int  # enrichment order: lower first (terms before names: a name inside a term's link would split it)
    footer: Callable | None = None  # (Registers) -> {(source, part): its line in that part's footer}

    def load(self, data: Path) -> list:
        """The register's entries, checked (errors name the file and line); none if the file is absent."""
        path = data / self.file
        return [record(self.record, e) for e in read_register(path, self.fields)] if path.is_file() else []


PERSONS = RegisterSpec(
    "persons", "persons.yml", "Persons", Person,
    RegisterFields(("id", "name"), texts=("sort", "description"), years=("born", "died")),
    PersonFinder, pages.persons_register, pages.persons_export, rank=2)
GLOSSARY = RegisterSpec(
    "glossary", "glossary.yml", "Glossary", Term,
    RegisterFields(("id", "term", "definition"), texts=("expansion",)),
    TermFinder, pages.glossary_register, pages.glossary_export, rank=0)
PLACES = RegisterSpec(
    "places", "places.yml", "Places", Place,
    RegisterFields(("id", "name", "kind", "description"), texts=("country",), coordinates=("coordinates",),
                   choices=(("kind", ("city", "town", "village", "district", "country", "region", "river", "sea",
                                      "lake", "island", "mountain", "building", "institution-site", "camp", "street",
                                      "square", "park")),)),
    # Before persons: a place the text puts as a place ("arrived in Gorky") claims its words from them.
    PlaceFinder, place_pages.places_register, place_pages.places_export, rank=1,
    footer=place_pages.places_footers)
# In the order the site lists them.
SPECS: tuple[RegisterSpec, ...] = (PERSONS, GLOSSARY, PLACES)


def read_entries(path: Path, kind: str | None = None) -> list[dict]:
    """The checked entries of a register file; its register is the file's name unless given."""
    path = Path(path)
    kind = kind or path.stem
    spec = next((s for s in SPECS if s.name == kind), None)
    if spec is None:
        raise EditionError(f"{path}: unknown register {kind!r} (expected one of {', '.join(s.name for s in SPECS)})")
    return read_register(path, spec.fields)
