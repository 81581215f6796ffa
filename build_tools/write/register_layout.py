"""A register as pages a browser opens at any size of the edition.

One page held a whole register: at a hundred times this corpus the persons
page was 21.6 MB of Markdown, which no browser opens. Any register (persons,
glossary, places: whatever gives `Entry`s) is laid out here, in one way:

- `<register>.md`, the register's contents: every entry's name, by letter,
  linked to its entry. It keeps the address the whole register had.
- `<register>/<letter>.md`, one page a letter, each entry with its
  occurrences, source by source, each a link to its page or paragraph.
- An entry's occurrences move to pages of their own when its letter's page
  would hold more than PAGE_LINKS links (the most-mentioned first):
  `<register>/<letter>/<id>.md`, continued in `<register>/<letter>/<id>/2.md`
  and on, each of at most PAGE_LINKS links (an id holds no "/", so no page of
  one entry is another's). The letter page then says how often and where.
- Appendices (the persons' unresolved mentions) are paged the same way.

An entry's address, `<register>/<letter>.md#<id>`, depends only on how the
register sorts it, never on the corpus: a source's pages link to it without
knowing the other sources (and are cached on their own). Every entry and
appendix had its anchor on `<register>.html`; those anchors are sent on to
their new pages (`moves`, served by the same redirect script as the declared
moves of data/anchors-moved.yml: build_tools/anchors.py).
"""
from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

from .escape import escape
from .place import front_matter, heading_source
from ..letters import without_accents

# Links one page holds: about 100 KB of Markdown, a page a phone opens at once.
PAGE_LINKS = 1500
OTHER = "other"  # the page of entries that sort under no letter ("1905 Revolution")

Link = tuple[str, str]  # (label, address from the docs root, "slug/part.md#anchor")


@dataclass
class Occurrences:
    """One source's line in an entry: "Bazhanov, pp. 3, 36"."""

    source: str  # the source's name, as the register cites it (not escaped)
    unit: str  # "p." or "¶"; "pp." / "¶¶" is said when there are several
    links: list[Link]


@dataclass
class Entry:
    """An entry is a heading of its letter's page (so search finds it, and a search result opens it),
    what the register says of it, and its occurrences."""

    id: str
    sort: str  # how the register orders it; its first letter picks its page
    name: str  # how the contents page names it (not escaped)
    title: str  # its heading (Markdown): "Stalin, Iosif (1878–1953)"
    body: str = ""  # what the register says of it (Markdown)
    occurrences: list[Occurrences] = field(default_factory=list)
    kind: str = "entry"  # its heading's class: "person", "term" (edition.css)

    @property
    def links(self) -> int:
        return sum(len(o.links) for o in self.occurrences)


@dataclass
class Appendix:
    slug: str  # its page's name and its old anchor on the register's page ("unresolved")
    title: str  # plain text
    intro: str  # Markdown
    items: list[tuple[str, int]]  # (Markdown list item with links from the docs root as "{root}...", links in it)


@dataclass
class Register:
    name: str  # "persons": its page, its folder, and its links' register
    title: str  # "Persons" (plain text)
    intro: str  # Markdown
    entries: list[Entry]
    said: str = "Mentioned"  # "Mentioned on 212 pages of 3 sources"
    appendices: list[Appendix] = field(default_factory=list)


@dataclass
class Layout:
    pages: dict[str, str]  # path under docs/ -> Markdown
    nav: list  # the register's entries in the navigation
    moves: dict[str, str]  # "persons.html#stalin-joseph" -> "persons/s.html#stalin-joseph"


def letter_of(sort: str) -> str:
    """The page an entry sorts to: its first letter, accents dropped ("Ëzhov" -> "e"; quotes and
    the like skipped: "“Sergo”" -> "s"), or OTHER (a digit first, another alphabet)."""
    for ch in unicodedata.normalize("NFKD", sort):
        if ch.isalnum():
            return ch.lower() if "a" <= ch.lower() <= "z" else OTHER
    return OTHER


def sort_key(sort: str) -> tuple[str, str]:
    """How entries are ordered on their page: accents and case folded, leading quotes skipped."""
    folded = without_accents(sort).casefold()
    return folded.lstrip("\"'“”‘’«»([ "), sort


