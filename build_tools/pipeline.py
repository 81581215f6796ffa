"""The whole conversion: sources/ -> docs/ (Markdown, data, navigation).

Each source goes read -> normalize -> structure -> enrich -> write on its
own and yields a Contribution: its pages, its data records, and what the
shared pages need from it. Sources are independent, so they are processed in
parallel on all cores (from PARALLEL_FROM sources up) and cached one by one,
keyed on their content, the registers and the converter's code: after one
source changes, only that source is processed again. Then the pages that
gather every source (home, persons, glossary, data files, navigation) are
written from the contributions.

Everything is written to a staging folder first and swapped in whole, so a
failure leaves the previous docs/ untouched.
"""
from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import pickle
import shutil
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

import yaml

from . import anchors, transliteration
from .audit import audit
from .cache import ContentCache, code_fingerprint, mark, write_atomically
from .check import check_edition
from .check.finding import Finding
from .corrections import apply_corrections
from .emendation_ids import assign_ids
from .enrich import Enrichment, Registers
from .enrich.specs import SPECS
from .lexicon import Lexicon, kept_frequencies, load_frequencies
from .model import SETTLED, CommentRef, Edition, EditionError, Link, NoteRef, Source
from .read import Settings, read_settings, read_sources
from .removals import check_removals
from .rules import convert
from .write.apparatus import emendation_records, render_editorial_notes
from .write.citation import chicago
from .write.data import lines_json, record_line, records_json
from .write.escape import escape
from .write import registers as register_pages
from .write.markdown import render_division
from .write.table import row, rule
from .write.tei import Publication, register_document, tei_document
from .write.text import reading_text
from .write.register_layout import lay_out
from .write import changes, home, place


@dataclass
class Contribution:
    """What one source adds to the edition."""

    slug: str
    files: dict[str, str]  # its pages and plain text: path under docs/ -> text (kept apart in the cache)
    nav: dict  # its section of the navigation
    home: str  # its entry on the home page: what it is, how it was edited (write/home.py)
    short_title: str  # how the register pages cite it ("Bazhanov")
    audit: dict
    warnings: list[str]
    problems: str  # notes and references that do not meet, in one line ("" if none)
    emendations: list[str]  # emendations.json records, as lines
    record: dict  # for sources.json
    notes: dict  # for notes.json
    where: dict[str, str]  # anchor -> the part (page of the site) that holds it
    places: dict[str, tuple[str, str]]  # anchor -> ("p.", "76") or ("¶", "12"): how the registers cite it
    occurrences: list = field(default_factory=list)  # of every register's entries (enrich/occurrence.py)
    anchors: list[str] = field(default_factory=list)  # its citable anchors as manifest lines (data/anchors.txt)
    findings: list[Finding] = field(default_factory=list)  # the self-check's (build_tools/check)
    edition: Edition | None = None  # kept only when asked for (tests, tools)
    home_line: str = ""  # the same in one line, for a home page of many sources
    pages: list[str] = field(default_factory=list)  # the paths of its files: what it has in docs/


@dataclass
class Report:
    editions: list[Edition] = field(default_factory=list)  # only with convert_all(keep_editions=True)
    audits: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    registers: Registers = field(default_factory=Registers)
    problems: list[str] = field(default_factory=list)
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # slug -> the self-check's findings


# Below this many sources to process, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


def convert_source(source: Source, lexicon: Lexicon | None = None) -> Edition:
    """One source on its own: its evidence for repairs is its own text and general English; then
    the editor's corrections (build_tools/corrections), which see the apparatus with its ids."""
    edition = Edition(source, convert(source, lexicon or Lexicon([source.text])))
    place_apparatus(edition)
    if source.promises is not None:  # its paragraphs were reconciled with them; its notes are checked here
        problems = anchors.note_problems(source.promises.notes, note_texts(edition))
        if problems:
            raise EditionError("\n".join(problems))
    if source.corrections:
        edition.converted = citable_texts(edition)  # what the anchors were settled on (see corrections)
        apply_corrections(edition, source.corrections)
        place_apparatus(edition)  # the editor's own entries
    return edition


def note_texts(edition: Edition) -> dict[str, str]:
    """Each note's anchor and reading text."""
    return {f"fn:{n.id}": " ".join(b.printed() for b in n.blocks)
            for d in edition.divisions for n in d.notes + d.unreferenced_notes}


