"""The register pages (persons, glossary), their exports, and what each page links to."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterator

from ..cite import page_label
from ..model import Edition
from .escape import LINE_BREAK, escape

if TYPE_CHECKING:  # the specs (enrich/specs.py) name these pages: no import at run time
    from ..enrich import Registers

Place = tuple[str, str]  # ("p.", "75") or ("¶", "12")


def _label(page: str | None, anchor: str, places: dict[str, Place]) -> Place:
    """Where an occurrence is: the printed page it is on when known, else its paragraph's place."""
    if page:
        return "p.", page
    return places.get(anchor, ("¶", "?"))


def citation_places(edition: Edition) -> dict[str, Place]:
    """Each anchor's place as the edition cites it: the printed page its paragraph begins on, or,
    in a source without printed pages, its paragraph number (structure.paragraphs). A heading
    takes the place of the paragraph it opens."""
    places: dict[str, Place] = {}
    headings: list[str] = []
    for b in edition.all_blocks():
        if b.kind == "heading":
            headings.append(b.anchor)
            continue
        place = ("p.", page_label(b.page, b.page_exact)) if b.page else ("¶", str(b.ordinal))
        for anchor in headings + [b.anchor]:
            places[anchor] = place
        headings = []
    return places


def _dates(born, died) -> str:
    if born is None and died is None:
        return ""
    return f" ({born if born is not None else '?'}–{died if died is not None else ''})"


def _grouped(items, titles: dict[str, str], where: dict[str, dict[str, str]], places) -> list[str]:
    """One line per source: its title, then each occurrence as a link to its exact anchor."""
    by_source: dict[str, list] = defaultdict(list)
    for it in items:
        by_source[it.source].append(it)
    lines = []
    order = {slug: i for i, slug in enumerate(titles)}
    for slug in sorted(by_source, key=order.__getitem__):
        seen: dict[str, str] = {}
        kind = "p."
        for it in by_source[slug]:
            page = where[slug].get(it.anchor)
            kind, label = _label(getattr(it, "page", None), it.anchor, places[slug])
            if page is None or label in seen:
                continue  # one link per printed page: the first mention on it
            seen[label] = f"[{escape(label)}]({slug}/{page}.md#{it.anchor})"
        links = [seen[label] for label in sorted(seen, key=_in_book_order)]
        if links:
            many = {"p.": "pp.", "¶": "¶¶"}[kind] if len(links) > 1 else kind
            lines.append(f"- {escape(titles[slug])}, {many} " + ", ".join(links))
    return lines


def _in_book_order(label: str) -> tuple[int, int]:
    """Roman pages (the front matter) before arabic ones, each in order; a ¶ number is a number."""
    from ..structure.missing_pages import label_value

    label = label.rstrip("?")  # an approximate page is still that page
    series, n = label_value(label) if label.isdigit() or label and set(label) <= set("ivxlc") else ("", 0)
    return (0 if series == "roman" else 1, n)


def short_title(edition: Edition) -> str:
    """A source by its author's surname, as an index cites it ("Bazhanov, pp. 8, 36")."""
    meta = edition.source.meta
    authors = meta.get("authors") or [{}]
    return authors[0].get("family") or meta["title"]


def persons_page(reg: Registers, titles: dict[str, str], where, places) -> str:
    """titles: each source's short title (see short_title), in the order of the sources."""
    by_person = defaultdict(list)
    for m in reg.mentions:
        if m.person:
            by_person[m.person].append(m)
    lines = ["# Persons", "",
             "Everyone the sources mention, under the name an English-language reader would look up, "
             "with every mention by source and page. Variant spellings found in the sources are listed with each entry.", ""]
    letter = ""
    for p in sorted(reg.persons, key=lambda p: p.sort.casefold()):
        first = p.sort[:1].upper()
        if first != letter:
            letter = first
            lines += [f"## {escape(letter)}", ""]
        variants = sorted(set(p.variants) - {p.name})
        also = f" Also: {escape(', '.join(variants))}." if variants else ""
        heading = f"**{escape(p.sort)}**{escape(_dates(p.born, p.died))}"
        stop = person_heading(p)[-1:] if not heading.endswith(".**") else ""
        said = " ".join(x for x in (heading + stop, escape(p.description or ""), also.strip()) if x)
        lines.append(f'<a class="person" id="{p.id}"></a>{said}')
        lines.append("")
        occurrences = _grouped(by_person[p.id], titles, where, places)
        lines += occurrences + ([""] if occurrences else [])
    ambiguous = [m for m in reg.mentions if m.person is None]
    if ambiguous:
        lines += ["## Mentions the text does not resolve { #unresolved }", "",
                  "A surname several persons share, where the passage does not say which one is meant:", ""]
        asked: dict[tuple, str] = {}
        for m in ambiguous:
            page = where[m.source].get(m.anchor)
            label = " ".join(_label(m.page, m.anchor, places[m.source]))
            names = " or ".join(f"[{escape(_name(reg, c))}](#{c})" for c in m.candidates)
            # One question a page: the reader would see the same line again (its first passage is linked).
            asked.setdefault((m.text, m.source, label, m.candidates),
                             f"- {escape(m.text)}, {escape(titles[m.source])}, "
                             f"[{escape(label)}]({m.source}/{page}.md#{m.anchor}): {names}")
        lines += asked.values()
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def person_heading(p) -> str:
    """A person's heading as the persons page prints it: "Stalin, Iosif (1878–1953).", "Adibekov, G. M."
    (a name ending in a full stop ends its own sentence)."""
    heading = f"{p.sort}{_dates(p.born, p.died)}"
    return heading if heading.endswith(".") else heading + "."