def entry_page(register: str, sort: str) -> str:
    """An entry's page, from the docs root ("persons/s.md"): where every link to it points."""
    return f"{register}/{letter_of(sort)}.md"


def _letter_title(letter: str) -> str:
    return "Other" if letter == OTHER else letter.upper()


def _sorted(register: Register) -> list[Entry]:
    return sorted(register.entries, key=lambda e: (sort_key(e.sort), e.id))


def lay_out(register: Register) -> Layout:
    """The register's pages, its navigation and the moves of its old anchors."""
    by_letter: dict[str, list[Entry]] = {}
    for entry in _sorted(register):
        by_letter.setdefault(letter_of(entry.sort), []).append(entry)
    letters = sorted(by_letter, key=lambda l: (l == OTHER, l))
    name = register.name
    pages = {f"{name}.md": _contents(register, by_letter, letters)}
    moves: dict[str, str] = {}
    for letter in letters:
        own = _own_pages(by_letter[letter])
        path = f"{name}/{letter}.md"
        pages[path] = _letter_page(register, letter, letters, by_letter[letter], own)
        for entry in by_letter[letter]:
            moves[f"{name}.html#{entry.id}"] = f"{name}/{letter}.html#{entry.id}"
            if entry.id in own:
                pages.update(_entry_pages(register, letter, entry))
    for appendix in register.appendices:
        appendix_pages = _appendix_pages(register, appendix)
        pages.update(appendix_pages)
        moves[f"{name}.html#{appendix.slug}"] = f"{name}/{appendix.slug}.html#{appendix.slug}"
    # Only the contents page is in the navigation, which every page prints: the letters' pages are
    # reached from it and from each other.
    return Layout(pages, [{html.escape(register.title): f"{name}.md"}], moves)


def _own_pages(entries: list[Entry]) -> set[str]:
    """The entries whose occurrences leave the letter's page: the most-mentioned first, until the
    page holds at most PAGE_LINKS links."""
    total = sum(e.links for e in entries)
    own: set[str] = set()
    for entry in sorted(entries, key=lambda e: (-e.links, sort_key(e.sort), e.id)):
        if total <= PAGE_LINKS or not entry.links:
            break
        own.add(entry.id)
        total -= entry.links
    return own


def _contents(register: Register, by_letter: dict[str, list[Entry]], letters: list[str]) -> str:
    name = register.name
    lines = [front_matter(register.title) + f"# {escape(register.title)}", "", register.intro, "",
             " · ".join(f"[{_letter_title(l)}](#{l})" for l in letters), ""]
    for letter in letters:
        lines += [f"## {_letter_title(letter)}", ""]  # its id is its slug, "a" (toc and markdownlint agree)
        lines.append(" · ".join(f"[{escape(e.name)}]({name}/{letter}.md#{e.id})" for e in by_letter[letter]))
        lines.append("")
    for appendix in register.appendices:
        lines += [f"[{escape(appendix.title)}]({name}/{appendix.slug}.md)", ""]
    return "\n".join(lines).rstrip() + "\n"


def _occurrence_line(o: Occurrences, root: str) -> str:
    unit = {"p.": "pp.", "¶": "¶¶"}.get(o.unit, o.unit) if len(o.links) > 1 else o.unit
    links = ", ".join(f"[{escape(label)}]({root}{address})" for label, address in o.links)
    return f"- {escape(o.source)}, {unit} {links}"


def _letter_page(register: Register, letter: str, letters: list[str], entries: list[Entry], own: set[str]) -> str:
    title = f"{register.title}: {_letter_title(letter)}"
    opening = heading_source(escape(register.title), f"../{register.name}.md")
    lines = [front_matter(title) + f"# {opening}{_letter_title(letter)} {{ #{letter} }}", "",
             " · ".join(f"[{_letter_title(l)}]({l}.md)" if l != letter else f"**{_letter_title(l)}**" for l in letters), ""]
    for entry in entries:
        lines += [f"## {entry.title} {{ #{entry.id} .{entry.kind} }}", ""] + ([entry.body, ""] if entry.body else [])
        if entry.id in own:
            lines += [_summary(register, entry, f"{letter}/{entry.id}.md"), ""]
        elif entry.occurrences:
            lines += [_occurrence_line(o, "../") for o in entry.occurrences] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _summary(register: Register, entry: Entry, link: str) -> str:
    """Where an entry whose occurrences have pages of their own is found, in brief."""
    sources = len(entry.occurrences)
    places = entry.links
    return (f"{register.said} in {places:,} place{'s' if places != 1 else ''} of {sources:,} "
            f"source{'s' if sources != 1 else ''}: [every place, source by source]({link}).")


