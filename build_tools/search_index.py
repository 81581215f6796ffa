"""The edition's search index: read in parts, from a web server or from file://.

One search index for the whole edition grows with the corpus (25 MB at 20
times the five sources) and a browser tab must load all of it before the
first result. This index is cut into small files, and a query loads only
the files it needs:

    search/meta.js               how words are split and folded; which term files exist
    search/terms/<key>.js        the terms starting with <key> (their first two letters):
                                 [term, documents, weight of the term, postings file]
    search/postings/<key>-<n>.js for a run of those terms, the entries holding each and
                                 how much it weighs in each: [entry gap, weight, ...]
    search/docs/<page>-<n>.js    DOCS_PER_FILE entries of one page: anchor and text, and
                                 the page's address, title and source

An entry's number is its page's number x STRIDE + its place on the page, so
results are grouped by page before any entry's text is read, and only the
texts shown are loaded.

Every file is a classic script that hands its data to a global function,
`__editionSearch(name, data)`, defined by assets/javascripts/search.js; so
the browser loads them with <script> elements, which Chromium allows from
file:// where it refuses fetch() and module scripts.

An entry is one paragraph, note, heading, register entry or table row, read
from the generated Markdown in docs/ (not from the rendered HTML), and links
to its own anchor. Its words are split, folded (accents, apostrophes, case)
and stop words dropped as build_tools/search.py does, and the spellings of
docs/data/search-variants.json are added as words of the entries that
mention another spelling of the same name.

A query (`search`, here and, line for line, in search.js) folds and splits
its words the same way; each word matches its own term (weight 2) and, from
MIN_PREFIX letters on, up to MAX_EXPANSIONS longer terms it begins (weight
1). An entry scores, for each query word, the best of weight x term weight x
the entry's weight for that term (BM25's, precomputed as whole numbers so
Python and JavaScript rank identically); entries matching more query words
come first, then higher scores, then the edition's order. Results are
grouped by page, at most HITS_PER_PAGE entries each.

`edition search QUERY` answers from these files too, through `Index`.
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import html
import json
import math
import re
import sys
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from build_tools import cite
from build_tools.cache import ContentCache, KeepingWriter, code_fingerprint, write_atomically
from build_tools import search as words_of  # folding, word boundaries, stop words, spelling variants

FOLDER = "search"
META = "meta"
MANIFEST = "index.manifest"  # in the cache: what the published index was made from (KeepingWriter)
REGISTER = "__editionSearch"
DOCS_PER_FILE = 8
POSTINGS_BYTES = 12_000  # a postings file holds a run of terms up to about this size (a big term: alone)
SUMMARY = "pages.summary"  # in the cache: each kept page's title, number of entries and length (_Texts)
POSTINGS_CACHE = "postings"  # in the cache: each page's postings (page_postings), by page and average length
KEY_LENGTH = 2
MIN_PREFIX = 3
MAX_EXPANSIONS = 16
MAX_WORDS = 8
PAGES = 10
HITS_PER_PAGE = 3
# BM25 (k1, b); a heading's words weigh three times a paragraph's, a table row's (the apparatus's
# records) half as much.
K1, B = 1.2, 0.75
AVERAGE_DIGITS = 1  # BM25's average entry length is rounded to this (mean_length)
BOOST = {"heading": 6, "text": 2, "row": 1}

WORD_STOP = frozenset(words_of.STOP_WORDS)
SAFE = set("abcdefghijklmnopqrstuvwxyz0123456789")


# ------------------------------------------------------------------ reading docs/


@dataclass(slots=True)
class Entry:
    page: int
    anchor: str
    kind: str  # "heading", "text" or "row"
    text: str
    printed: str = ""  # the printed page it begins on, where the text has page breaks (not notes)


@dataclass
class Page:
    url: str
    title: str
    source: str
    key: str = ""  # its Markdown's digest (page_keys): what its entries and postings are kept under
    count: int = 0  # its entries
    length: int = 0  # their terms, all told (an entry without any counts one): BM25's average is made of it


HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^{}]*)\})?\s*$")
ATTR_LINE = re.compile(r"^\{:[^{}]*\}\s*$")
ABBREVIATION = re.compile(r"^\*\[[^\]]*\]:")
FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:\s*")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
QUOTE = re.compile(r"^\s*>\s?")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
# A register's list of where a name is mentioned ("- Bazhanov, pp. [3](...), [7](...)"): the
# passages it points to are indexed themselves.
LOCATORS = re.compile(r"^[^\[]*\[(?:pp?\. |¶¶? )?[0-9ivxlcdm]+\??\]\(")
ANCHOR = re.compile(r'<a\b[^>]*?\bid="([^"]+)"[^>]*>')
PAGE_BREAK = re.compile(r'class="page-break')
PAGE_LABEL = re.compile(r'<a\b[^>]*\bclass="page-break[^"]*"[^>]*\bdata-page="([^"]*)"')
FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^[^\]]+\]")  # not "\[^1\]", which is text
LINK = re.compile(r"(?<!\\)!?\[((?:\\.|[^\]\\])*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
TAG = re.compile(r"<br\s*/?>|<[^>]+>")
EMPHASIS_MARKS = r"(?<!\\)(?:\*+|_+(?![\w]))|(?<![\w\\])_+"
EMPHASIS = re.compile(rf"(?=[*_])(?:{EMPHASIS_MARKS})")  # the lookbehinds tried only at a mark: 4x faster
ESCAPED = re.compile(r"\\(.)")
SPACE = re.compile(r"\s+")


def plain(markdown: str) -> str:
    """The text a reader sees of one block of our generated Markdown."""
    text = FOOTNOTE_REF.sub("", markdown)
    text = LINK.sub(lambda m: m.group(1), text)
    text = TAG.sub(lambda m: " " if m.group(0).startswith("<br") else "", text)
    text = EMPHASIS.sub("", text)
    text = ESCAPED.sub(lambda m: m.group(1), text)
    return SPACE.sub(" ", html.unescape(text)).strip()


def block_anchor(markdown: str) -> str:
    """The block's own anchor: the first id in it that is not a page break's."""
    for m in ANCHOR.finditer(markdown):
        if not PAGE_BREAK.search(m.group(0)):
            return m.group(1)
    return ""


def blocks(lines: list[str]):
    """Runs of non-blank lines."""
    run: list[str] = []
    for line in lines:
        if line.strip():
            run.append(line)
        elif run:
            yield run
            run = []
    if run:
        yield run


# How a page's first heading names its source (build_tools/write/place.py): the result shows the source apart
SOURCE_OPENING = re.compile(r'<span class="edition-source">.*?<span class="edition-source__sep">: </span></span>')


def page_entries(markdown: str, page: int) -> tuple[str, list[Entry]]:
    """(title, entries) of one page of docs/."""
    title, section, entries = "", "", []
    excluded_below = 0  # inside a section marked data-search-exclude, of this level
    printed = ""  # the page the text has reached
    for block in blocks(markdown.splitlines()):
        starts_on, printed = printed_pages(" ".join(block), printed)
        heading = HEADING.match(block[0]) if len(block) == 1 else None
        if heading:
            level, attrs = len(heading.group(1)), heading.group(3) or ""
            if excluded_below and level > excluded_below:
                continue
            excluded_below = level if "data-search-exclude" in attrs else 0
            if excluded_below:
                continue
            ids = re.findall(r"#([\w:.-]+)", attrs)
            section = ids[0] if ids else block_anchor(heading.group(2))
            text = plain(SOURCE_OPENING.sub("", heading.group(2)))
            if level == 1 and not title:
                title = text
            if text:
                entries.append(Entry(page, section, "heading", text, starts_on))
            continue
        if excluded_below:
            continue
        note = FOOTNOTE.match(block[0])  # printed elsewhere than the page the text has reached
        for text, anchor, kind in block_texts(block):
            if text:
                entries.append(Entry(page, anchor or section, kind, text, "" if note else starts_on))
    return title, entries


def printed_pages(markdown: str, printed: str) -> tuple[str, str]:
    """(the printed page a block begins on, the page it ends on), given the page before it."""
    labels = list(PAGE_LABEL.finditer(markdown))
    if not labels:
        return printed, printed
    first = labels[0]
    starts_on = first.group(1) if not plain(QUOTE.sub("", markdown[:first.start()])).lstrip("#").strip() else printed
    return html.unescape(starts_on), html.unescape(labels[-1].group(1))


def block_texts(block: list[str]):
    """(text, anchor) of each thing a block holds: a paragraph, a note, list items, table rows."""
    lines = [line for line in block if not ATTR_LINE.match(line) and not ABBREVIATION.match(line)]
    if not lines or any(re.match(r"^\{:.*\.contents\b", line) for line in block):
        return  # a contents list repeats the headings
    if lines[0].lstrip().startswith("|"):
        for row in lines:
            if not TABLE_RULE.match(row):
                yield plain(row.replace("|", " ").replace("&#124;", "|")), block_anchor(row), "row"
        return
    if LIST_ITEM.match(lines[0]):
        items: list[list[str]] = []
        for line in lines:
            if LIST_ITEM.match(line) or not items:
                items.append([LIST_ITEM.sub("", line, count=1)])
            else:
                items[-1].append(line)
        for item in items:
            source = " ".join(item)
            if not LOCATORS.match(source):
                yield plain(source), block_anchor(source), "text"
        return
    source = " ".join(QUOTE.sub("", line) for line in lines)
    note = FOOTNOTE.match(source)
    if note:
        source = source[note.end():]
    yield plain(source), block_anchor(source) or (f"fn:{note.group(1)}" if note else ""), "text"


def read_docs(docs: Path) -> tuple[list[Page], list[Entry]]:
    """Every page of docs/ (in the order of their paths) and its entries."""
    pages: list[Page] = []
    entries: list[Entry] = []
    sources = _source_names(docs)
    for path, rel in _markdown_pages(Path(docs)):
        title, found = page_entries(path.read_text(encoding="utf-8"), len(pages))
        pages.append(_page(rel, title, sources, count=len(found)))
        entries += found
    return pages, entries


def _source_names(docs: Path) -> dict[str, str]:
    """slug -> the source as the navigation and the pages' headings name it ("Bazhanov, Damnation of Stalin")."""
    meta = Path(docs) / "data" / "sources.json"
    if not meta.is_file():
        return {}
    return {s["slug"]: cite.short_form_text(s) for s in json.loads(meta.read_text(encoding="utf-8"))}


