"""`edition add PATH --slug SLUG`: a new source, its profile inferred, built on its own.

Everything is checked before anything is written; the source folder is made
under a hidden name in sources/ (which the build ignores) and renamed into
place only once the source has been converted, so a failure leaves nothing
behind.
"""
from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import EditionError, Edition, NoteRef
from ..structure.missing_pages import label_value
from ..read import KINDS, SLUG_RE, decode_text, read_source
from . import infer_layout
from .evidence import Evidence
from .profile import Setting, layout_settings, scalar, source_yml

INFORMATION = ("line_end_hyphens", "ligature_gaps")  # findings the converter acts on without a setting


@dataclass
class Added:
    folder: Path
    evidence: Evidence
    settings: list[Setting]
    edition: Edition
    audit: dict


def add_source(root: Path, path: Path, slug: str, *, title: str | None = None, authors: list[str] | None = None,
               year: int | None = None, kind: str | None = None, say: Callable[[str], None] = print,
               enrich: bool = True) -> Added:
    """Copy PATH to sources/SLUG/raw.txt, write source.yml with the inferred layout, convert it, report."""
    from ..enrich import Enrichment
    from ..pipeline import process_source

    root, path = Path(root), Path(path)
    target = root / "sources" / slug
    _check_request(path, slug, target, kind)
    people = [_author(a) for a in authors or []]
    warnings: list[str] = []
    text = decode_text(path, warnings)  # refuses a missing, empty, binary or non-UTF-8 file
    evidence = infer_layout(text)
    settings = layout_settings(evidence.findings)
    bibliography, guessed = _bibliography(evidence, text, slug, title, people, year, kind)
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".add-", dir=target.parent))  # hidden: no build reads it
    try:
        folder = stage / slug
        folder.mkdir()
        shutil.copyfile(path, folder / "raw.txt")  # the raw text is never changed
        (folder / "source.yml").write_text(source_yml(bibliography, settings, evidence.doubts, path.name),
                                           encoding="utf-8")
        source = read_source(folder)
        context = Enrichment.load(root / "data") if enrich else Enrichment()
        contribution = process_source(source, context, keep_edition=True)
        if target.exists():
            raise EditionError(f"{target}: appeared while the source was being added; nothing was written")
        folder.rename(target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    edition = contribution.edition
    edition.source.folder, edition.source.text_path = target, target / "raw.txt"
    moved = lambda message: message.replace(str(folder), str(target))  # warnings name the staged folder
    warnings += [moved(w) for w in contribution.warnings + ([contribution.problems] if contribution.problems else [])]
    _report(say, target, text, evidence, settings, guessed, edition, contribution.audit, warnings)
    return Added(target, evidence, settings, edition, contribution.audit)


def _check_request(path: Path, slug: str, target: Path, kind: str | None) -> None:
    if not SLUG_RE.fullmatch(slug):
        raise EditionError(f"--slug {slug!r}: use lower-case letters, digits and hyphens (it becomes a folder "
                           "and part of every URL), e.g. --slug lewin-soviet-century")
    if target.exists() or target.is_symlink():
        raise EditionError(f"{target}: a source with the slug {slug!r} exists already; choose another --slug")
    if kind is not None and kind not in KINDS:
        raise EditionError(f"--kind {kind!r}: must be one of {', '.join(KINDS)}")
    if not path.exists():
        raise EditionError(f"{path}: no such file")
    if not path.is_file():
        raise EditionError(f"{path}: not a file (give the text file to add)")


def _author(name: str) -> dict:
    family, _, given = (part.strip() for part in name.partition(","))
    if not family:
        raise EditionError(f"--author {name!r}: write the name as 'Family, Given'")
    return {"family": family, "given": given} if given else {"family": family}


def _bibliography(evidence: Evidence, text: str, slug: str, title: str | None, authors: list[dict],
                  year: int | None, kind: str | None) -> tuple[dict, list[str]]:
    """The bibliography given on the command line; what was not given is guessed and said so."""
    guessed = []
    if not title:
        first = next((l.text for l in evidence.body() if not l.blank), "")
        title = first if 0 < len(first.split()) <= 15 else slug.replace("-", " ").capitalize()
        guessed.append(f"title {title!r} (no --title given; the first line of the text)")
    if not kind:
        strategies = evidence.value("heading_strategies", [])
        kind = "book" if evidence.value("contents") else "chapter" if "chapter-number" in strategies else "essay"
        guessed.append(f"kind {kind!r} (no --kind given)")
    bib: dict = {"kind": kind, "title": title}
    if authors:
        bib["authors"] = authors
    if year is not None:
        bib["year"] = year
    return bib, guessed


def _report(say, target: Path, text: str, evidence: Evidence, settings: list[Setting], guessed: list[str],
            edition: Edition, audit: dict, warnings: list[str]) -> None:
    say(f"edition add: {target / 'raw.txt'} ({text.count(chr(10)) + 1} lines)")
    say("Found:")
    for s in settings:
        say(f"  {s.key}: {scalar(s.value)}\n      {s.evidence}")
    for f in evidence.findings:
        if f.name in INFORMATION:
            say(f"  ({f.evidence})")
    if guessed or evidence.doubts:
        say("Unsure (left out of the profile; set by hand where it applies):")
        for g in guessed:
            say(f"  - bibliography: {g}")
        for d in evidence.doubts:
            say(f"  - {d.what}")
    say(f"Built {target.name} on its own:")
    for line in summary(edition, audit):
        say(f"  {line}")
    for w in warnings:
        say(f"  warning: {w}")
    say(f"Wrote {target / 'source.yml'}: review the layout there, then run `edition build`.")


def summary(edition: Edition, audit: dict) -> list[str]:
    """The check summary: words kept and removed, the audit, structure found, emendations."""
    removed = audit["removed_words"]
    kinds = Counter(e.kind for e in edition.emendations)
    review = sum(e.status == "review" for e in edition.emendations)
    blocks = [b for d in edition.divisions for b in d.blocks]
    pages = edition.source.pages
    labelled = sorted((p for p in pages if p.label), key=lambda p: label_value(p.label))
    refs = sum(len(b.of(NoteRef)) for b in blocks)
    notes = sum(len(d.notes) + len(d.unreferenced_notes) for d in edition.divisions)
    lines = [
        f"words: {audit['raw_words']} in the raw text, {audit['edition_words']} in the edition, "
        f"{sum(removed.values())} removed" + (f" ({', '.join(f'{k} {v}' for k, v in removed.items())})" if removed else ""),
        f"audit: {audit['unaccounted']} unaccounted, {audit['invented']} invented"
        + (" — every word is accounted for" if not audit["unaccounted"] + audit["invented"] else " — CHECK THE PROFILE"),
        f"parts {len(edition.divisions)}, paragraphs {sum(b.kind in ('para', 'lines') for b in blocks)}, "
        f"headings {sum(b.kind == 'heading' for b in blocks)}, longest paragraph "
        f"{max((len(b.text.split()) for b in blocks), default=0)} words",
        f"pages {len(labelled)} ({sum(p.exact for p in labelled)} placed exactly"
        + (f", first {labelled[0].label}, last {labelled[-1].label}" if labelled else "") + ")"
        + f"; page breaks in the text {sum(len(b.pages()) for b in blocks)}",
        f"notes {notes}, note references {refs}",
        f"emendations {sum(kinds.values())}" + (f" ({', '.join(f'{k} {n}' for k, n in kinds.most_common())})" if kinds else "")
        + (f", {review} for review" if review else ""),
    ]
    return lines