def citable_texts(edition: Edition) -> dict[str, tuple[str, str]]:
    """Every paragraph's and note's anchor, with its kind and the text it is fingerprinted by."""
    found: dict[str, tuple[str, str]] = {}
    for b in edition.all_blocks():
        if b.kind != "heading":
            text = " ".join(c.printed() for r in b.rows for c in r) if b.kind == "table" else b.printed()
            found[b.anchor] = ("paragraph", text)
    found.update((anchor, ("note", text)) for anchor, text in note_texts(edition).items())
    return found


def published_anchors(edition: Edition, where: dict[str, str]) -> list[str]:
    """Every citable anchor of a source with what it points to, as lines of the anchor manifest.
    A paragraph an editor corrected is fingerprinted as converted: the text its anchor was
    reconciled on, and will be on the next build (build_tools/corrections)."""
    slug = edition.source.slug
    texts = edition.converted or citable_texts(edition)
    found = {anchor: anchors.fingerprint(text, kind) for anchor, (kind, text) in texts.items()}
    found.update((anchor, anchors.page_fingerprint(anchor[2:])) for anchor in where if anchor.startswith("p-"))
    return [anchors.manifest_line(f"{slug}/{where[a]}.html#{a}", fp) for a, fp in found.items() if a in where]


def contribute(edition: Edition, context: Enrichment, publication: Publication = Publication()) -> Contribution:
    """Audit, enrich and write one converted source."""
    source = edition.source
    place_apparatus(edition)
    check_removals(source)  # a rule that removed the text itself is no accounting for it
    result = audit(edition)  # before enrich: links are not words of the source
    found = context.apply(edition)
    registers = context.registers(found)
    findings = check_edition(edition, occurrences=found, persons=context.persons)  # and the registers' pages
    where = anchor_pages(edition)
    footers = register_pages.page_footers(registers)
    for spec in SPECS:  # a register's own line in a part's footer ("Places on this page")
        for key, line in (spec.footer(registers) if spec.footer else {}).items():
            footers[key] = f"{footers[key]}\n\n{line}" if footers.get(key) else line
    citation = chicago(source.meta)
    files, entries = source_pages(edition, result, where, footers, citation, findings, _link_targets(context))
    files[f"data/tei/{source.slug}.xml"] = tei_document(
        edition, result, where, context.entries, publication)
    what = home.what_it_is(edition)
    return Contribution(
        slug=source.slug, files=files, nav={place.label_html(source.meta): entries},
        home=home.source_entry(place.label_markdown(source.meta), f"{source.slug}/index.md", citation, what,
                               home.how_it_was_edited(edition, result, f"{source.slug}/editorial-notes.md")),
        home_line=home.source_line(place.label_markdown(source.meta), f"{source.slug}/index.md", what),
        short_title=register_pages.short_title(edition), audit=result, warnings=list(source.warnings),
        problems=_problems(edition), emendations=[record_line(r) for r in emendation_records(edition, where)], record=source_record(edition),
        notes=note_summary(edition, where), where=where, places=register_pages.citation_places(edition),
        occurrences=found, anchors=published_anchors(edition, where), findings=findings, pages=sorted(files))


def place_apparatus(edition: Edition) -> None:
    """Every emendation is where its paragraph is, whichever rule made it and when, and has its
    stable id (given once: an editor's later corrections change no id; build_tools/emendation_ids.py)."""
    for b in edition.all_blocks():
        for e in b.emendations:
            e.anchor, e.page, e.paragraph = b.anchor, b.page, b.ordinal
    assign_ids(edition.all_blocks())


def process_source(source: Source, context: Enrichment, keep_edition: bool = False,
                   publication: Publication = Publication()) -> Contribution:
    edition = convert_source(source)
    c = contribute(edition, context, publication)
    c.edition = edition if keep_edition else None
    return c


