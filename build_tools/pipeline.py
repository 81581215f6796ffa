"""The whole conversion: sources/ -> docs/ (Markdown, data, navigation).

read -> normalize -> structure -> write, one source at a time; everything is
written to a staging folder first and swapped in whole, so a failure leaves
the previous docs/ untouched.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
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
from .write.data import records_json
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


# Below this many sources, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


def convert_source(source: Source, lexicon: Lexicon | None = None) -> Edition:
    """One source on its own: its evidence for repairs is its own text and general English."""
    return Edition(source, structure(source, normalize(source, lexicon or Lexicon([source.text]))))


def convert_all(root: Path, docs_dir: Path | None = None, *, cache: Path | None = None) -> Report:
    root = Path(root)
    docs_dir = Path(docs_dir) if docs_dir else root / "docs"
    sources = read_sources(root)
    report = Report()
    for edition in _convert_sources(sources, cache):
        report.editions.append(edition)
        report.audits.append(audit(edition))
        report.warnings.extend(edition.source.warnings)
    report.registers = enrich(report.editions, root / "data")
    stage = docs_dir.with_name(docs_dir.name + ".staging")
    if stage.exists():
        shutil.rmtree(stage)
    write_edition(report, stage)
    _sync(stage, docs_dir)
    return report


def _convert_sources(sources: list[Source], cache: Path | None) -> list[Edition]:
    """Convert independent sources in parallel on all cores, reusing cached conversions."""
    keys = [_cache_key(s) for s in sources]
    found = [_cached(cache, s.slug, k) for s, k in zip(sources, keys)]
    todo = [s for s, e in zip(sources, found) if e is None]
    if len(todo) >= PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            done = list(pool.map(convert_source, todo, chunksize=max(1, len(todo) // (4 * (os.cpu_count() or 1)))))
    else:
        done = [convert_source(s) for s in todo]
    fresh = iter(done)
    editions = [e if e is not None else next(fresh) for e in found]
    if cache:
        for e, k, old in zip(editions, keys, found):
            if old is None:
                _store(cache, e.source.slug, k, e)
    return editions


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_key(source: Source) -> str:
    """Content, not timestamps: the source's files and the converter's code."""
    digest = hashlib.sha256(_code_fingerprint().encode())
    for path in sorted(source.folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def _cached(cache: Path | None, slug: str, key: str) -> Edition | None:
    path = cache / f"{slug}-{key}.pickle" if cache else None
    if path and path.is_file():
        return pickle.loads(path.read_bytes())
    return None


def _store(cache: Path, slug: str, key: str, edition: Edition) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{slug}-*.pickle"):
        old.unlink()
    tmp = cache / f".{slug}-{key}.tmp"
    tmp.write_bytes(pickle.dumps(edition, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(cache / f"{slug}-{key}.pickle")


def _sync(stage: Path, docs_dir: Path) -> None:
    """Move the staged docs into place, leaving unchanged files untouched (MkDocs can skip them)."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    new = {p.relative_to(stage) for p in stage.rglob("*") if p.is_file()}
    for p in sorted(docs_dir.rglob("*"), reverse=True):
        rel = p.relative_to(docs_dir)
        if p.is_file() and rel not in new:
            p.unlink()
        elif p.is_dir() and not any(p.iterdir()):
            p.rmdir()
    for rel in sorted(new):
        target = docs_dir / rel
        data = (stage / rel).read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            (stage / rel).replace(target)
    shutil.rmtree(stage)


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
        # the part's own pages: its notes are printed at the back of the book
        labels = [source.pages[int(i)].label for b in d.blocks for i in PAGE_RE.findall(b.text)]
        labels = [l for l in labels if l]
        parts.append({"slug": d.slug, "title": d.title, "number": d.number or None, "url": f"{source.slug}/{d.slug}.html",
                      "first_page": labels[0] if labels else None, "last_page": labels[-1] if labels else None})
    return {"slug": source.slug, "bibliography": source.meta, "parts": parts,
            "editorial_notes": f"{source.slug}/editorial-notes.html"}


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
    footers = register_pages.page_footers(report.registers)
    pages_of = {e.source.slug: anchor_pages(e) for e in report.editions}  # which page holds each anchor
    for edition, result in zip(report.editions, report.audits):
        source = edition.source
        folder = out / source.slug
        folder.mkdir()
        where = pages_of[source.slug]
        single = len(edition.divisions) == 1
        entries = []
        for d in edition.divisions:
            top = ""
            bottom = f"[Editorial notes](editorial-notes.md) · Cite as: {chicago(source.meta)}"
            if d.slug == "index" and not single:
                top = f"Cite as: {chicago(source.meta)}"  # the citation has italics of its own
                links = [f"- [{escape(x.title if not x.number else x.number + '. ' + x.title)}]({x.slug}.md)"
                         for x in edition.divisions[1:]]
                bottom = "## Contents of this edition\n\n" + "\n".join(links + ["- [Editorial notes](editorial-notes.md)"])
            if d.kind == "index":
                bottom = _unresolved_locators(source) + "\n\n" + bottom
            footer = footers.get((source.slug, d.slug), "")
            bottom = bottom + ("\n\n" + footer if footer else "")
            _write(folder / f"{d.slug}.md", render_division(source, d, extra_top=top, extra_bottom=bottom,
                                                              resolve=lambda a: _resolve(a, where)))
            # Titles from the source come from each page's own (escaped) heading, never from
            # here: the theme prints navigation titles as they are.
            page = f"{source.slug}/{d.slug}.md"
            entries.append({"About this source": page} if d.slug == "index" and not single else page)
        _write(folder / "editorial-notes.md", render_editorial_notes(edition, where, result))
        entries.append({"Editorial notes": f"{source.slug}/editorial-notes.md"})
        nav.append({source.slug: entries})  # the hook names the section after its index page
        records += emendation_records(edition, where)
        _write(data / "text" / f"{source.slug}.txt", reading_text(edition))
    _write(out / "index.md", _home(report))
    _write_registers(report, out, pages_of)
    _write(data / "emendations.json", records_json(records))
    _write(data / "sources.json", records_json([source_record(e) for e in report.editions]))
    notes = [note_summary(e, pages_of[e.source.slug]) for e in report.editions]
    _write(data / "notes.json", records_json(notes))
    _write(data / "audit.json", records_json(report.audits, sort_keys=True))
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


def _write_registers(report: Report, out: Path, where: dict[str, dict[str, str]]) -> None:
    reg = report.registers
    if not (reg.persons or reg.terms):
        return
    editions = {e.source.slug: e for e in report.editions}
    ordinals = {slug: register_pages.paragraph_ordinals(e) for slug, e in editions.items()}
    if reg.persons:
        _write(out / "persons.md", register_pages.persons_page(reg, editions, where, ordinals))
        _write(out / "data" / "persons.json", records_json(register_pages.persons_export(reg, where, ordinals)))
    if reg.terms:
        _write(out / "glossary.md", register_pages.glossary_page(reg, editions, where, ordinals))
        _write(out / "data" / "glossary.json", records_json(register_pages.glossary_export(reg, where)))
    _write(out / "data" / "search-variants.json", json.dumps(register_pages.search_variants(reg), ensure_ascii=False) + "\n")


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
