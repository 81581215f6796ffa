"""The whole conversion: sources/ -> docs/ (Markdown, data, navigation).

read -> normalize -> structure -> write, one source at a time; everything is
written to a staging folder first and swapped in whole, so a failure leaves
the previous docs/ untouched.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .audit import audit
from .enrich import Registers, enrich
from .lexicon import Lexicon
from .model import PAGE_RE, REF_RE, Edition, Source
from .normalize import normalize
from .read import read_sources
from .structure import structure
from .write.apparatus import emendation_records, render_editorial_notes
from .write.citation import chicago
from .write.escape import escape
from .write import registers as register_pages
from .write.markdown import render_division
from .write.table import row, rule
from .write.text import reading_text


@dataclass
class Report:
    editions: list[Edition] = field(default_factory=list)
    audits: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    registers: Registers = field(default_factory=Registers)


def convert_source(source: Source, lexicon: Lexicon) -> Edition:
    return Edition(source, structure(source, normalize(source, lexicon)))


def convert_all(root: Path, docs_dir: Path | None = None) -> Report:
    root = Path(root)
    docs_dir = Path(docs_dir) if docs_dir else root / "docs"
    sources = read_sources(root)
    lexicon = Lexicon([s.text for s in sources])
    report = Report()
    for source in sources:
        edition = convert_source(source, lexicon)
        report.editions.append(edition)
        report.audits.append(audit(edition))
        report.warnings.extend(source.warnings)
    report.registers = enrich(report.editions, root / "data")
    stage = docs_dir.with_name(docs_dir.name + ".staging")
    if stage.exists():
        shutil.rmtree(stage)
    write_edition(report, stage)
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    stage.rename(docs_dir)
    return report


def anchor_pages(edition: Edition) -> dict[str, str]:
    """Which division page holds each anchor (paragraphs, headings, printed pages)."""
    where: dict[str, str] = {}
    for d in edition.divisions:
        notes = d.notes + d.unreferenced_notes
        for n in notes:
            where[f"fn:{n.id}"] = d.slug
        for b in d.blocks + [b for n in notes for b in n.blocks]:
            where[b.anchor] = d.slug
            for i in PAGE_RE.findall(b.text):
                label = edition.source.pages[int(i)].label
                if label:
                    where.setdefault(f"p-{label}", d.slug)
    return where


def source_record(edition: Edition) -> dict:
    """Bibliographic metadata and the pages of the edition, for citation templates and exports."""
    source = edition.source
    parts = []
    for d in edition.divisions:
        labels = [source.pages[int(i)].label for b in _division_blocks(d) for i in PAGE_RE.findall(b.text)]
        labels = [l for l in labels if l]
        parts.append({"slug": d.slug, "title": d.title, "number": d.number or None, "url": f"{source.slug}/{d.slug}.html",
                      "first_page": labels[0] if labels else None, "last_page": labels[-1] if labels else None})
    return {"slug": source.slug, "bibliography": source.meta, "parts": parts,
            "editorial_notes": f"{source.slug}/editorial-notes.html"}


def _division_blocks(d):
    return d.blocks + [b for n in d.notes + d.unreferenced_notes for b in n.blocks]


def note_summary(edition: Edition, where: dict[str, str]) -> dict:
    """Counts of references and notes, with the anchors of everything left unmatched."""
    slug = edition.source.slug
    url = lambda anchor: f"{slug}/{where[anchor]}.html#{anchor}" if anchor in where else None
    refs = [(b, m) for d in edition.divisions for b in d.blocks for m in REF_RE.finditer(b.text)]
    printed = {n.id for d in edition.divisions for n in d.notes + d.unreferenced_notes if not n.missing_text}
    unmatched = [(b, m) for b, m in refs if m.group(2) not in printed]
    return {
        "source": slug,
        "references": len(refs),
        "notes": len(printed),
        "linked_pairs": len(refs) - len(unmatched),
        "references_without_notes": [{"number": m.group(1), "url": url(b.anchor)} for b, m in unmatched],
        "notes_without_references": [
            {"number": n.number, "id": n.id, "url": url(f"fn:{n.id}")} for d in edition.divisions for n in d.unreferenced_notes
        ],
        "index_locators_not_linked": [
            {"entry": u.entry, "locator": u.locator, "reason": u.reason, "url": url(u.anchor)}
            for u in edition.source.unresolved_locators
        ],
    }


def write_edition(report: Report, out: Path) -> None:
    data = out / "data"
    (data / "text").mkdir(parents=True)
    nav: list = [{"Home": "index.md"}]
    records: list[dict] = []
    for edition, result in zip(report.editions, report.audits):
        source = edition.source
        folder = out / source.slug
        folder.mkdir()
        where = anchor_pages(edition)
        single = len(edition.divisions) == 1
        entries = []
        for d in edition.divisions:
            top = ""
            bottom = f"[Editorial notes](editorial-notes.md) · Cite as: {chicago(source.meta)}"
            if d.slug == "index" and not single:
                top = f"*{chicago(source.meta)}*"
                links = [f"- [{escape(x.title if not x.number else x.number + '. ' + x.title)}]({x.slug}.md)"
                         for x in edition.divisions[1:]]
                bottom = "## Contents of this edition\n\n" + "\n".join(links + ["- [Editorial notes](editorial-notes.md)"])
            if d.kind == "index":
                bottom = _unresolved_locators(source) + "\n\n" + bottom
            footer = register_pages.page_footer(report.registers, source.slug, d.slug)
            bottom = bottom + ("\n\n" + footer if footer else "")
            _write(folder / f"{d.slug}.md", render_division(source, d, extra_top=top, extra_bottom=bottom,
                                                              resolve=lambda a: _resolve(a, where)))
            label = "About this source" if d.slug == "index" and not single else (d.number + ". " + d.title if d.number else d.title)
            entries.append({label: f"{source.slug}/{d.slug}.md"})
        _write(folder / "editorial-notes.md", render_editorial_notes(edition, where, result))
        entries.append({"Editorial notes": f"{source.slug}/editorial-notes.md"})
        nav.append({_short_title(source): entries if not single else entries})
        records += emendation_records(edition, where)
        _write(data / "text" / f"{source.slug}.txt", reading_text(edition))
    _write(out / "index.md", _home(report))
    _write_registers(report, out)
    _write(data / "emendations.json", json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    _write(data / "sources.json", json.dumps([source_record(e) for e in report.editions], ensure_ascii=False, indent=1) + "\n")
    notes = [note_summary(e, anchor_pages(e)) for e in report.editions]
    _write(data / "notes.json", json.dumps(notes, ensure_ascii=False, indent=1) + "\n")
    _write(data / "audit.json", json.dumps(report.audits, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    if report.registers.persons:
        nav.append({"Persons": "persons.md"})
    if report.registers.terms:
        nav.append({"Glossary": "glossary.md"})
    _write(out / ".nav.yml", yaml.safe_dump(nav, allow_unicode=True, sort_keys=False))


def _resolve(anchor: str, where: dict[str, str]) -> str | None:
    """A link target: an anchor of this source, or a page of the edition ("/persons.md#id")."""
    if anchor.startswith("/"):
        return ".." + anchor
    return f"{where[anchor]}.md#{anchor}" if anchor in where else None


def _unresolved_locators(source: Source) -> str:
    lines = ["## Locators not linked { #locators-not-linked }", ""]
    if not source.unresolved_locators:
        return "\n".join(lines + ["Every locator of this index links to its page or note."])
    lines += [f"{len(source.unresolved_locators)} locators of the printed index could not be linked:", "",
              row(["Entry", "Locator", "Reason"]), rule(3)]
    lines += [row([f"[{escape(u.entry)}](#{u.anchor})", escape(u.locator), escape(u.reason)]) for u in source.unresolved_locators]
    return "\n".join(lines)


def _write_registers(report: Report, out: Path) -> None:
    reg = report.registers
    if not (reg.persons or reg.terms):
        return
    editions = {e.source.slug: e for e in report.editions}
    where = {slug: anchor_pages(e) for slug, e in editions.items()}
    ordinals = {slug: register_pages.paragraph_ordinals(e) for slug, e in editions.items()}
    dump = lambda data: json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if reg.persons:
        _write(out / "persons.md", register_pages.persons_page(reg, editions, where, ordinals))
        _write(out / "data" / "persons.json", dump(register_pages.persons_export(reg, where, ordinals)))
    if reg.terms:
        _write(out / "glossary.md", register_pages.glossary_page(reg, editions, where, ordinals))
        _write(out / "data" / "glossary.json", dump(register_pages.glossary_export(reg, where)))
    _write(out / "data" / "search-variants.json", dump(register_pages.search_variants(reg)))


def _short_title(source: Source) -> str:
    authors = source.meta.get("authors") or [{}]
    return f"{authors[0].get('family', '')}: {source.meta.get('container_title') or source.meta['title']}".strip(": ")


def _home(report: Report) -> str:
    lines = [
        "# Stalin and Stalinism: five sources",
        "",
        "A digital edition of five texts on Stalin's rule, converted from the raw text as received. "
        "Every repair the converter made is listed in each source's editorial notes; printed page numbers "
        "appear in the margin and every page, paragraph and note has a stable, citable anchor.",
        "",
        "## Sources",
        "",
    ]
    for e in report.editions:
        lines.append(f"- [{escape(_short_title(e.source))}]({e.source.slug}/index.md): {chicago(e.source.meta)}")
    lines += ["", "Data: [emendations](data/emendations.json), [conservation audit](data/audit.json); plain texts under `data/text/`."]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