def _chunks(sizes: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of items whose sizes add up to at most PAGE_LINKS (an item larger than that
    is a run of its own): [(start, end)]."""
    runs, start, total = [], 0, 0
    for i, size in enumerate(sizes):
        if i > start and total + size > PAGE_LINKS:
            runs.append((start, i))
            start, total = i, 0
        total += size
    if sizes:
        runs.append((start, len(sizes)))
    return runs


def _parts_line(paths: list[str], here: int, names: list[str]) -> str:
    """'Part 2 of 12: 1 · **2** · 3 …', each part named by the sources it holds."""
    if len(paths) == 1:
        return ""
    items = [f"**{escape(n)}**" if i == here else f"[{escape(n)}]({p})" for i, (p, n) in enumerate(zip(paths, names))]
    return f"Part {here + 1} of {len(paths)}: " + " · ".join(items)


def _entry_pages(register: Register, letter: str, entry: Entry) -> dict[str, str]:
    """An entry's occurrences on pages of their own, source by source."""
    runs = _chunks([len(o.links) for o in entry.occurrences])
    base = f"{register.name}/{letter}/{entry.id}"
    paths = [f"{base}.md"] + [f"{base}/{k}.md" for k in range(2, len(runs) + 1)]
    names = [_run_name(entry.occurrences[a:b]) for a, b in runs]
    pages = {}
    for k, ((a, b), path) in enumerate(zip(runs, paths)):
        root = "../" * path.count("/")
        title = f"{entry.name}: every place"
        back = f"{root}{register.name}/{letter}.md#{entry.id}"
        opening = heading_source(escape(register.title), f"{root}{register.name}.md")
        lines = [front_matter(title) + f"# {opening}{escape(entry.name)}", "",
                 f"Every place the edition's sources name this entry, source by source ([the entry]({back})).", ""]
        parts = _parts_line(_relative_parts(paths, path), k, names)
        lines += [parts, ""] if parts else []
        lines += [_occurrence_line(o, root) for o in entry.occurrences[a:b]]
        lines += ["", parts] if parts else []
        pages[path] = "\n".join(lines).rstrip() + "\n"
    return pages


def _relative_parts(paths: list[str], here: str) -> list[str]:
    """The addresses of an entry's pages relative to one of them."""
    import posixpath

    folder = posixpath.dirname(here)
    return [posixpath.relpath(p, folder) for p in paths]


def _run_name(run: list[Occurrences]) -> str:
    first, last = run[0].source, run[-1].source
    return first if first == last else f"{first} – {last}"


def _appendix_pages(register: Register, appendix: Appendix) -> dict[str, str]:
    runs = _chunks([size for _, size in appendix.items])
    base = f"{register.name}/{appendix.slug}"
    paths = [f"{base}.md"] + [f"{base}/{k}.md" for k in range(2, len(runs) + 1)]
    pages = {}
    for k, ((a, b), path) in enumerate(zip(runs or [(0, 0)], paths)):
        root = "../" * path.count("/")
        opening = heading_source(escape(register.title), f"{root}{register.name}.md")
        anchor = f" {{ #{appendix.slug} }}" if k == 0 else ""
        lines = [front_matter(f"{register.title}: {appendix.title}") + f"# {opening}{escape(appendix.title)}{anchor}", "",
                 appendix.intro, ""]
        parts = _parts_line(_relative_parts(paths, path), k, [f"{n}" for n in range(1, len(paths) + 1)])
        lines += [parts, ""] if parts else []
        lines += [item.replace("{root}", root) for item, _ in appendix.items[a:b]]
        pages[path] = "\n".join(lines).rstrip() + "\n"
    return pages
