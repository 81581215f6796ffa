"""Citation anchors are a promise: once published, `page.html#para-76-3` must
keep opening the passage that was cited.

data/anchors-manifest.txt lists every published anchor, one a line, with a
fingerprint of what it points to:

    bazhanov-damnation-of-stalin/07-i-become-anticommunist.html#p-76 | page 76
    bazhanov-damnation-of-stalin/07-i-become-anticommunist.html#para-76-1 | paragraph, 187 words | kamenev opened the seance and read lenin s letter
    bazhanov-damnation-of-stalin/07-i-become-anticommunist.html#fn:ch07-3 | note, 40 words | ksenofontov ivan ...

A paragraph's fingerprint is its length in words and its opening words,
normalised (lower case, accents and punctuation dropped); a note's the same
of its text; a page's its label, which its id already names.

How each kind of anchor keeps its promise:

- Pages (p-76) follow the printed page labels: the id is the label.
- Notes (fn:ch07-3) are named by the number the source prints; each build
  checks that the note still holds the text it was published with.
- Paragraphs (para-76-3) get their ids by reconciliation with the manifest
  (`reconcile`, called when the structure has given every paragraph its
  natural id): a published anchor stays on its paragraph wherever that moved
  (same fingerprint; else the same opening words, as for a paragraph split in
  two or joined with the next; else an opening emended a little); a new
  paragraph gets its natural id, or, when that was ever published, the same
  with a letter (para-76-3a); a published paragraph that is gone fails the
  build, naming its anchor and quoting its opening words.

An anchor that is gone on purpose (its paragraph deleted, joined to the one
before, or rewritten past recognition) is declared in data/anchors-moved.yml:
`old url#anchor: new url#anchor` (the site then sends readers on: a small
script, since a fragment never reaches a server) or `old url#anchor: retired`.
A line of the manifest is never removed, so that no id is ever given again
to other text. Each build also checks, page by page, that every anchor the
manifest promises for the sources in the build is published (the MkDocs hook
calls `check_manifest`): a source that publishes fewer anchors fails, whatever
the reason. Record what a build publishes (new anchors, emended text) with

    python -m build_tools.anchors --update [--site site]
"""
from __future__ import annotations

import argparse
import difflib
import functools
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from build_tools.letters import without_accents
from build_tools.model import EditionError

MANIFEST = Path("data", "anchors-manifest.txt")
MOVED = Path("data", "anchors-moved.yml")
REDIRECTS_JS = "assets/javascripts/anchor-redirects.js"  # in the site: moved anchors, sent on (file:// too)
# What a build publishes, in the manifest's format (written by the pipeline into docs/data/).
PUBLISHED = Path("data", "anchors.txt")
# Where each register entry went when the register pages were split (under docs/; written by the
# pipeline from the registers, build_tools/write/register_layout.py): served like the declared moves.
REGISTER_MOVES = Path("data", "register-moves.json")
REGISTER_ADDRESS = re.compile(r"[a-z]+(?:/[\w.-]+)*\.html#[\w.:-]+")
RETIRED = "retired"
# The anchors readers cite; headings and back-references are not promised.
CITABLE = re.compile(r"""\bid="((?:p|para)-[^"\s]+|fn:[^"\s]+)\"""")
ENTRY = re.compile(r"[\w./-]+\.html#(?:p-|para-|fn:)[\w:.-]+")
HEADER = ("# Published citation anchors, one a line: page#anchor | what it points to. Never remove a line;\n"
          "# see build_tools/anchors.py. `python -m build_tools.anchors --update` adds what a build publishes.\n")

OPENING_WORDS = 8  # enough to tell the paragraphs of a book apart, short enough to read
SIMILAR = 0.8  # an opening emended this little is still the same paragraph's
SHORTEST_OPENING = 3  # fewer words are too weak a match, but for the whole fingerprint


# ------------------------------------------------------------ fingerprints


