"""Uses of glossary terms: recorded everywhere, linked at the first use in each section."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Edition, Link
from .matcher import Matcher, form_keys
from .persons import Spans, _sections
from .registers import Term


@dataclass(slots=True)  # a large corpus has millions
class Use:
    term: str
    source: str
    division: str
    anchor: str
    text: str


def term_matcher(terms: list[Term]) -> Matcher:
    forms = {}
    for t in terms:
        for f in t.forms():
            forms.setdefault(form_keys(f), t.id)
    return Matcher(forms, plural=True, case="any")


def find_uses(edition: Edition, matcher: Matcher, register: str) -> list[Use]:
    uses: list[Use] = []
    for d in edition.divisions:
        if d.kind == "index":
            continue
        for blocks in _sections(d):
            linked: set[str] = set()
            for b in blocks:
                edits, links = [], Spans(b.of(Link))
                for m in matcher.find(b.text, b.boundaries()):
                    term = matcher.payload[m.form]
                    uses.append(Use(term, edition.source.slug, d.slug, b.anchor, m.text))
                    if term not in linked and b.kind != "heading" and not links.holds(m.start):
                        linked.add(term)
                        edits.append((m, term))
                for m, term in edits:
                    b.add(Link(m.start, m.end, term, register))
    return uses