def convert_all(root: Path, docs_dir: Path | None = None, *, cache: Path | None = None,
                keep_editions: bool = False, previous: Path | None = None) -> Report:
    """Convert every source under root into docs_dir. keep_editions: also return the converted
    editions (for tests and tools); they are never cached, so the cache is then not used.
    previous: the docs published before (by default docs_dir), from which the pages of a source
    taken from the cache are linked while they are as the last build left them."""
    root = Path(root)
    docs_dir = Path(docs_dir) if docs_dir else root / "docs"
    previous = Path(previous) if previous else docs_dir
    settings = read_settings(root)
    sources = read_sources(root)
    promised = anchors.promises_by_source(root)  # the anchors published before: kept on their text
    for s in sources:
        s.promises = promised.get(s.slug)
    cache = None if keep_editions else cache
    context = _registers(root / "data", cache)
    stage = docs_dir.with_name(docs_dir.name + ".staging")
    if stage.exists():
        shutil.rmtree(stage)
    (stage / "data" / "text").mkdir(parents=True)
    report = Report(registers=context.registers())
    done: list[Contribution] = []
    publication = edition_publication(settings)
    keys = _source_keys(sources, root / "data", publication) if cache else [""] * len(sources)
    marks = _docs_marks(cache, previous)
    with kept_frequencies(cache / "words" if cache else None):
        found = _contributions(sources, context, root / "data", cache, keep_editions, publication, keys)
        for source, key, c in zip(sources, keys, found):
            if not c.files:  # taken from the cache: its pages linked from the published docs, or from the cache
                if not _link_pages(c.pages, marks, previous, stage):
                    c = _with_pages(c, source, key, context, publication, cache)
            _take(c, stage, report.registers)
            if c.edition is None:  # taken: a large corpus need not hold every raw text (at 20x, a quarter of what it held)
                source.text = ""
            done.append(c)
            report.audits.append(c.audit)
            report.warnings.extend(c.warnings)
            report.problems += [c.problems] if c.problems else []
            report.findings[c.slug] = c.findings
            if c.edition is not None:
                report.editions.append(c.edition)
        _shared_pages(done, report.registers, stage, settings, cache, keys)
    _sync(stage, docs_dir)
    _keep_docs_marks(cache, docs_dir, previous)
    return report


PAGES = "pages"  # in the cache: each source's files (Contribution.files), apart from the rest
DOCS_MARKS = "docs.marks"  # in the cache: the mark (cache.mark) of each file of the docs a build published


def _docs_marks(cache: Path | None, published: Path) -> dict[str, str]:
    """What _keep_docs_marks recorded of the docs published at that folder (nothing for another)."""
    try:
        kept = json.loads((cache / DOCS_MARKS).read_text(encoding="utf-8")) if cache else {}
        if kept.get("docs") == str(published.resolve()) and isinstance(kept.get("marks"), dict):
            return kept["marks"]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def _keep_docs_marks(cache: Path | None, docs_dir: Path, published: Path) -> None:
    """Record the marks of docs_dir's files, for the folder where they are published (the build swaps
    docs_dir in there: a rename keeps a file's mark). Should it not, the marks match nothing there, and
    the next build takes the pages from the cache."""
    if cache:
        marks = {p.relative_to(docs_dir).as_posix(): mark(p) for p in sorted(docs_dir.rglob("*")) if p.is_file()}
        write_atomically(cache / DOCS_MARKS, json.dumps({"docs": str(published.resolve()), "marks": marks}))