@dataclass(frozen=True)
class Fingerprint:
    """What an anchor points to: a page label, or a text's length and opening words."""

    kind: str  # page | paragraph | note
    words: int = 0
    opening: str = ""
    label: str = ""

    def __str__(self) -> str:
        if self.kind == "page":
            return f"page {self.label}"
        return f"{self.kind}, {self.words} word{'s' if self.words != 1 else ''} | {self.opening}".rstrip()

    @classmethod
    def parse(cls, text: str) -> Fingerprint:
        if text.startswith("page "):
            return cls("page", label=text[5:].strip())
        m = re.fullmatch(r"(paragraph|note), (\d+) words? \|(?: ([^|]*))?", text.strip())
        if not m:
            raise ValueError(text)
        return cls(m.group(1), int(m.group(2)), (m.group(3) or "").strip())


def words_of(text: str) -> list[str]:
    """The words of a text, normalised: what an emendation of punctuation, case or accents leaves.
    Numbers are left out: note references mix with them, and later stages repair them (a
    superscript after a year read as a date range), after the anchors are settled."""
    return re.findall(r"[^\W\d_]+", without_accents(text).casefold())


def fingerprint(text: str, kind: str = "paragraph") -> Fingerprint:
    words = words_of(text)
    return Fingerprint(kind, len(words), " ".join(words[:OPENING_WORDS]))


def page_fingerprint(label: str) -> Fingerprint:
    return Fingerprint("page", label=label)


def likeness(promised: Fingerprint, found: Fingerprint) -> int:
    """How surely `found` is the text `promised` was taken from: 4 the same fingerprint, 3 the
    same opening (the text changed further on, was split after its opening or joined with the
    next), 2 one opening is the other's start (split or joined within the opening), 1 an opening
    emended a little (a length close too), 0 not the same text."""
    if promised == found:
        return 4
    a, b = promised.opening.split(), found.opening.split()
    if a == b and len(a) >= SHORTEST_OPENING:
        return 3
    short, long = sorted((a, b), key=len)
    whole = (promised if short is a else found).words == len(short)  # the shorter is a whole text
    if whole and len(short) >= SHORTEST_OPENING and long[:len(short)] == short:
        return 2
    close = abs(promised.words - found.words) <= max(3, 0.2 * max(promised.words, found.words))
    if close and min(len(a), len(b)) >= SHORTEST_OPENING and \
            difflib.SequenceMatcher(None, promised.opening, found.opening).ratio() >= SIMILAR:
        return 1
    return 0


# ------------------------------------------------------------ the manifest


@dataclass(frozen=True)
class Promise:
    """One line of the manifest, and what anchors-moved.yml says of it."""

    url: str
    anchor: str
    fingerprint: Fingerprint | None  # None: a line written before fingerprints (kept on its natural id)
    line: int = 0
    moved: str | None = None  # "retired" or the url#anchor it went to

    @property
    def entry(self) -> str:
        return f"{self.url}#{self.anchor}"

    @property
    def source(self) -> str:
        return self.url.split("/")[0]

    def quote(self) -> str:
        if self.fingerprint is None or self.fingerprint.kind == "page":
            return ""
        return f" (“{self.fingerprint.opening} …”, {self.fingerprint.words} words)"


def manifest_line(entry: str, fp: Fingerprint) -> str:
    return f"{entry} | {fp}"


def parse_line(path: Path, number: int, line: str) -> Promise:
    entry, _, rest = line.partition(" | ")
    entry = entry.strip()
    if not ENTRY.fullmatch(entry):
        raise EditionError(f"{path}:{number}: expected `page.html#anchor | fingerprint`, not {line[:80]!r}")
    try:
        fp = Fingerprint.parse(rest) if rest.strip() else None
    except ValueError:
        raise EditionError(f"{path}:{number}: {rest[:80]!r} is no fingerprint (`page 76`, "
                           "`paragraph, 12 words | opening words`); rewrite it with --update") from None
    url, _, anchor = entry.partition("#")
    return Promise(url, anchor, fp, number)


def read_promises(root: Path) -> list[Promise]:
    """Every line of the manifest, with what anchors-moved.yml declares of it."""
    path = Path(root) / MANIFEST
    if not path.is_file():
        return []
    return list(_promises(path.read_text(encoding="utf-8"), tuple(sorted(read_moved(root).items()))))


