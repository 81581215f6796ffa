"""Uses of glossary terms: recorded everywhere, linked at the first use in each section."""
from __future__ import annotations

from ..model import Edition, Link
from .matcher import Matcher, form_keys
from .occurrence import Occurrence
from .persons import Spans, _sections
from .registers import Term


class TermFinder:
    """The glossary's finder (enrich/specs.py)."""

    def __init__(self, terms: list[Term], registers: dict[str, list] | None = None):
        self.matcher = term_matcher(terms)

    def find(self, edition: Edition, register: str, claimed=None) -> list[Occurrence]:
        return find_uses(edition, self.matcher, register)


def term_matcher(terms: list[Term]) -> Matcher:
    forms = {}
    for t in terms:
        for f in t.forms():
            forms.setdefault(form_keys(f), t.id)
    return Matcher(forms, plural=True, case="any")


def find_uses(edition: Edition, matcher: Matcher, register: str) -> list[Occurrence]:
    uses: list[Occurrence] = []
    for d in edition.divisions:
        if d.kind == "index":
            continue
        for blocks in _sections(d):
            linked: set[str] = set()
            for b in blocks:
                edits, links = [], Spans(b.of(Link))
                for m in matcher.find(b.text, b.boundaries()):
                    term = matcher.payload[m.form]
                    uses.append(Occurrence(register, term, edition.source.slug, d.slug, b.anchor, m.text))
                    if term not in linked and b.kind != "heading" and not links.holds(m.start):
                        linked.add(term)
                        edits.append((m, term))
                for m, term in edits:
                    b.add(Link(m.start, m.end, term, register))
    return uses