def _page(rel: Path, title: str, sources: dict[str, str], key: str = "", count: int = 0, length: int = 0) -> Page:
    source = sources.get(rel.parts[0], "") if len(rel.parts) > 1 else ""
    return Page(rel.with_suffix(".html").as_posix(), title or rel.stem, source, key, count, length)


def terms_text(terms: Counter) -> str:
    """An entry's terms as one text, each as often as it occurs: held and kept so, it is made a
    Counter again at C speed (Counter(text.split()))."""
    return " ".join(t for t, n in sorted(terms.items()) for _ in range(n))


def _length(terms: Counter) -> int:
    return sum(terms.values()) or 1


class _Texts:
    """The pages of docs/ as the index reads them. A page's entries and terms (entry_terms) are kept in
    the cache folder under its key (page_keys), and its postings (page_postings) under its key and the
    average length: a rebuild reads, and weighs, only the pages that changed. Without a cache folder,
    every page is read and held here. keys: each page's key (page_keys), given with the cache."""

    def __init__(self, docs: Path, cache: Path | None = None, keys: dict[Path, str] | None = None):
        self.docs, self.cache = Path(docs), Path(cache) if cache else None
        self.variants: words_of.Variants | None = None  # loaded when a page must be read
        salt = _fingerprint(self.docs)
        self.store = ContentCache(self.cache, salt=salt) if cache else None
        self.kept_postings = ContentCache(self.cache / POSTINGS_CACHE, salt=salt, binary=True) if cache else None
        # the pages read this build: their entries, and each entry's terms as one text (terms_text)
        self.read: dict[int, tuple[list[Entry], list[str]]] = {}
        self.loaded: tuple[int, tuple[list[Entry], list[Counter]]] | None = None  # one at a time: memory at scale
        self.paths: list[Path] = []
        self.pages: list[Page] = []
        summary = _summary(self.cache / SUMMARY) if cache else {}
        sources = _source_names(self.docs)
        for path, rel in _markdown_pages(self.docs):
            key = keys[rel] if self.store else ""
            self.paths.append(path)
            known = summary.get(key) if self.store and self.store.has(key) else None
            if known:  # [title, count, length], as this code made them when it read the page
                self.pages.append(_page(rel, known[0], sources, key, known[1], known[2]))
            else:
                title, (found, terms) = self._read(len(self.pages), key)
                self.pages.append(_page(rel, title, sources, key, len(found), sum(map(_length, terms))))

    def _read(self, number: int, key: str) -> tuple[str, tuple[list[Entry], list[Counter]]]:
        if self.variants is None:
            self.variants = words_of.Variants.load(self.docs / "data" / "search-variants.json")
        title, found = page_entries(self.paths[number].read_text(encoding="utf-8"), number)
        terms = [entry_terms(e, self.variants) for e in found]
        texts = [terms_text(c) for c in terms]
        if self.store:
            self.store.put(key, {"title": title, "entries": [[e.anchor, e.kind, e.text, e.printed] for e in found],
                                 "terms": texts})
        self.read[number] = (found, texts)  # not the counters: at 100x they were half a gigabyte
        return title, (found, terms)

    def entries(self, number: int) -> tuple[list[Entry], list[Counter]]:
        """A page's entries and each one's terms: as read, or from the cache (read again if it lost them)."""
        if self.loaded is None or self.loaded[0] != number:
            if number in self.read:
                found, texts = self.read[number]
            else:
                kept = self.store.get(self.pages[number].key)
                if not kept:
                    return self._read(number, self.pages[number].key)[1]
                found, texts = [Entry(number, *e) for e in kept["entries"]], kept["terms"]
            self.loaded = (number, (found, [Counter(t.split()) for t in texts]))
        return self.loaded[1]

    def page_postings(self, number: int, average: float) -> PagePostings:
        """page_postings of a page, kept or made."""
        key = self.kept_postings.key(f"{self.pages[number].key}\0{average!r}") if self.kept_postings else ""
        if key and isinstance(kept := self.kept_postings.get(key), PagePostings):
            return kept
        made = page_postings(*self.entries(number), average)
        if key:
            self.kept_postings.put(key, made)
        return made

    def keep(self) -> None:
        """Keep what this build read for the next one, and only that."""
        if self.store:
            self.store.prune()
            self.kept_postings.prune()
            summary = {p.key: [p.title, p.count, p.length] for p in self.pages}
            write_atomically(self.cache / SUMMARY, json.dumps(summary, ensure_ascii=False, sort_keys=True))