def _link_pages(pages: list[str], marks: dict[str, str], published: Path, stage: Path) -> bool:
    """Link a source's pages from the published docs into the stage, if each is there as the last build
    left it (its mark); otherwise link none and return False. Nothing is ever written through a link:
    the stage's files are only renamed into place (_sync)."""
    try:
        if not pages or any(marks.get(rel) is None or mark(published / rel) != marks[rel] for rel in pages):
            return False
        for rel in pages:
            (stage / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(published / rel, stage / rel)
    except OSError:  # gone, or another file system: taken from the cache
        for rel in pages:
            (stage / rel).unlink(missing_ok=True)
        return False
    return True


def _with_pages(c: Contribution, source: Source, key: str, context: Enrichment, publication: Publication,
                cache: Path) -> Contribution:
    """A cached contribution with its files (kept apart), or the source processed again if they are lost."""
    files = _cached(cache / PAGES, c.slug, key)
    if isinstance(files, dict) and sorted(files) == c.pages:
        c.files = files
        return c
    c = process_source(source, context, publication=publication)
    _keep(cache, key, c)
    return c


SHARED_COMPLETE = ".complete"  # written last into a kept copy of the shared pages


def _shared_pages(done: list[Contribution], registers: Registers, stage: Path, settings: Settings,
                  cache: Path | None, keys: list[str]) -> None:
    """write_shared_pages into stage, or copy what it wrote from the same sources, registers, settings
    and code in the last build (a build whose sources are all cached need not make them). They are
    kept as files, not in one JSON record: at 100 times the corpus they are hundreds of megabytes."""
    kept = None
    if cache:
        key = hashlib.sha256(("\0".join(keys) + "\0" + repr(settings)).encode()).hexdigest()[:32]
        kept = cache / "shared" / key  # a source's key holds its text, the registers and the code
    if kept and (kept / SHARED_COMPLETE).is_file():
        _copy_tree(kept, stage, skip=SHARED_COMPLETE)
        return
    memo, names = _transliterations(cache)
    made = stage.with_name(stage.name + ".shared")
    if made.exists():
        shutil.rmtree(made)
    write_shared_pages(done, registers, made, settings, memo)
    _keep_transliterations(names, memo)
    if kept:
        if kept.parent.exists():
            shutil.rmtree(kept.parent)  # one build's worth
        partial = kept.with_name(kept.name + ".partial")
        shutil.copytree(made, partial)
        (partial / SHARED_COMPLETE).write_text("", encoding="utf-8")
        partial.rename(kept)
    _copy_tree(made, stage, move=True)
    shutil.rmtree(made)


def _copy_tree(top: Path, into: Path, skip: str = "", move: bool = False) -> None:
    """Each file under top to the same place under into (moved, or copied)."""
    for path in sorted(top.rglob("*")):
        if path.is_file() and path.name != skip:
            target = into / path.relative_to(top)
            target.parent.mkdir(parents=True, exist_ok=True)
            if move:
                path.replace(target)
            else:
                shutil.copyfile(path, target)


def _transliterations(cache: Path | None) -> tuple[dict[str, list[str]], ContentCache | None]:
    """The register names' transliterations made by the last build with this code (a register entry's
    names rarely change, and making them was most of the shared pages' time), and where to keep them."""
    if not cache:
        return {}, None
    store = ContentCache(cache / "transliterations", salt=code_fingerprint())
    kept = store.get(store.key("transliterations"))
    return (kept if isinstance(kept, dict) else {}), store


def _keep_transliterations(store: ContentCache | None, memo: dict[str, list[str]]) -> None:
    """Store what this build used (the memo holds only that), replacing any older store."""
    if store:
        store.put(store.key("transliterations"), memo)
        store.prune()


def check_sources(root: Path, slugs: list[str], *, cache: Path | None = None) -> dict[str, list[Finding]]:
    """The self-check's findings of each source (or of those named), converted afresh or taken from the cache."""
    sources = _named_sources(root, slugs)
    context = Enrichment.load(root / "data")
    publication = edition_publication(read_settings(root))  # part of the cache's key, as in a build
    return {c.slug: c.findings for c in _contributions(sources, context, root / "data", cache, False, publication)}


def check_sources_with_editions(root: Path, slugs: list[str]) -> dict[str, tuple[Edition, list[Finding]]]:
    """Each source (or those named) converted afresh, with its self-check's findings (`edition review`)."""
    sources = _named_sources(root, slugs)
    context = Enrichment.load(root / "data")
    return {c.slug: (c.edition, c.findings) for c in _contributions(sources, context, root / "data", None, True)}


def _named_sources(root: Path, slugs: list[str]) -> list[Source]:
    """The sources named (all without names), with their published anchors, as a build reads them: the
    anchors, and so the ids of the apparatus, are those of the site."""
    sources = read_sources(root)
    unknown = sorted(set(slugs) - {s.slug for s in sources})
    if unknown:
        raise EditionError(f"{root / 'sources'}: no source {', '.join(unknown)} "
                           f"(the sources are {', '.join(s.slug for s in sources)})")
    promised = anchors.promises_by_source(root)
    sources = [s for s in sources if not slugs or s.slug in slugs]
    for s in sources:
        s.promises = promised.get(s.slug)
    return sources


def write_editions(editions: list[Edition], out: Path, context: Enrichment | None = None) -> list[Contribution]:
    """Write editions already converted into out (a new folder): for tests and tools."""
    context = context or Enrichment()
    done = [contribute(e, context) for e in editions]
    registers = context.registers()
    for c in done:
        _take(c, out, registers)
    write_shared_pages(done, registers, out)
    return done


def _take(c: Contribution, out: Path, registers: Registers) -> None:
    """Write a contribution's pages into out and add its mentions to the registers."""
    for rel, text in c.files.items():
        _write(out / rel, text)
    c.files = {}  # written: a large corpus need not hold every page in memory
    registers.occurrences += c.occurrences


_WORKER: tuple[Enrichment, Publication] | None = None


def _start_worker(data: Path, publication: Publication, cache: Path | None = None) -> None:
    global _WORKER
    _WORKER = (_registers(data, cache), publication)
    load_frequencies(cache / "words" if cache else None)


def _in_worker(source: Source) -> Contribution:
    context, publication = _WORKER
    return process_source(source, context, publication=publication)


def edition_publication(settings: Settings) -> Publication:
    """What a source's TEI says of the edition that publishes it."""
    return Publication(settings.title, settings.base_url, settings.licence)


def _contributions(sources: list[Source], context: Enrichment, data: Path, cache: Path | None,
                   keep_editions: bool, publication: Publication = Publication(),
                   keys: list[str] | None = None) -> Iterator[Contribution]:
    """Each source's contribution, in the order of the sources: from the cache (keys: the sources'
    keys in it, if made already), or processed (in parallel)."""
    if cache:
        keys = keys or _source_keys(sources, data, publication)
        found = [_cached(cache, s.slug, k) for s, k in zip(sources, keys)]
    else:
        keys, found = [""] * len(sources), [None] * len(sources)
    todo = [s for s, c in zip(sources, found) if c is None]
    with contextlib.ExitStack() as stack:
        if len(todo) >= PARALLEL_FROM and not keep_editions:
            workers = os.cpu_count() or 1
            pool = stack.enter_context(ProcessPoolExecutor(workers, initializer=_start_worker,
                                                           initargs=(data, publication, cache)))
            stack.callback(pool.shutdown, cancel_futures=True)  # on an error, do not finish the rest
            fresh = pool.map(_in_worker, todo)  # one at a time: a worker never holds many finished sources
        else:
            fresh = (process_source(s, context, keep_editions, publication) for s in todo)
        for c, key in zip(found, keys):
            if c is None:
                c = next(fresh)
                if cache:
                    _keep(cache, key, c)
            yield c


def _keep(cache: Path, key: str, c: Contribution) -> None:
    """Keep a contribution, its files apart: a rebuild reads them only if docs/ lost them."""
    _store(cache, c.slug, key, replace(c, files={}))
    _store(cache / PAGES, c.slug, key, c.files)


def _source_keys(sources: list[Source], data: Path, publication: Publication) -> list[str]:
    """Each source's key in the cache."""
    # once: hundreds of sources share them (the TEI header names the edition, its address and licence)
    shared = code_fingerprint() + _registers_fingerprint(data) + repr(publication)
    return [_cache_key(s, shared) for s in sources]


def _registers(data: Path, cache: Path | None) -> Enrichment:
    """The registers, read and checked, or as the last build with the same registers and code read
    them (reading their YAML with its lines and aliases checked is a quarter of a cached build)."""
    if not cache:
        return Enrichment.load(data)
    folder = cache / "registers"  # apart from the sources' (a source may be called "registers")
    key = hashlib.sha256((code_fingerprint() + _registers_fingerprint(data)).encode()).hexdigest()[:32]
    if (entries := _cached(folder, "registers", key)) is not None:
        return Enrichment(entries)
    context = Enrichment.load(data)
    _store(folder, "registers", key, context.entries)
    return context


def _registers_fingerprint(data: Path) -> str:
    digest = hashlib.sha256()
    for name in sorted(s.file for s in SPECS):  # every register's file
        path = data / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"\0absent"))
    return digest.hexdigest()


