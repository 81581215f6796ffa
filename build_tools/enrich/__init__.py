"""Stage 4: enrich. Read each source through the shared registers: mentions
of persons and uses of glossary terms, linked in the text and gathered for
the index pages.

Each source is enriched on its own (the evidence for a shared surname is
drawn from the paragraph, the part or the source, never from another
source), so sources can be enriched in parallel and cached one by one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Edition
from .index_headings import headings, link_index_headings
from .persons import Mention, content_words, find_mentions, person_matcher
from .registers import Person, Term, load_glossary, load_persons
from .terms import Use, find_uses, term_matcher


@dataclass
class Registers:
    persons: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    uses: list[Use] = field(default_factory=list)


class Enrichment:
    """The registers, made ready to find their forms in any number of sources."""

    def __init__(self, persons: list[Person], terms: list[Term]):
        self.persons, self.terms = persons, terms
        self.people = person_matcher(persons) if persons else None
        self.about = {p.id: content_words(f"{p.description} {' '.join(p.forms())}") for p in persons}
        self.by_id = {p.id: p for p in persons}
        self.words = term_matcher(terms) if terms else None
        self.index_headings = headings(persons)

    @classmethod
    def load(cls, data: Path) -> "Enrichment":
        return cls(load_persons(data / "persons.yml"), load_glossary(data / "glossary.yml"))

    def apply(self, edition: Edition) -> tuple[list[Mention], list[Use]]:
        """Link the edition's first mentions in place; every mention and use found."""
        # Terms first: a person's name inside a term's link would otherwise split it.
        uses = find_uses(edition, self.words, "glossary") if self.words else []
        mentions = find_mentions(edition, self.people, "persons", self.about, self.by_id) if self.people else []
        link_index_headings(edition, self.index_headings)  # the printed index's persons: links, not mentions
        return mentions, uses


def enrich(editions: list[Edition], data: Path) -> Registers:
    """Enrich several editions in place: the registers with everything they mention."""
    context = Enrichment.load(data)
    reg = Registers(context.persons, context.terms)
    for edition in editions:
        mentions, uses = context.apply(edition)
        reg.mentions += mentions
        reg.uses += uses
    return reg