def _summary(path: Path) -> dict[str, list]:
    """What keep() wrote: page key -> [title, entries, length] (an entry not of that shape is left out)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: known for key, known in found.items() if isinstance(known, list) and len(known) == 3
            and isinstance(known[0], str) and all(type(n) is int and n >= 0 for n in known[1:])}


def _markdown_pages(docs: Path):
    """(path, path in docs/) of each page the index reads, in the order of their paths."""
    for path in sorted(docs.rglob("*.md"), key=lambda p: p.relative_to(docs).as_posix()):
        rel = path.relative_to(docs)
        if not any(part.startswith(".") for part in rel.parts) and rel.parts[0] != "data":
            yield path, rel


def _fingerprint(docs: Path) -> str:
    """What an entry's terms depend on besides its page: the code and the variants."""
    variants = Path(docs) / "data" / "search-variants.json"
    return hashlib.sha256(code_fingerprint().encode() + (variants.read_bytes() if variants.is_file() else b"")
                          ).hexdigest()


def page_keys(docs: Path, cache: Path) -> dict[Path, str]:
    """Each page's key in the index's cache (_Texts): the digest of its Markdown, salted."""
    store = ContentCache(cache, salt=_fingerprint(docs))
    return {rel: store.key(path.read_text(encoding="utf-8")) for path, rel in _markdown_pages(Path(docs))}