@functools.lru_cache(maxsize=4)  # a build reads the manifest four times; its 11,000 lines are parsed once
def _promises(text: str, moved_items: tuple[tuple[str, str], ...]) -> tuple[Promise, ...]:
    moved = dict(moved_items)
    promises = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            p = parse_line(MANIFEST, number, line)
            promises.append(Promise(p.url, p.anchor, p.fingerprint, p.line, moved.get(p.entry)))
    return tuple(promises)


def read_manifest(root: Path) -> list[str]:
    """The promised anchors, `url#anchor`, in the manifest's order."""
    return [p.entry for p in read_promises(root)]


def read_moved(root: Path) -> dict[str, str]:
    """The declared moves, each `page.html#anchor: page.html#anchor` within the site, or `retired`.

    The redirect script sends readers to the new address, so anything else (a javascript: or
    another site's address, a path out of the site) is refused here, naming its line.
    """
    from build_tools.read import load_yaml  # YAML's size and alias limits

    path = Path(root) / MOVED
    if not path.is_file():
        return {}
    node, moved = load_yaml(path)
    if moved is None:
        return {}
    form = f"expected lines of the form `old.html#anchor: new.html#anchor` or `old.html#anchor: {RETIRED}`"
    if not isinstance(moved, dict) or not isinstance(node, yaml.MappingNode):
        raise EditionError(f"{path}:1: {form}")
    for k, v in node.value:
        for item in (k, v):
            value = item.value if isinstance(item, yaml.ScalarNode) else None
            if value == RETIRED and item is v:
                continue
            if value is None or not ENTRY.fullmatch(value) or value.startswith("/") or ".." in value.split("#")[0].split("/"):
                raise EditionError(f"{path}:{item.start_mark.line + 1}: {value!r} is not an address in the site; {form}")
    return {str(k): str(v) for k, v in moved.items()}


@dataclass
class SourcePromises:
    """The manifest's lines for one source, as its conversion needs them."""

    paragraphs: list[Promise] = field(default_factory=list)
    notes: list[Promise] = field(default_factory=list)
    published: set[str] = field(default_factory=set)  # every id ever published: never given to new text

    def digest(self) -> str:
        """For the conversion cache: the same promises, the same conversion."""
        lines = sorted(f"{p.entry} {p.fingerprint} {p.moved}" for p in self.paragraphs + self.notes)
        lines += sorted(self.published)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def promises_by_source(root: Path) -> dict[str, SourcePromises]:
    return group_by_source(read_promises(root))


