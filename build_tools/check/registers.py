"""What the register pages (persons, glossary) print for this source.

- a place printed as a page the book does not have ("Bolsheviks: pp. …, 473"
  in a 285-page book: a paragraph's number shown among page numbers);
- an entry's pages out of the book's order ("Agabekov: pp. ix, 238, 188"):
  roman front matter first, then arabic;
- an unresolved mention listed twice, word for word (same name, page and
  candidates: the reader sees one line twice);
- a surname particle left outside a person's link ("Erik van [Ree]");
- a person's name linked inside an italic title ("*[Khrushchev] Remembers*",
  Trotsky's "*[Stalin]*"): a title is not a mention of its subject;
- an entry whose printed name ends in two full stops ("Adibekov, G. M..").
"""
from __future__ import annotations

import re
from .finding import Evidence, Finding, quote
from .pages import value
from .view import RegisterPlace

NAME = "registers"
PARTICLE_BEFORE = re.compile(r"(?<![\w])(?:van|von|de|der|den|du|da|di|del|della|le|la|ter|ten)\s+$")
PERSONS = "/persons.md#"


def check(evidence: Evidence) -> list[Finding]:
    labels = {pb.label for pb in evidence.pages if pb.label}
    found: list[Finding] = []
    if labels:
        found += [_at(evidence, r, "page the book lacks", f"{r.register}: {r.entry} is listed at {r.label}, "
                                                         f"which is {'a paragraph number' if r.kind != 'p.' else 'no page'} of this source")
                  for r in evidence.register if r.register != "unresolved"
                  and (r.kind != "p." or r.label.rstrip("?") not in labels)]  # "149?": page 149, placed approximately
        found += _unsorted(evidence, labels)
    unresolved: dict[tuple, list[RegisterPlace]] = {}
    for r in evidence.register:
        if r.register == "unresolved":
            unresolved.setdefault((r.entry, r.kind, r.label, r.candidates), []).append(r)  # the line as a reader sees it
    found += [_at(evidence, same[0], "unresolved mention repeated", f"“{same[0].entry}” at {same[0].kind} {same[0].label} "
                                                                   f"is listed {len(same)} times")
              for same in unresolved.values() if len(same) > 1]
    found += _particles(evidence)
    doubled = {r.entry: r for r in evidence.register if r.title.endswith("..")}
    found += [_at(evidence, r, "double full stop", f"the persons page prints “{r.title}”") for r in doubled.values()]
    return found


def _at(evidence: Evidence, r: RegisterPlace, kind: str, note: str) -> Finding:
    p = evidence.passage(r.anchor)
    page = r.label if r.kind == "p." else None
    return Finding(NAME, kind, evidence.source, r.part, r.anchor, page, p.line if p else 0,
                   quote(p.text, 0, 0) if p else "", note)


def _unsorted(evidence: Evidence, labels: set[str]) -> list[Finding]:
    """One finding per entry whose printed pages are not in the book's order."""
    by_entry: dict[tuple[str, str], list[RegisterPlace]] = {}
    for r in evidence.register:
        if r.register != "unresolved" and r.kind == "p." and r.label.rstrip("?") in labels:
            by_entry.setdefault((r.register, r.entry), []).append(r)
    found = []
    for (register, entry), places in by_entry.items():
        order = [_book_order(r.label) for r in places]
        wrong = next((i for i in range(1, len(order)) if order[i] < order[i - 1]), None)
        if wrong is not None:
            shown = ", ".join(r.label for r in places[:wrong + 1])
            found.append(_at(evidence, places[wrong], "register pages unsorted",
                             f"{register}: {entry}: pp. {shown}… ({len(places)} pages, not in the book's order)"))
    return found


def _book_order(label: str) -> tuple[int, int]:
    series, n = value(label.rstrip("?"))
    return (0 if series == "roman" else 1, n)


def _particles(evidence: Evidence) -> list[Finding]:
    found = []
    for p in evidence.passages:
        for link in p.links:
            if link.target.startswith(PERSONS) and any(a <= link.start and link.end <= b for a, b in p.emphasis):
                a, b = next((a, b) for a, b in p.emphasis if a <= link.start and link.end <= b)
                found.append(evidence.at(NAME, "name in a title linked", p, a, b - a,
                                         note=f"“{p.text[link.start:link.end]}” inside the italic “{p.text[a:b]}”"))
            if link.target.startswith(PERSONS) and PARTICLE_BEFORE.search(p.text, max(0, link.start - 8), link.start):
                particle = PARTICLE_BEFORE.search(p.text, max(0, link.start - 8), link.start).group().strip()
                found.append(evidence.at(NAME, "particle outside a name's link", p, link.start - len(particle) - 1,
                                         link.end - link.start + len(particle) + 1,
                                         note=f"“{particle}” belongs to the surname; the link covers “{p.text[link.start:link.end]}”"))
    return found