# ----------------------------------------------------------------- words


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    return words_of.fold(word)


def terms_of(text: str) -> list[str]:
    """The folded words of a text, without stop words, as the index and queries split them."""
    out = []
    for word in words_of.BOUNDARY.split(text):
        if word:
            folded = fold(word)
            if folded and folded not in WORD_STOP:
                out.append(folded)
    return out


def key_of(term: str) -> str:
    """The name of a term's files: its first letters, anything but a-z and 0-9 spelt as _hex."""
    return "".join(c if c in SAFE else f"_{ord(c):x}" for c in term[:KEY_LENGTH])


def query_words(query: str) -> list[str]:
    """A query's words: folded, split like the text, stop words dropped, each once, at most MAX_WORDS."""
    seen: list[str] = []
    for word in terms_of(re.sub(r"[*+^~]", " ", query)):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


# ----------------------------------------------------------------- writing


def impact(tf: int, length: int, average: float, boost: int) -> int:
    part = tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))
    return max(1, round(5 * boost * part))


def idf(df: int, n: int) -> int:
    return max(1, round(100 * math.log(1 + (n - df + 0.5) / (df + 0.5))))


def script(name: str, data) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{REGISTER}({json.dumps(name)},{body});\n".encode("utf-8")


def stride(counts) -> int:
    """The power of two above the most entries of a page (counts: each page's)."""
    return 1 << max((n for n in counts if n), default=1).bit_length()