def _cache_key(source: Source, shared: str) -> str:
    """Content, not timestamps: the source's files, its published anchors (the manifest's lines for
    it), and what every source shares (code, registers)."""
    digest = hashlib.sha256(shared.encode())
    digest.update((source.promises.digest() if source.promises is not None else "no promises").encode())
    for path in sorted(source.folder.iterdir()):
        if path.is_symlink():  # never followed (read.py refuses a source's text or source.yml as a link)
            digest.update(path.name.encode() + b"\0link\0" + os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def _cached(cache: Path, name: str, key: str):
    """What _store kept under name and key (a source's Contribution, the registers' entries), or None."""
    try:
        return pickle.loads((cache / f"{name}-{key}.pickle").read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return None  # none, or damaged: made again


def _store(cache: Path, name: str, key: str, made) -> None:
    """Keep what was made under name and key, in place of what was kept under name before."""
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"{name}-{'?' * len(key)}.pickle"):  # not "a-b-..." for slug "a"
        old.unlink()
    write_atomically(cache / f"{name}-{key}.pickle", pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))


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
        staged, target = stage / rel, docs_dir / rel
        if target.is_file() and (os.path.samefile(staged, target) or target.read_bytes() == staged.read_bytes()):
            continue  # the same file (linked from it), or the same bytes
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.replace(target)
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
            for page in b.pages():
                if page.label:
                    where.setdefault(f"p-{page.label}", d.slug)
    return where


def source_record(edition: Edition) -> dict:
    """Bibliographic metadata and the pages of the edition, for citation templates and exports."""
    source = edition.source
    parts = [_part_record(source, d) for d in edition.divisions]
    return {"slug": source.slug, "bibliography": source.meta, "parts": parts,
            "unit": "page" if any(p.label for p in source.pages) else "paragraph",
            "editorial_notes": f"{source.slug}/editorial-notes.html"}


