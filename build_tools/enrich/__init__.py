"""Stage 4: enrich. Read the sources together through the shared registers:
mentions of persons and uses of glossary terms, linked in the text and
gathered for the index pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Edition
from .persons import Mention, content_words, find_mentions, person_matcher
from .registers import Person, Term, load_glossary, load_persons
from .terms import Use, find_uses, term_matcher


@dataclass
class Registers:
    persons: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    uses: list[Use] = field(default_factory=list)


def enrich(editions: list[Edition], data: Path) -> Registers:
    reg = Registers(load_persons(data / "persons.yml"), load_glossary(data / "glossary.yml"))
    people = person_matcher(reg.persons) if reg.persons else None
    about = {p.id: content_words(f"{p.description} {' '.join(p.forms())}") for p in reg.persons}
    words = term_matcher(reg.terms) if reg.terms else None
    for edition in editions:
        # Terms first: a person's name inside a term's link would otherwise split it.
        if words:
            reg.uses += find_uses(edition, words, lambda t: f"/glossary.md#{t}")
        if people:
            reg.mentions += find_mentions(edition, people, lambda p: f"/persons.md#{p}", about)
    return reg