def mean_length(pages: list[Page]) -> float:
    """BM25's average entry length, rounded: an edit that barely moves it leaves every other page's
    postings as they were (kept, not weighed again)."""
    return round(sum(p.length for p in pages) / max(1, sum(p.count for p in pages)), AVERAGE_DIGITS)


def entry_terms(entry: Entry, variants: words_of.Variants) -> Counter:
    """How often each term occurs in an entry, with the other spellings of names it mentions (once)."""
    found = terms_of(entry.text)
    terms = Counter(found)
    if variants.groups:
        for phrase in variants.found_in(" ".join(found)):
            for word in phrase.split():
                if word not in WORD_STOP and word not in terms:
                    terms[word] = 1
    return terms


class PagePostings(NamedTuple):
    """A page's share of the postings, by its entries' places on the page (so it holds wherever the
    page stands). For each term, in data up to its end: [last place, first place, its weight, gap to
    the next place, its weight, ...]. Flat: a kept page is read back, and joined, at C speed."""

    terms: list[str]
    ends: array
    data: array


def page_postings(entries: list[Entry], terms: list[Counter], average: float) -> PagePostings:
    runs: dict[str, list[int]] = {}
    weights: dict[tuple[int, int, int], int] = {}  # few kinds of (count, length, boost)
    for place, (entry, counted) in enumerate(zip(entries, terms)):
        length, boost = _length(counted), BOOST[entry.kind]
        for term, tf in counted.items():
            weight = weights.get((tf, length, boost))
            if weight is None:
                weight = weights[tf, length, boost] = impact(tf, length, average, boost)
            run = runs.get(term)
            if run is None:
                runs[term] = [place, place, weight]
            else:
                run += (place - run[0], weight)
                run[0] = place
    made = PagePostings(list(runs), array("i"), array("i"))  # places on a page and weights: small
    for run in runs.values():
        made.data.extend(run)
        made.ends.append(len(made.data))
    return made


def postings_index(texts: _Texts, average: float, step: int) -> dict[str, array]:
    """term -> [entry number, its weight in the entry, gap to the next entry number, its weight, ...]
    (gaps: fewer digits), each entry numbered its page x step + its place on the page: the pages'
    postings joined in page order, as flat arrays (memory at scale)."""
    postings: dict[str, array] = {}
    last: dict[str, int] = {}  # each term's last entry number so far
    # four bytes a number (half the memory of the largest thing a build holds) while entry numbers fit
    typecode = "q" if len(texts.pages) * step >= 2 ** 31 else "i"
    for number in range(len(texts.pages)):
        base, start = number * step, 0
        page = texts.page_postings(number, average)
        data = page.data if page.data.typecode == typecode else array(typecode, page.data)
        for term, end in zip(page.terms, page.ends):
            found = postings.get(term)
            if found is None:
                term = sys.intern(term)  # one string a term, not one a page
                found = postings[term] = data[start + 1:end]
                found[0] += base
            else:
                found.append(base + data[start + 1] - last[term])
                found.extend(data[start + 2:end])
            last[term] = base + data[start]
            start = end
    return postings