def _part_record(source: Source, d) -> dict:
    """A part's place in the source (build_tools/cite.py cites it from here): the page it begins on
    and the last page that begins in it (its own text: a book may print its notes at the back),
    whether their places are exact, and its first and last paragraph numbers."""
    breaks = [p for b in d.blocks for p in b.pages() if p.label]
    last = breaks[-1] if breaks else None
    opening = d.blocks[0] if d.blocks else None
    # an opening before the source's first page marker has no page: the part's first break stands for it
    first = (opening.page, opening.page_exact) if opening and opening.page else (
        (breaks[0].label, breaks[0].exact) if breaks else (None, True))
    numbers = [b.ordinal for b in d.blocks if b.ordinal]
    return {"slug": d.slug, "title": d.title, "number": d.number or None, "url": f"{source.slug}/{d.slug}.html",
            "first_page": first[0], "first_page_exact": first[1],
            "last_page": last.label if last else first[0], "last_page_exact": last.exact if last else first[1],
            "first_paragraph": numbers[0] if numbers else None, "last_paragraph": numbers[-1] if numbers else None}


def note_summary(edition: Edition, where: dict[str, str]) -> dict:
    """Counts of references and notes, with the anchors of everything left unmatched."""
    slug = edition.source.slug
    url = lambda anchor: f"{slug}/{where[anchor]}.html#{anchor}" if anchor in where else None
    refs = [(b, r) for d in edition.divisions for b in d.blocks for r in b.of(NoteRef)]
    printed = {n.id for d in edition.divisions for n in d.notes + d.unreferenced_notes if not n.missing_text}
    unmatched = [(b, r) for b, r in refs if r.note not in printed]
    return {
        "source": slug,
        "references": len(refs),
        "notes": len(printed),
        "linked_pairs": len(refs) - len(unmatched),
        "references_without_notes": [{"number": r.number, "url": url(b.anchor)} for b, r in unmatched],
        "notes_without_references": [
            {"number": n.number, "id": n.id, "url": url(f"fn:{n.id}")} for d in edition.divisions for n in d.unreferenced_notes
        ],
        "index_locators_not_linked": [
            {"entry": u.entry, "locator": u.locator, "reason": u.reason, "url": url(u.anchor)}
            for u in edition.source.unresolved_locators
        ],
        "editor_notes": [  # the editor's commentary (corrections.yml), apart from the author's notes
            {"number": m.number, "id": m.entry.id, "note": m.entry.editor_note, "by": m.entry.by, "date": m.entry.date,
             "url": f"{slug}/{d.slug}.html#ed-{m.entry.id}", "passage": url(b.anchor)}
            for d in edition.divisions for b in _part_blocks(d) for m in b.of(CommentRef)
        ],
    }


def _part_blocks(d) -> list:
    """A part's blocks and its notes' blocks, in reading order."""
    return d.blocks + [b for n in d.notes + d.unreferenced_notes for b in n.blocks]


def source_pages(edition: Edition, result: dict, where: dict[str, str],
                 footers: dict[tuple[str, str], str], citation: str,
                 findings: list[Finding] | None = None, targets: dict | None = None) -> tuple[dict[str, str], list]:
    """A source's pages (path under docs/ -> Markdown) and its entries in the navigation.

    Every page names its source (write/place.py): its tab title, and the opening of its heading,
    linked to the source's first page. The navigation titles each page (HTML, escaped here)."""
    source = edition.source
    files: dict[str, str] = {}
    single = len(edition.divisions) == 1
    entries: list = []
    label, label_text = place.label_markdown(source.meta), place.label_text(source.meta)
    for d in edition.divisions:
        top = ""
        tei = f"../data/tei/{source.slug}.xml"  # the slug is a plain name (read.SLUG_RE)
        bottom = f"[Editorial notes](editorial-notes.md) · [TEI P5]({tei}) · Cite as: {citation}"
        if d.slug == "index" and not single:
            top = f"Cite as: {citation}"  # the citation has italics of its own
            links = [f"- [{escape(_part_title(x))}]({x.slug}.md)" for x in edition.divisions[1:]]
            bottom = "## Contents of this edition\n\n" + "\n".join(
                links + ["- [Editorial notes](editorial-notes.md)", f"- [The text as TEI P5 XML]({tei}), with its apparatus"])
        if d.kind == "index":
            bottom = _unresolved_locators(source) + "\n\n" + bottom
        footer = footers.get((source.slug, d.slug), "")
        bottom = bottom + ("\n\n" + footer if footer else "")
        changed = changes.page_changes(edition, d.slug, where)  # for "Show editorial changes" (edition.js)
        bottom = bottom + ("\n\n" + changed if changed else "")
        first = d.slug == "index"
        part = _part_title(d)
        title = place.tab_title(None if part.casefold() == str(source.meta["title"]).casefold() else part, label_text)
        opening = place.heading_source(label, None if first else "index.md")
        files[f"{source.slug}/{d.slug}.md"] = place.front_matter(title) + render_division(
            source, d, extra_top=top, extra_bottom=bottom, resolve=lambda a: _resolve(a, where, targets or {}),
            heading_opening=opening)
        name = "About this source" if first and not single else _part_title(d)
        entries.append({place.nav_title(name): f"{source.slug}/{d.slug}.md"})
    files[f"{source.slug}/editorial-notes.md"] = place.front_matter(place.tab_title("Editorial notes", label_text)) + \
        render_editorial_notes(edition, where, result, findings or [], heading_opening=place.heading_source(label, "index.md"))
    entries.append({"Editorial notes": f"{source.slug}/editorial-notes.md"})
    files[f"data/text/{source.slug}.txt"] = reading_text(edition)
    return files, entries


