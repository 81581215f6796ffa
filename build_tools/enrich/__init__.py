"""Stage 4: enrich. Read each source through the shared registers (enrich/specs.py: persons,
glossary...): every occurrence of an entry recorded, its first in each section linked, all
gathered for the register pages.

Each source is enriched on its own (the evidence for a shared surname is
drawn from the paragraph, the part or the source, never from another
source), so sources can be enriched in parallel and cached one by one.
"""
from __future__ import annotations

import functools

from pathlib import Path

from ..model import Edition
from .occurrence import ByRegister, Occurrence, Registers  # before specs: the pages it names use them
from .specs import SPECS, RegisterSpec
from . import matcher


class Enrichment(ByRegister):
    """The registers, made ready to find their forms in any number of sources."""

    def __init__(self, entries: dict[str, list] | None = None, specs: tuple[RegisterSpec, ...] = SPECS):
        entries = entries or {}
        self.specs = specs
        self.entries = {s.name: list(entries.get(s.name, [])) for s in specs}

    @functools.cached_property
    def finders(self) -> list:
        """Made when a source is first enriched: a build whose sources all come from the cache needs
        the registers, not their finders."""
        return [(s, s.finder(self.entries[s.name], self.entries))
                for s in sorted(self.specs, key=lambda s: s.rank) if self.entries[s.name]]

    @classmethod
    def load(cls, data: Path) -> "Enrichment":
        return cls({s.name: s.load(data) for s in SPECS})

    def registers(self, occurrences: list[Occurrence] | None = None) -> Registers:
        return Registers(dict(self.entries), list(occurrences or []))

    def apply(self, edition: Edition) -> list[Occurrence]:
        """Link the edition's first occurrences in place; every occurrence found, register by register
        in the order of the specs."""
        claimed: dict[int, list[tuple[int, int]]] = {}  # block -> spans a register's finder took for its own
        found: dict[str, list[Occurrence]] = {}
        for spec, finder in self.finders:
            found[spec.name] = finder.find(edition, spec.name, claimed)
        matcher.forget()  # the registers' matchers split each block once, for this edition only
        return [o for s in self.specs for o in found.get(s.name, [])]


def enrich(editions: list[Edition], data: Path) -> Registers:
    """Enrich several editions in place: the registers with everything they mention."""
    context = Enrichment.load(data)
    reg = context.registers()
    for edition in editions:
        reg.occurrences += context.apply(edition)
    return reg