def write_index(docs: Path, site: Path, cache: Path | None = None, previous: Path | None = None) -> Path:
    """Write site/search/ from docs/; returns the folder. Replaces what was there. cache: a folder
    where each page's entries, terms and postings are kept for the next build (only changed pages are
    read); previous: the site published before, whose index files are linked where they are unchanged."""
    import shutil

    out = Path(site) / FOLDER
    if out.exists():
        shutil.rmtree(out)
    for sub in ("terms", "postings", "docs"):
        (out / sub).mkdir(parents=True)
    files = KeepingWriter(out, Path(previous) / FOLDER if previous else None,
                          manifest=Path(cache) / MANIFEST if cache else None, salt=code_fingerprint())
    keys = page_keys(docs, cache) if cache else None  # each page read once, here, unless made again
    inputs = _inputs(docs, keys) if keys is not None else ""
    if files.reuse(inputs):
        return out
    texts = _Texts(docs, cache, keys)
    step = stride(p.count for p in texts.pages)
    entries = sum(p.count for p in texts.pages)
    postings = postings_index(texts, mean_length(texts.pages), step)
    keys = _write_terms(files, postings, entries)
    _write_docs(files, texts)
    meta = {"entries": entries, "stride": step, "docs_per_file": DOCS_PER_FILE, "boundary": words_of.BOUNDARY.pattern,
            "stop": sorted(WORD_STOP), "key_length": KEY_LENGTH, "min_prefix": MIN_PREFIX,
            "max_expansions": MAX_EXPANSIONS, "max_words": MAX_WORDS, "pages": PAGES,
            "hits_per_page": HITS_PER_PAGE, "keys": keys}
    files.write(f"{META}.js", script(META, meta))
    files.record(inputs)
    texts.keep()
    return out


def _inputs(docs: Path, keys: dict[Path, str]) -> str:
    """All an index is made of: the pages (their keys hold the code and the variants) and the sources."""
    sources = Path(docs) / "data" / "sources.json"
    digest = hashlib.sha256(sources.read_bytes() if sources.is_file() else b"\0absent")
    for rel, key in keys.items():
        digest.update(f"\0{rel.as_posix()}\0{key}".encode())
    return digest.hexdigest()


def _write_terms(files: KeepingWriter, postings: dict[str, array], n: int) -> list[str]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for term in postings:
        by_key[key_of(term)].append(term)
    for key, terms in by_key.items():
        terms.sort()
        dictionary, parts, current, size = [], [], [], 0
        for term in terms:
            cost = len(term) + 4 * len(postings[term])  # about what its postings take in the file
            if current and size + cost > POSTINGS_BYTES:
                parts.append(current)
                current, size = [], 0
            current.append(term)
            size += cost
            df = len(postings[term]) // 2
            dictionary.append([term, df, idf(df, n), len(parts)])
        parts.append(current)
        for number, part in enumerate(parts):
            name = f"postings/{key}-{number}"
            files.write_made(f"{name}.js", _postings_key(part, postings),
                             lambda name=name, part=part: script(name, {t: postings[t].tolist() for t in part}))
        files.write(f"terms/{key}.js", script(f"terms/{key}", dictionary))
    return sorted(by_key)


def _postings_key(terms: list[str], postings: dict[str, array]) -> str:
    """What a postings file is made of: its terms and their postings (most are the same after a change)."""
    digest = hashlib.blake2b(digest_size=16)
    for term in terms:
        digest.update(term.encode() + b"\0")
        digest.update(postings[term].tobytes())
    return digest.hexdigest()


def doc_file(number: int, step: int) -> str:
    return f"docs/{number // step}-{number % step // DOCS_PER_FILE}"