def _part_title(d) -> str:
    """A part as the navigation and the contents list name it: "7. I Become Anticommunist"."""
    return f"{d.number}. {d.title}" if d.number else d.title


def write_shared_pages(done: list[Contribution], registers: Registers, out: Path,
                       settings: Settings = Settings(), memo: dict[str, list[str]] | None = None) -> None:
    """The pages and data that gather every source (memo: transliteration.with_transliterations')."""
    data = out / "data"
    sections = _write_registers(done, registers, out, memo)
    _write(out / "index.md", _home(settings, done, registers, settings.navigation_group_size))
    for spec in SPECS:
        if registers.entries.get(spec.name):
            _write(data / "tei" / f"{spec.name}.xml",
                   register_document(spec.name, registers.entries[spec.name], edition_publication(settings)))
    _write(data / "emendations.json", lines_json(line for c in done for line in c.emendations))
    _write(data / "sources.json", records_json([c.record for c in done]))
    lines = sorted((line for c in done for line in c.anchors), key=anchors.natural_key)
    _write(data / "anchors.txt", "# What this build publishes (see build_tools/anchors.py).\n" + "".join(l + "\n" for l in lines))
    _write(data / "notes.json", records_json([c.notes for c in done]))
    _write(data / "audit.json", records_json([c.audit for c in done], sort_keys=True))
    _write(data / "check.json", records_json(f.record() for c in done for f in c.findings))
    nav = navigation(done, registers, settings.navigation_group_size, sections)
    _write(out / ".nav.yml", yaml.safe_dump(nav, allow_unicode=True, sort_keys=False))


def navigation(done: list[Contribution], registers: Registers, group_size: int | None = None,
               sections: dict[str, list] | None = None) -> list:
    """The site's navigation: home, the sources, the registers.

    Every page prints the top level of the navigation, so if each source were
    there, each page would list every source and the build would grow with the
    square of the corpus. Above group_size sources they sit under "Sources" in
    groups of at most group_size, in their order; a page then prints the
    groups, its own group and its own source.
    """
    sources = [c.nav for c in done]
    if group_size and len(done) > group_size:
        sources = [{"Sources": [{_group_title(chunk): [c.nav for c in chunk]} for chunk in _groups(done, group_size)]}]
    nav: list = [{"Home": "index.md"}] + sources
    sections = sections or {}
    for spec in SPECS:
        if registers.entries.get(spec.name):
            nav += sections.get(spec.name) or [{spec.title: f"{spec.name}.md"}]  # sections: its pages (register_layout.py)
    return nav