def promises_from_lines(lines: Iterable[str], moved: dict[str, str] | None = None) -> dict[str, SourcePromises]:
    """Promises from manifest lines (a build's data/anchors.txt, a test's own)."""
    moved = moved or {}
    parsed = [parse_line(MANIFEST, n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    return group_by_source([Promise(p.url, p.anchor, p.fingerprint, p.line, moved.get(p.entry)) for p in parsed])


def group_by_source(promises: Iterable[Promise]) -> dict[str, SourcePromises]:
    by_source: dict[str, SourcePromises] = defaultdict(SourcePromises)
    for p in promises:
        mine = by_source[p.source]
        mine.published.add(p.anchor)
        if p.anchor.startswith("para-"):
            mine.paragraphs.append(p)
        elif p.anchor.startswith("fn:"):
            mine.notes.append(p)
    return dict(by_source)


# ---------------------------------------------------------- reconciliation


@dataclass(frozen=True)
class Paragraph:
    natural: str  # the id the structure gives it (structure/anchors.py)
    text: str  # its reading text


@dataclass
class Reconciliation:
    ids: list[str]  # the final id of each paragraph, in order
    gone: list[Promise]  # published paragraphs found nowhere, and not declared moved
    followed: list[tuple[Promise, int, int]]  # (promise, paragraph index, likeness) for all but an exact match


def reconcile(promises: list[Promise], paragraphs: list[Paragraph], taken: Iterable[str] = ()) -> Reconciliation:
    """Give every paragraph its id: a published anchor stays on its paragraph.

    promises: the manifest's paragraph anchors of one source; paragraphs: the source's paragraphs in
    order; taken: ids used by other anchors of the source (headings). Pure: no I/O.
    """
    found = [fingerprint(p.text) for p in paragraphs]
    owner: dict[int, Promise] = {}
    followed: list[tuple[Promise, int, int]] = []
    _match_by_natural_id([p for p in promises if p.fingerprint is None], paragraphs, owner)
    open_promises = _match_exactly([p for p in promises if p.fingerprint is not None], paragraphs, found, owner)
    for promise, i, score in _best_matches(open_promises, paragraphs, found, owner):
        owner[i] = promise
        followed.append((promise, i, score))
    matched = {p.anchor for p in owner.values()}
    gone = [p for p in promises if p.anchor not in matched and not p.moved]
    reserved = {p.anchor for p in promises} | set(taken)
    return Reconciliation(_final_ids(paragraphs, owner, reserved), gone, followed)


def _match_by_natural_id(promises: list[Promise], paragraphs: list[Paragraph], owner: dict[int, Promise]) -> None:
    """Lines without a fingerprint keep the paragraph whose natural id they name (as before reconciliation)."""
    natural = {p.natural: i for i, p in enumerate(paragraphs)}
    for promise in promises:
        i = natural.get(promise.anchor)
        if i is not None and i not in owner:
            owner[i] = promise


def _match_exactly(promises: list[Promise], paragraphs: list[Paragraph], found: list[Fingerprint],
                   owner: dict[int, Promise]) -> list[Promise]:
    """Same fingerprint: the same paragraph, wherever it is now. Where several paragraphs share one
    (a repeated "Yes."), the one that kept its natural id first, then in order."""
    by_fingerprint: dict[Fingerprint, list[int]] = defaultdict(list)
    for i, fp in enumerate(found):
        if i not in owner:
            by_fingerprint[fp].append(i)
    unmatched = []
    groups: dict[Fingerprint, list[Promise]] = defaultdict(list)
    for promise in promises:
        groups[promise.fingerprint].append(promise)
    for fp, group in groups.items():
        free = by_fingerprint.get(fp, [])
        for promise in sorted(group, key=lambda p: p.anchor not in {paragraphs[i].natural for i in free}):
            same_id = [i for i in free if paragraphs[i].natural == promise.anchor]
            if same_id or free:
                i = (same_id or free)[0]
                free.remove(i)
                owner[i] = promise
            else:
                unmatched.append(promise)
    return unmatched


def _best_matches(promises: list[Promise], paragraphs: list[Paragraph], found: list[Fingerprint],
                  owner: dict[int, Promise]):
    """The remaining promises against the remaining paragraphs, surest pairs first. Candidates share
    a first word or one of the promise's rarest opening words, so the work grows with the edits."""
    free = [i for i in range(len(paragraphs)) if i not in owner]
    by_word: dict[str, list[int]] = defaultdict(list)
    for i in free:
        for word in set(found[i].opening.split()):
            by_word[word].append(i)
    pairs = []
    for k, promise in enumerate(promises):
        words = promise.fingerprint.opening.split()
        rare = sorted(set(words), key=lambda w: (len(by_word.get(w, ())), w))[:3]
        candidates = set(by_word.get(words[0], ()) if words else ()).union(*(by_word.get(w, ()) for w in rare))
        for i in candidates:
            score = likeness(promise.fingerprint, found[i])
            if score:
                closeness = -abs(promise.fingerprint.words - found[i].words)
                pairs.append((-score, paragraphs[i].natural != promise.anchor, -closeness, k, i))
    taken_promises: set[int] = set()
    taken_paragraphs: set[int] = set()
    for minus_score, _, _, k, i in sorted(pairs):
        if k not in taken_promises and i not in taken_paragraphs:
            taken_promises.add(k)
            taken_paragraphs.add(i)
            yield promises[k], i, -minus_score


def _final_ids(paragraphs: list[Paragraph], owner: dict[int, Promise], reserved: set[str]) -> list[str]:
    """Published ids where promised; a new paragraph keeps its natural id unless that was ever
    published, and is then told apart by a letter: para-76-3a, para-76-3b."""
    used = {p.anchor for p in owner.values()}
    ids = []
    for i, paragraph in enumerate(paragraphs):
        if i in owner:
            ids.append(owner[i].anchor)
            continue
        candidate, n = paragraph.natural, 0
        while candidate in reserved or candidate in used:
            n += 1
            candidate = paragraph.natural + _letters(n)
        used.add(candidate)
        ids.append(candidate)
    return ids


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: short suffixes, never digits (those would read as another paragraph)."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


SHOWN = 20  # anchors named in one message; a source that lost all its text would name thousands


def _listed(lines: list[str]) -> list[str]:
    return lines[:SHOWN] + ([f"... and {len(lines) - SHOWN} more"] if len(lines) > SHOWN else [])


def gone_message(gone: list[Promise], text_path: Path | str) -> str:
    lines = [f"{MANIFEST}:{p.line}: {p.entry}{p.quote()} opens no paragraph of {text_path} any more"
             for p in gone]
    what = (f"cited links would point at other text: restore the text, or declare in {MOVED} where "
            f"{'it' if len(gone) == 1 else 'each'} went (`old.html#anchor: new.html#anchor`) or that it is retired "
            f"(`old.html#anchor: {RETIRED}`)")
    if len(lines) == 1:  # one anchor gone: one line
        return f"{lines[0]}; {what}."
    return "\n".join(_listed(lines)) + f"\n{what[0].upper()}{what[1:]}."


def note_problems(promises: list[Promise], notes: dict[str, str]) -> list[str]:
    """Promised notes that hold other text now (notes: anchor -> the note's text). A note that is
    gone is the page check's to report."""
    problems = []
    for p in promises:
        if p.anchor in notes and p.fingerprint is not None and not p.moved:
            now = fingerprint(notes[p.anchor], "note")
            if not likeness(p.fingerprint, now):
                problems.append(f"{MANIFEST}:{p.line}: {p.entry}{p.quote()} now holds other text "
                                f"(“{now.opening} …”); restore the note, or declare in {MOVED} where it went")
    return problems


# ------------------------------------------------- the build's own check


def anchors_in(html: str) -> set[str]:
    return set(CITABLE.findall(html))


def published_in(site: Path) -> dict[str, set[str]]:
    """{page url: its citable anchors} for a built site folder."""
    found = {}
    for page in sorted(Path(site).rglob("*.html")):
        ids = anchors_in(page.read_text(encoding="utf-8"))
        if ids:
            found[page.relative_to(site).as_posix()] = ids
    return found


def sources_in(site: Path) -> set[str]:
    """The sources a built site holds (its data/sources.json)."""
    path = Path(site) / "data" / "sources.json"
    return {s["slug"] for s in json.loads(path.read_text(encoding="utf-8"))} if path.is_file() else set()


def _exists(target: str, published: dict[str, set[str]]) -> bool:
    url, _, anchor = target.partition("#")
    return anchor in published.get(url, ())


def _elsewhere(promise: Promise, published: dict[str, set[str]]) -> str:
    """The same id on another page of the same source: the line to add to anchors-moved.yml."""
    urls = [url for url, ids in published.items() if url.split("/")[0] == promise.source and promise.anchor in ids]
    return f" (now on {urls[0]}: declare `{promise.entry}: {urls[0]}#{promise.anchor}`)" if urls else ""


def check_manifest(root: Path, published: dict[str, set[str]], sources: Iterable[str]) -> dict[str, str]:
    """Fail unless every anchor the manifest promises for the sources in this build is published
    or declared moved. A source that publishes fewer anchors fails, whatever the reason; only a
    source that is not in the build at all (an edition made of other sources) has no promises here.

    Returns the redirects (old `url#anchor` -> new `url#anchor`) the site must serve.
    """
    present = set(sources)
    missing, bad_moves = [], []
    for promise in read_promises(root):
        if promise.source not in present or _exists(promise.entry, published):
            continue
        if not promise.moved:
            missing.append(f"{MANIFEST}:{promise.line}: {promise.entry}{promise.quote()}{_elsewhere(promise, published)}")
        elif promise.moved != RETIRED and not _exists(promise.moved, published):
            bad_moves.append(f"{promise.entry} -> {promise.moved}")
    problems = []
    if missing:
        problems.append(f"{len(missing)} published anchor(s) no longer exist and are not declared "
                        f"in {MOVED}:\n  " + "\n  ".join(_listed(missing)))
    if bad_moves:
        problems.append(f"{MOVED} sends anchors to places that do not exist:\n  " + "\n  ".join(bad_moves))
    if problems:
        raise EditionError("\n".join(problems) + f"\nCited links would break. Restore the anchors, or declare "
                           f"in {MOVED} where they went or that they are retired.")
    moved = read_moved(root)
    return {old: new for old, new in moved.items() if new != RETIRED and not _exists(old, published)}


def unlisted(root: Path, published: dict[str, set[str]]) -> int:
    """How many published anchors the manifest does not promise yet."""
    listed = set(read_manifest(root))
    return sum(f"{url}#{a}" not in listed for url, ids in published.items() for a in ids)


# ---------------------------------------------------------------- updating


def read_published(path: Path) -> dict[str, Fingerprint]:
    """A build's docs/data/anchors.txt: url#anchor -> fingerprint."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    promises = [parse_line(Path(path), n, line) for n, line in enumerate(lines, start=1)
                if line.strip() and not line.startswith("#")]
    return {p.entry: p.fingerprint for p in promises}


def write_manifest(root: Path, published: dict[str, Fingerprint]) -> Path:
    """Promise every anchor now published, with what it points to now; every other line stays."""
    path = Path(root) / MANIFEST
    lines = {p.entry: p.fingerprint for p in read_promises(root)}
    lines.update(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(manifest_line(entry, fp) + "\n" for entry, fp in sorted(lines.items(), key=lambda x: natural_key(x[0])))
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def natural_key(entry: str) -> list:
    """para-76-10 after para-76-9: the manifest reads in the order of the pages."""
    return [(0, int(x), "") if x.isdigit() else (1, 0, x) for x in re.split(r"(\d+)", entry)]


def redirects_script(redirects: dict[str, str]) -> str:
    """The map edition.js reads to send old anchors to new ones (a script, not
    JSON: fetch() is refused from file://)."""
    data = json.dumps(redirects, ensure_ascii=False, sort_keys=True, indent=0).replace("<", "\\u003c")
    return (f"// Generated from {MOVED.as_posix()} and the split register pages ({REGISTER_MOVES.as_posix()}): "
            f"old page#anchor -> new page#anchor.\nvar __edition_moved = {data};\n")


def redirects(root: Path, docs: Path | None = None) -> dict[str, str]:
    """Every declared move that has somewhere to go (retired anchors have not), and the moves of
    the register entries (docs/data/register-moves.json), which a declared move overrides."""
    moved = register_moves(docs) if docs is not None else {}
    moved.update((old, new) for old, new in read_moved(root).items() if new != RETIRED)
    return moved


def register_moves(docs: Path) -> dict[str, str]:
    """The register entries' moves the pipeline wrote; each one an address of a page of the
    edition (no scheme, no '..'): the script sends readers there."""
    path = Path(docs) / REGISTER_MOVES
    if not path.is_file():
        return {}
    moves = json.loads(path.read_text(encoding="utf-8"))
    bad = [f"{old}: {new}" for old, new in moves.items()
           if not (REGISTER_ADDRESS.fullmatch(old) and REGISTER_ADDRESS.fullmatch(new))]
    if bad:
        raise EditionError(f"{path}: not addresses of the edition's register pages: {'; '.join(bad[:5])}; "
                           "rebuild with `edition build`")
    return moves


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.anchors", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--site", type=Path, help="built site (default: ROOT/site)")
    parser.add_argument("--update", action="store_true", help="add what the built site publishes to the manifest")
    args = parser.parse_args(argv)
    site = args.site or args.root / "site"
    published = published_in(site)
    if not published or not (site / PUBLISHED).is_file():
        print(f"no pages with anchors under {site}; build the site first", file=sys.stderr)
        return 1
    try:
        if args.update:
            print(write_manifest(args.root, read_published(site / PUBLISHED)))
            return 0
        check_manifest(args.root, published, sources_in(site))
    except EditionError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"all {len(read_manifest(args.root))} promised anchors exist; "
          f"{unlisted(args.root, published)} newer ones not yet in {MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