def _write_docs(files: KeepingWriter, texts: _Texts) -> None:
    """Each page's entries, DOCS_PER_FILE to a file (as doc_file names them): text, anchor, kind and
    printed page, and the page's address, title and source."""
    for number, page in enumerate(texts.pages):
        for part in range(-(-page.count // DOCS_PER_FILE)):
            name = f"docs/{number}-{part}"

            def make(name=name, number=number, page=page, part=part) -> bytes:
                held = texts.entries(number)[0][part * DOCS_PER_FILE:(part + 1) * DOCS_PER_FILE]
                return script(name, {"page": [page.url, page.title, page.source],
                                     "docs": [[e.anchor, e.kind, e.text, e.printed] for e in held]})

            if page.key:  # the file holds a run of the page's entries, all kept under its key
                key = json.dumps([page.key, page.url, page.title, page.source, part])
                files.write_made(f"{name}.js", hashlib.blake2b(key.encode(), digest_size=16).hexdigest(), make)
            else:
                files.write(f"{name}.js", make())


def require_index(site: Path) -> None:
    """A site without its search index must not be published."""
    from build_tools.model import EditionError

    if not (Path(site) / FOLDER / f"{META}.js").is_file():
        raise EditionError(f"{Path(site) / FOLDER / (META + '.js')} is missing: the search index was not written "
                           "(build with `edition build`, which writes it after MkDocs)")


# ----------------------------------------------------------------- reading


def parse_script(text: str):
    """(name, data) of one index file."""
    if not text.startswith(REGISTER + "(") or not text.rstrip().endswith(");"):
        raise ValueError("not a search index file")
    body = text[len(REGISTER) + 1:text.rstrip().rindex(")")]
    decoder = json.JSONDecoder()
    name, end = decoder.raw_decode(body)
    return name, json.loads(body[end + 1:])


class Index:
    """The index files of one site, read as a query needs them (and kept)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.files: dict[str, object] = {}
        self.loaded: list[str] = []  # in the order they were read: what a browser would download
        self.meta = self.load(META)
        self.keys = set(self.meta["keys"])

    def load(self, name: str):
        if name not in self.files:
            path = self.folder / f"{name}.js"
            got, data = parse_script(path.read_text(encoding="utf-8"))
            if got != name:
                raise ValueError(f"{path} registers {got!r}")
            self.files[name] = data
            self.loaded.append(name)
        return self.files[name]

    def bytes_loaded(self) -> int:
        return sum((self.folder / f"{name}.js").stat().st_size for name in self.loaded)

    def matches(self, word: str) -> list[tuple[str, int, int, int]]:
        """(term, weight, term weight, postings file) of the terms a query word matches."""
        key = key_of(word)
        if key not in self.keys:
            return []
        dictionary = self.load(f"terms/{key}")
        found = []
        start = bisect.bisect_left(dictionary, [word])
        if start < len(dictionary) and dictionary[start][0] == word:
            found.append((word, 2, dictionary[start][2], dictionary[start][3]))
        if len(word) >= self.meta["min_prefix"]:
            longer = []
            for row in dictionary[start:]:
                if not row[0].startswith(word):
                    break
                if row[0] != word:
                    longer.append(row)
            longer.sort(key=lambda row: (-row[1], row[0]))  # the most frequent completions
            found += [(row[0], 1, row[2], row[3]) for row in longer[:self.meta["max_expansions"]]]
        return found

    def rank(self, query: str) -> tuple[list[str], list[int], dict[int, list[int]]]:
        """(the terms matched, the entries found best first, their [words matched, score])."""
        key_words = query_words(query)
        scores: dict[int, list[int]] = {}  # entry -> [words matched, score]
        terms = []
        for word in key_words:
            best: dict[int, int] = {}
            for term, weight, term_weight, file in self.matches(word):
                terms.append(term)
                flat = self.load(f"postings/{key_of(word)}-{file}")[term]
                number = 0
                for i in range(0, len(flat), 2):
                    number += flat[i]
                    score = weight * term_weight * flat[i + 1]
                    if score > best.get(number, 0):
                        best[number] = score
            for number, score in best.items():
                s = scores.setdefault(number, [0, 0])
                s[0] += 1
                s[1] += score
        ranked = sorted(scores, key=lambda n: (-scores[n][0], -scores[n][1], n))
        return terms, ranked, scores

    def entry(self, number: int) -> tuple[Page, str, str, str, str]:
        """(page, anchor, kind, text, printed page) of one entry."""
        data = self.load(doc_file(number, self.meta["stride"]))
        anchor, kind, text, printed = data["docs"][number % self.meta["stride"] % self.meta["docs_per_file"]]
        return Page(*data["page"]), anchor, kind, text, printed

    def search(self, query: str, pages: int | None = None) -> dict:
        """{"total": entries found, "terms": [...],
        "pages": [{url, title, source, hits: [{location, kind, text, page (printed, or ""),
        score: [words matched, score]}]}]}."""
        terms, ranked, scores = self.rank(query)
        shown = group_by_page(ranked, self.meta["stride"], pages or self.meta["pages"], self.meta["hits_per_page"])
        groups = []
        for numbers in shown:
            hits = []
            for number in numbers:
                page, anchor, kind, text, printed = self.entry(number)
                hits.append({"location": page.url + (f"#{anchor}" if anchor else ""), "kind": kind, "text": text,
                             "page": printed, "score": scores[number]})
            groups.append({"url": page.url, "title": page.title, "source": page.source, "hits": hits})
        return {"total": len(ranked), "terms": terms, "pages": groups}


def group_by_page(ranked: list[int], step: int, pages: int, hits: int) -> list[list[int]]:
    """The first `pages` pages of the ranked entries, each with its first `hits` entries."""
    groups: dict[int, list[int]] = {}
    for number in ranked:
        page = number // step
        if page not in groups:
            if len(groups) == pages:
                break
            groups[page] = []
        if len(groups[page]) < hits:
            groups[page].append(number)
    return list(groups.values())


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """The words around the first matched word, for the command line: whole words at both ends."""
    wanted = set(terms)
    around = 0
    for m in re.finditer(r"[^\s]+", text):
        if any(t in wanted for t in terms_of(m.group(0))):
            around = m.start()
            break
    start = 0
    if around > width // 3:
        start = text.find(" ", around - width // 3) + 1 or around
    end = len(text)
    if end - start > width:
        end = text.rfind(" ", start, start + width)
        end = end if end > around else start + width
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


# ----------------------------------------------------------------- command line


def command(root: Path, query: list[str] | tuple = (), limit: int = PAGES, as_json: bool = False) -> None:
    """`edition search QUERY`: search ROOT/site and print the pages found; exit 1 when none."""
    from build_tools.model import EditionError

    site = Path(root) / "site"
    if not query:
        raise EditionError("what to search for? edition search QUERY")
    if limit < 1:
        raise EditionError(f"--limit {limit}: say how many pages to show, 1 or more")
    if not (site / FOLDER / f"{META}.js").is_file():
        raise EditionError(f"{site} has no search index; build the site first (edition build)")
    code = main(["--site", str(site), "--limit", str(limit), *(["--json"] if as_json else []), "--", *query])
    if code:
        raise SystemExit(code)


def main(argv: list[str] | None = None) -> int:
    """python -m build_tools.search_index QUERY: 0 when pages were found, 1 when none, 2 without an index."""
    parser = argparse.ArgumentParser(prog="edition search", description="Search the built edition.")
    parser.add_argument("query", nargs="+", help="words to look for, as typed in the site's search box")
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    parser.add_argument("-n", "--limit", type=int, default=PAGES, help=f"pages to show (default: {PAGES})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    folder = args.site / FOLDER
    if not (folder / f"{META}.js").is_file():
        print(f"edition: error: {folder / (META + '.js')} does not exist; build the site first (edition build)",
              file=sys.stderr)
        return 2
    found = Index(folder).search(" ".join(args.query), pages=max(1, args.limit))
    for group in found["pages"]:
        for hit in group["hits"]:
            hit["snippet"] = snippet(hit["text"], found["terms"])
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        print_results(found)
    if not found["pages"]:
        print("no matching pages", file=sys.stderr)
    return 0 if found["pages"] else 1


def print_results(found: dict) -> None:
    """Each page: its title and source; each hit: where it is, its printed page and its words in context."""
    for group in found["pages"]:
        source = f" ({group['source']})" if group["source"] and group["source"] != group["title"] else ""
        print(f"{group['title']}{source}")
        for hit in group["hits"]:
            page = f"  p. {hit['page']}" if hit["page"] else ""
            print(f"    {hit['location']}{page}\n        {hit['snippet']}")


if __name__ == "__main__":
    sys.exit(main())