def _groups(done: list[Contribution], group_size: int) -> list[list[Contribution]]:
    """The sources in groups of at most group_size, in their order, as even as can be."""
    count = -(-len(done) // group_size)
    return [done[k * len(done) // count:(k + 1) * len(done) // count] for k in range(count)]


def _group_title(chunk: list[Contribution], text: bool = False) -> str:
    """'Bazhanov – Brent': the short titles of the first and last source (HTML: the theme prints it
    as is; text: not escaped)."""
    first, last = chunk[0].short_title, chunk[-1].short_title
    title = first if first == last else f"{first} – {last}"
    return title if text else html.escape(title)


def _problems(edition: Edition) -> str:
    """Note references that lead nowhere and notes nothing refers to, in one line."""
    source = edition.source
    kinds = [e.kind for e in edition.emendations if e.status not in SETTLED]  # not those an editor settled
    # A profile that declares the notes absent expects references without notes.
    no_note = 0 if source.setting("notes.absent") else kinds.count("reference without note")
    no_ref = kinds.count("note without reference")
    problems = []
    if no_note:
        problems.append(f"{no_note} note reference{'s' if no_note > 1 else ''} lead{'' if no_note > 1 else 's'} to no note")
    if no_ref:
        problems.append(f"{no_ref} note{'s have' if no_ref > 1 else ' has'} no reference")
    if not problems:
        return ""
    return f"{source.text_path}: {', '.join(problems)} (listed in {source.slug}/editorial-notes)"


def _link_targets(context: Enrichment) -> dict[tuple[str, str], str]:
    """(register, id) -> a link's address and, for a term, its definition as the link's title."""
    pages = register_pages.register_addresses(context.entries)
    targets = {key: f"../{page}#{key[1]}" for key, page in pages.items()}
    for t in context.terms:
        targets[("glossary", t.id)] += " " + register_pages.link_title(t)
    return targets


def _resolve(link: Link, where: dict[str, str], registers: dict[tuple[str, str], str]) -> str | None:
    """A link's address: an entry of a register, or an anchor of this source (None if unpublished)."""
    if link.register:
        return registers.get((link.register, link.target))
    return f"{where[link.target]}.md#{link.target}" if link.target in where else None


def _unresolved_locators(source: Source) -> str:
    lines = ["## Locators not linked { #locators-not-linked }", ""]
    if not source.unresolved_locators:
        return "\n".join(lines + ["Every locator of this index links to its page or note."])
    lines += [f"{len(source.unresolved_locators)} locators of the printed index could not be linked:", "",
              row(["Entry", "Locator", "Reason"]), rule(3)]
    lines += [row([f"[{escape(u.entry)}](#{u.anchor})", escape(u.locator), escape(u.reason)]) for u in source.unresolved_locators]
    return "\n".join(lines)


def _write_registers(done: list[Contribution], reg: Registers, out: Path,
                     memo: dict[str, list[str]] | None = None) -> dict[str, list]:
    """The register pages (write/register_layout.py), their exports, and the moves of the anchors the
    single register pages had. Returns each register's section of the navigation."""
    if not any(reg.entries.values()):
        return {}
    titles = {c.slug: c.short_title for c in done}
    where = {c.slug: c.where for c in done}
    places = {c.slug: c.places for c in done}
    nav, moves = {}, {}
    for spec in SPECS:
        if not reg.entries.get(spec.name):
            continue
        layout = lay_out(spec.page(reg, titles, where, places))
        for path, text in layout.pages.items():
            _write(out / path, text)
        nav[spec.name] = layout.nav
        moves.update(layout.moves)
        _write(out / "data" / f"{spec.name}.json", records_json(spec.export(reg, where)))
    _write(out / "data" / "search-variants.json", json.dumps(transliteration.search_variants(reg, register_pages.search_variants(reg), memo),
                                                                   ensure_ascii=False) + "\n")
    _write(out / anchors.REGISTER_MOVES, json.dumps(moves, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    return nav


def _home(settings: Settings, done: list[Contribution], registers: Registers, group_size: int | None) -> str:
    """The home page (write/home.py): at most group_size sources described at length, more a line each."""
    groups = None
    if group_size and len(done) > group_size:
        groups = [(escape(_group_title(chunk, text=True)), [c.home_line for c in chunk])
                  for chunk in _groups(done, group_size)]
    return home.home_page(escape(settings.title), escape(settings.description) if settings.description else "",
                          home.legend(*_legend_examples(registers)), [c.home for c in done], groups,
                          tuple(s.name for s in SPECS if registers.entries.get(s.name)))


def _legend_examples(registers: Registers) -> tuple[tuple[str, str] | None, ...]:
    """The most-mentioned person, the most-used term and the most-mentioned place, with their entries'
    addresses."""
    pages = register_pages.register_addresses(registers.entries)
    people = Counter(m.person for m in registers.mentions if m.person)
    used = Counter(u.term for u in registers.uses)
    names = {p.id: p.name for p in registers.persons}
    terms = {t.id: t.term for t in registers.terms}
    person = min(people, key=lambda i: (-people[i], i)) if people else None
    term = min(used, key=lambda i: (-used[i], i)) if used else None
    found = Counter(o.entry for o in registers.of("places") if o.entry)
    place = min(found, key=lambda i: (-found[i], i)) if found else None
    named = {p.id: p.name for p in registers.places}
    return ((names[person], f"{pages[('persons', person)]}#{person}") if person else None,
            (terms[term], f"{pages[('glossary', term)]}#{term}") if term else None,
            (named[place], f"{pages[('places', place)]}#{place}") if place else None)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