def _name(reg: Registers, pid: str) -> str:
    return next((p.name for p in reg.persons if p.id == pid), pid)


def glossary_page(reg: Registers, titles: dict[str, str], where, places) -> str:
    by_term = defaultdict(list)
    for u in reg.uses:
        by_term[u.term].append(u)
    lines = ["# Glossary", "", "Terms, acronyms and Russian words the sources use, with where each is used.", ""]
    for t in sorted(reg.terms, key=lambda t: t.term.casefold()):
        expansion = f" ({escape(t.expansion)})" if t.expansion else ""
        variants = sorted(set(t.variants) - {t.term})
        also = f" Also: {escape(', '.join(variants))}." if variants else ""
        lines += [f'<a class="term" id="{t.id}"></a>**{escape(t.term)}**{expansion}: {escape(t.definition)}{also}', ""]
        occurrences = _grouped(by_term[t.id], titles, where, places)
        lines += occurrences + ([""] if occurrences else [])
    return "\n".join(lines).rstrip() + "\n"


def persons_export(reg: Registers, where) -> Iterator[dict]:
    """The records of persons.json, one person at a time."""
    by_person = defaultdict(list)
    for m in reg.mentions:
        if m.person and m.anchor in where[m.source]:
            by_person[m.person].append(m)
    for p in reg.persons:
        mentions = [{"source": m.source, "url": f"{m.source}/{where[m.source][m.anchor]}.html#{m.anchor}", "page": m.page}
                    for m in by_person[p.id]]
        yield {"id": p.id, "name": p.name, "variants": sorted(set(p.variants)), "born": p.born, "died": p.died,
               "description": p.description, "mentions": mentions}


def glossary_export(reg: Registers, where) -> Iterator[dict]:
    """The records of glossary.json, one term at a time."""
    by_term = defaultdict(list)
    for u in reg.uses:
        if u.anchor in where[u.source]:
            by_term[u.term].append(u)
    for t in reg.terms:
        uses = [{"source": u.source, "url": f"{u.source}/{where[u.source][u.anchor]}.html#{u.anchor}"} for u in by_term[t.id]]
        yield {"id": t.id, "term": t.term, "variants": sorted(set(t.variants)), "definition": t.definition, "uses": uses}


def search_variants(reg: Registers) -> dict[str, list[str]]:
    """Canonical form -> other forms, so that a search for any form finds every page."""
    out: dict[str, list[str]] = {}
    for entries in reg.entries.values():  # every register's
        for e in entries:
            forms = sorted(e.forms() - {e.label})
            if forms:
                out[e.label] = sorted(set(out.get(e.label, [])) | set(forms))
    return dict(sorted(out.items()))


def page_footers(reg: Registers) -> dict[tuple[str, str], str]:
    """(source, part) -> its footer: 'Persons on this page' and the hover definitions of the terms it uses."""
    people: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in reg.mentions:
        if m.person:
            people[(m.source, m.division)].add(m.person)
    words: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u in reg.uses:
        words[(u.source, u.division)].add((u.term, " ".join(u.text.split())))
    persons = {p.id: p for p in reg.persons}
    terms = {t.id: t for t in reg.terms}
    return {key: _footer(people.get(key, set()), words.get(key, set()), persons, terms) for key in set(people) | set(words)}


def _footer(people: set[str], used_terms: set[tuple[str, str]], persons, terms) -> str:
    here = sorted(people, key=lambda i: persons[i].sort.casefold())
    parts = []
    if here:
        parts.append("**Persons on this page:** " + ", ".join(f"[{escape(persons[i].name)}](../persons.md#{i})" for i in here))
    # Hover definitions for the forms this page prints, not every form of the term:
    # each one costs the Markdown renderer a pass over the page.
    abbrs = [f"*[{form}]: {_abbr_title(terms[i])}" for i, form in sorted(used_terms) if "]" not in form]
    return "\n\n".join(parts + (["\n".join(abbrs)] if abbrs else []))


def _abbr_title(t) -> str:
    """The hover text: the rest of its one Markdown line (Python-Markdown ends a line at CR too)."""
    text = f"{t.expansion}: {t.definition}" if t.expansion else t.definition
    return LINE_BREAK.sub(" ", text)
