"""Metamorphic testing of `edition add`: re-lay a clean text out in a damage style, take it in
again with no hand edits, and measure how much of the clean text comes back.

relayout(clean, style) takes a text as the edition exports it (one paragraph
per line) and lays it out as a printed page or a careless extraction would:
hard-wrapped at a width, with or without blank lines between paragraphs,
indented, hyphenated at line ends, with ligature gaps ("fi ve"), page numbers
in several shapes at the top or foot of each page, running heads (alternating,
OCR-damaged, or missing on recto pages where blank lines stand instead),
repeated boilerplate, note references in four styles with a notes section.
It records where each page begins and each paragraph ends, in words of the
clean text.

measure(relaid, edition) compares the edition with the clean text: character
error rate (whitespace collapsed), paragraph boundary recall and precision,
page anchors at the generator's page breaks with the generator's numbers, and
debris (page furniture left in the text). Used by tests/test_relayout.py and
benchmarks/relayout.py.
"""
from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from rapidfuzz.distance import Indel, Levenshtein

from build_tools.model import Edition, PageMark
from build_tools.onboard.add import add_source

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
LIGATURE = re.compile(r"(ffi|ffl|fi|fl|ff)(?=[a-z])")
SPLITTABLE = re.compile(r"([a-z]{6,})([.,;:]?)")
BOOK_TITLE = "A History of the Soviet State"
BOILERPLATE = "Downloaded from archive.example.org by reader 1187 on 12 March 2021"
MARK_OPEN, MARK_CLOSE = "\x00", "\x01"  # a page break in the measured text (no text holds them)


@dataclass(frozen=True)
class Style:
    """One way of damaging a layout. Pages have page_size lines (hard wrap) or words (one line per paragraph)."""

    name: str
    width: int | None = None  # hard wrap at this many characters; None: one line per paragraph
    blank_lines: bool = True  # a blank line between paragraphs
    indent: int = 0  # spaces before a paragraph's first line
    hyphenate: bool = False  # split long words at line ends
    ligature_gaps: bool = False  # "fi ve", "offi cials"
    page_size: int = 0  # 0: no pages
    marker: str | None = None  # page-n | page-n-inline | bracket-p | dash | bare-top | bare-bottom | form-feed
    heads: str | None = None  # alternating | same-title | damaged | verso-blank-run
    notes: str | None = None  # superscript | glued | parenthesised | bracketed
    boilerplate: bool = False
    first_page: int = 1


@dataclass(frozen=True)
class PageStart:
    label: str
    word: int  # index in the clean text's words of the first word on the page
    inside: bool = False  # the page begins inside that word (hyphenated across the break)


@dataclass
class Relaid:
    style: Style
    text: str
    paragraphs: list[str]  # the reading text the edition should give back, one paragraph each
    pages: list[PageStart]
    furniture: list[str] = field(default_factory=list)  # lines of page furniture put in


@dataclass
class Figures:
    cer: float
    recall: float
    precision: float
    pages_exact: int
    pages_expected: int
    pages_extra: int  # page anchors the edition has where the generator put no break
    debris: int
    first_page_exact: bool = False  # the page the text opens on has its anchor (needs pages.first or a marker)
    findings: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)  # a few differences, for the report

    def meets_targets(self) -> bool:
        return (self.cer <= 0.001 and self.recall >= 0.95 and self.pages_exact == self.pages_expected
                and self.debris == 0)


# ------------------------------------------------------------------ styles

STYLES = [
    Style("soft-blank"),
    Style("soft-page-n", page_size=320, marker="page-n", first_page=17),
    Style("soft-page-n-midsentence", page_size=280, marker="page-n-inline", first_page=3),
    Style("hard-72", width=72),
    Style("hard-58-hyphenated", width=58, hyphenate=True),
    Style("hard-66-ligature-gaps", width=66, ligature_gaps=True),
    Style("hard-noblank-short-last-line", width=64, blank_lines=False),
    Style("hard-noblank-indented", width=70, blank_lines=False, indent=4),
    Style("page-n-top", width=64, page_size=38, marker="page-n", first_page=41),
    Style("bracket-p-top", width=68, page_size=40, marker="bracket-p", first_page=112),
    Style("dash-n-top", width=62, page_size=36, marker="dash", first_page=9),
    Style("bare-number-top", width=66, page_size=38, marker="bare-top", first_page=203),
    Style("bare-number-foot", width=66, page_size=38, marker="bare-bottom", first_page=27),
    Style("form-feed", width=70, page_size=42, marker="form-feed", first_page=31),
    Style("heads-alternating", width=64, page_size=38, heads="alternating", first_page=77),
    Style("heads-same-title", width=60, page_size=36, heads="same-title", first_page=5),
    Style("heads-ocr-damaged", width=64, page_size=38, heads="damaged", first_page=83),
    Style("heads-verso-blank-run", width=60, page_size=34, heads="verso-blank-run", first_page=1),
    Style("notes-superscript", notes="superscript"),
    Style("notes-glued", notes="glued"),
    Style("notes-parenthesised", notes="parenthesised"),
    Style("notes-bracketed", notes="bracketed"),
    Style("boilerplate", width=64, page_size=38, marker="page-n", boilerplate=True, first_page=11),
]


def mixed_styles(count: int, seed: int = 13) -> list[Style]:
    """Random combinations of the damages above (a fixed seed: the same styles every run)."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        width = rng.choice([None, 56, 62, 68, 74])
        marker, heads = rng.choice([(None, None), ("page-n", None), ("bracket-p", None), ("dash", None),
                                    ("bare-top", None), (None, "alternating"), (None, "damaged"),
                                    (None, "verso-blank-run")])
        if width is None:
            marker, heads = rng.choice([(None, None), ("page-n", None), ("page-n-inline", None)]), None
            marker = marker[0]
        out.append(Style(
            f"mix-{k + 1}", width=width,
            blank_lines=width is None or rng.random() < 0.7,
            hyphenate=width is not None and rng.random() < 0.6,
            ligature_gaps=rng.random() < 0.4,
            page_size=(rng.randint(30, 44) if width else rng.randint(250, 400)) if marker or heads else 0,
            marker=marker, heads=heads,
            notes=rng.choice([None, None, "superscript", "glued", "bracketed"]),
            boilerplate=bool(marker or heads) and rng.random() < 0.3,
            first_page=rng.randint(1, 300)))
    return [replace(s, indent=4 if not s.blank_lines and s.width and rng.random() < 0.5 else 0) for s in out]


# ------------------------------------------------------------------ the generator


@dataclass
class _Line:
    text: str
    word: int | None = None  # the clean text's word the line begins with (None: blank or furniture)
    inside: bool = False  # the line begins with the rest of a hyphenated word


def relayout(clean: str, style: Style, seed: int = 1) -> Relaid:
    rng = random.Random(f"{style.name}:{seed}")
    paragraphs = [" ".join(p.split()) for p in clean.splitlines() if p.strip()]
    words = [p.split() for p in paragraphs]
    total = sum(len(w) for w in words)
    expected = list(paragraphs)
    if style.notes:
        words, notes = _references(words, style.notes, rng)
        words = words + [["Notes"]] + [n.split() for n in notes]
        expected.append("Notes")
    lines = _lines(words, style, rng)
    relaid = Relaid(style, "", expected, [])
    if style.page_size:
        lines = _paginate(lines, style, relaid, total, rng)
    if style.ligature_gaps:
        for line in lines:
            if line.word is not None:
                line.text = LIGATURE.sub(lambda m: m.group(1) + " " if rng.random() < 0.6 else m.group(1), line.text)
    relaid.text = "\n".join(l.text for l in lines) + "\n"
    return relaid


def _references(words: list[list[str]], style: str, rng: random.Random) -> tuple[list[list[str]], list[str]]:
    """Note references after some sentence ends (not in short paragraphs: headings, verse), and the notes."""
    mark = {"superscript": lambda n: str(n).translate(SUPERSCRIPTS), "glued": str,
            "parenthesised": lambda n: f"({n})", "bracketed": lambda n: f"[{n}]"}[style]
    numbering = {"superscript": "{}. ", "glued": "{}. ", "parenthesised": "({}) ", "bracketed": "[{}] "}[style]
    out, n = [], 0
    for para in words:
        para = list(para)
        if len(para) >= 25:
            for i, w in enumerate(para[:-1]):
                if w.endswith(".") and not w[-2:-1].isupper() and rng.random() < 0.25 and n < 60:
                    n += 1
                    para[i] = w + mark(n)
        out.append(para)
    authors = ["Conquest", "Fitzpatrick", "Khlevniuk", "Davies", "Getty", "Kotkin", "Service", "Werth"]
    places = ["London", "New Haven", "Cambridge", "Moscow", "Oxford"]
    notes = [numbering.format(k) + f"{rng.choice(authors)}, the archive of the {rng.choice(['party', 'state', 'army'])} "
             f"({rng.choice(places)}, {rng.randint(1960, 2015)}), {rng.randint(3, 480)}." for k in range(1, n + 1)]
    return out, notes


def _lines(words: list[list[str]], style: Style, rng: random.Random) -> list[_Line]:
    lines: list[_Line] = []
    index = 0
    for para in words:
        if not style.width:
            lines.append(_Line(" " * style.indent + " ".join(para), index))
        else:
            lines += _wrap(para, index, style)
        if style.blank_lines:
            lines.append(_Line(""))
        index += len(para)
    return lines


def _wrap(para: list[str], index: int, style: Style) -> list[_Line]:
    width = style.width
    out: list[_Line] = []
    current, start = " " * style.indent, _Line("", index)
    for k, word in enumerate(para, start=index):
        piece = word
        while piece:
            room = width - len(current) - (1 if current.strip() else 0)
            if len(piece) <= room or not current.strip():
                current += (" " if current.strip() else "") + piece
                piece = ""
                continue
            m = SPLITTABLE.fullmatch(piece) if style.hyphenate else None
            cut = min(len(m.group(1)) - 3, room - 1) if m else 0
            if m and cut >= 3:
                current += " " + piece[:cut] + "-"
                piece = piece[cut:]
                out.append(_Line(current, start.word, start.inside))
                current, start = "", _Line("", k, True)
                continue
            out.append(_Line(current, start.word, start.inside))
            current, start = "", _Line("", k, False)
    if current.strip():
        out.append(_Line(current, start.word, start.inside))
    return out


def _paginate(lines: list[_Line], style: Style, relaid: Relaid, total: int, rng: random.Random) -> list[_Line]:
    """Cut into pages and put each page's furniture in; record where each page begins."""
    pages = _pages_of_lines(lines, style.page_size) if style.width else _pages_of_words(lines, style.page_size)
    out: list[_Line] = []
    for n, page in enumerate(pages):
        label = style.first_page + n
        first = next((l for l in page if l.word is not None), None)
        if first is not None and first.word < total:
            relaid.pages.append(PageStart(str(label), first.word, first.inside))
        top, bottom = _furniture(style, label, n, rng)
        relaid.furniture += [t for t in top + bottom if t.strip()]
        if style.marker == "form-feed" and n:
            page = [_Line("\f" + page[0].text, page[0].word, page[0].inside)] + page[1:]
        out += [_Line(t) for t in top] + page + [_Line(t) for t in bottom]
    return out


def _pages_of_lines(lines: list[_Line], size: int) -> list[list[_Line]]:
    return [lines[i:i + size] for i in range(0, len(lines), size)]


def _pages_of_words(lines: list[_Line], size: int) -> list[list[_Line]]:
    """One line per paragraph: a page ends after `size` words, inside a paragraph where it falls."""
    pages: list[list[_Line]] = [[]]
    count = 0
    for line in lines:
        if line.word is None:
            pages[-1].append(line)
            continue
        indent, words = line.text[:len(line.text) - len(line.text.lstrip())], line.text.split()
        start = line.word
        while count + len(words) > size:
            take = size - count
            if take > 0:
                pages[-1].append(_Line(indent + " ".join(words[:take]), start))
                indent = ""
            pages.append([])
            words, start, count = words[take:], start + take, 0
        if words:
            pages[-1].append(_Line(indent + " ".join(words), start))
            count += len(words)
    return [p for p in pages if p]


def _furniture(style: Style, label: int, n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """The lines above and below page n (0-based) printed as `label`."""
    gap = [""] if style.blank_lines else []
    top: list[str] = []
    bottom: list[str] = []
    marker = style.marker
    if marker == "page-n":
        top = ["", f"Page {label}", ""] if not style.width else [f"Page {label}"] + gap
    elif marker == "page-n-inline":
        top = [f"Page {label}"]
    elif marker == "bracket-p":
        top = [f"[p. {label}]"] + gap
    elif marker == "dash":
        top = [f"- {label} -"] + gap
    elif marker == "bare-top":
        top = [str(label)] + gap
    elif marker == "bare-bottom":
        bottom = gap + [str(label)]
    heads = style.heads
    if heads and n:  # a chapter's opening page has no running head
        verso = label % 2 == 0
        if heads in ("alternating", "damaged"):
            head = f"{label} {BOOK_TITLE}" if verso else f"How the Party Ruled {label}"
            if heads == "damaged" and rng.random() < 0.4:
                head = _damage(head, rng)
            top = [head] + gap
        elif heads == "same-title":
            top = [f"{label} {BOOK_TITLE}" if verso else f"{BOOK_TITLE} {label}"] + gap
        elif heads == "verso-blank-run":
            top = [f"{label} {BOOK_TITLE}", ""] if verso else ["", "", ""]
    if style.boilerplate:
        bottom = bottom + gap + [BOILERPLATE]
    return top, bottom


def _damage(head: str, rng: random.Random) -> str:
    """OCR damage to a running head: a stray bracket, a digit read as a letter, a letter lost."""
    kind = rng.choice(["bracket", "digit", "letter"])
    if kind == "bracket":
        return re.sub(r"(^|\s)(\d+)", lambda m: m.group(1) + "(" + m.group(2), head, count=1)
    if kind == "digit" and re.search(r"[10]", head):
        return re.sub(r"\d+", lambda m: m.group(0).replace("1", "l").replace("0", "O"), head, count=1)
    words = head.split()
    k = max(range(len(words)), key=lambda i: len(words[i]) if words[i].isalpha() else 0)
    w = words[k]
    words[k] = w[:len(w) // 2] + w[len(w) // 2 + 1:]
    return " ".join(words)


# ------------------------------------------------------------------ the profile an editor would write

MARKERS = {"page-n": r"Page (?P<label>\d+)", "page-n-inline": r"Page (?P<label>\d+)", "bracket-p": r"\[p\. (?P<label>\d+)\]",
           "dash": r"- (?P<label>\d+) -", "bare-top": r"(?P<label>\d+)", "bare-bottom": r"(?P<label>\d+)"}
NUMBERINGS = {"superscript": r"(\d{1,3})\.\s", "glued": r"(\d{1,3})\.\s", "parenthesised": r"\((\d{1,3})\)\s",
              "bracketed": r"\[(\d{1,3})\]\s"}


def reference_layout(relaid: Relaid) -> dict:
    """The profile for a relaid text written from what the generator did, not from the text.

    Converting with it shows what the converter can do with a perfect profile: a style that fails
    with it fails because of the converter, not because of the inference.
    """
    style = relaid.style
    layout: dict = {"wrapping": "hard" if style.width else "soft"}
    if not style.blank_lines:
        layout["paragraph_breaks"] = "every-line" if not style.width else "indent" if style.indent else "line-shape"
    pages: dict = {}
    if style.marker in MARKERS:
        pages["marker"] = MARKERS[style.marker]
    if style.marker == "bare-bottom":
        pages["marker_ends_page"] = True
    if style.marker == "form-feed":
        pages["form_feed"] = True
    if style.heads:
        heads = sorted({f for f in relaid.furniture if re.search(r"[A-Za-z]{3}", f) and f != BOILERPLATE})
        label = r"(?=(?:\D*\s)?\(?(?P<label>\d+)(?:\s|$))?"
        pages["running_head"] = label + "(?:" + "|".join(re.escape(h) for h in heads) + ")"
    if style.heads == "verso-blank-run":
        pages["blank_run"] = 3
    if style.page_size and (style.heads or style.marker in ("bare-bottom", "form-feed") or not relaid.pages
                            or relaid.pages[0].word != 0 or style.marker is None):
        pages["first"] = str(style.first_page)
    if pages:
        layout["pages"] = pages
        layout["split_paragraphs"] = True
    if style.boilerplate:
        layout["boilerplate"] = {"lines": [re.escape(BOILERPLATE)]}
    if style.notes:
        layout["headings"] = {"notes": "Notes"}
        layout["notes"] = {"heading": "Notes", "number": NUMBERINGS[style.notes], "references": style.notes}
    return layout


# ------------------------------------------------------------------ taking it in again, and measuring


def take_in(relaid: Relaid, root: Path | None = None) -> tuple[Edition, list[str]]:
    """`edition add` on the relaid text in a scratch project: the edition and what add said."""
    said: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(root or tmp)
        path = folder / "relaid.txt"
        path.write_text(relaid.text, encoding="utf-8")
        added = add_source(folder, path, "relaid", title="Relaid", kind="chapter", say=said.append, enrich=False)
        edition = added.edition
        if any("set pages.first" in d.what for d in added.evidence.doubts) and relaid.pages:
            edition = _answered(added.folder, relaid.pages[0].label)
    return edition, [f"{s.key}: {s.value!r}" for s in added.settings] + said


def _answered(folder: Path, first: str) -> Edition:
    """What the editor does when `edition add` asks for the first page's number: sets it, builds again."""
    from build_tools.lexicon import Lexicon
    from build_tools.pipeline import convert_source
    from build_tools.read import read_source

    yml = folder / "source.yml"
    data = yaml.safe_load(yml.read_text(encoding="utf-8"))
    data.setdefault("layout", {}).setdefault("pages", {})["first"] = first
    yml.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = read_source(folder)
    return convert_source(source, Lexicon([source.text]))


@dataclass
class _Reading:
    words: list[str]
    starts: set[int]  # word indices where a paragraph begins
    marks: list[tuple[str | None, int, bool]]  # (page label, word index, inside the word)


def _reading(edition: Edition) -> _Reading:
    """The edition's reading text in words, its paragraph starts and page anchors (notes excluded)."""
    out = _Reading([], set(), [])
    for d in edition.divisions:
        if d.kind == "notes":
            continue
        for b in d.blocks:
            text = _with_page_marks(b, edition)
            if b.kind == "heading" and b.number:
                text = b.number + ". " + text
            if b.kind == "table":
                parts = ["\t".join(c.text for c in row) for row in b.rows]
                parts[0] = text + " " + parts[0] if parts else text
            else:
                parts = text.split("\n") if b.kind == "lines" else [text]
            for part in parts:
                _add_paragraph(out, part, edition)
    return out


def _with_page_marks(b, edition: Edition) -> str:
    """The reading text with each page break written in where it stands (as its index in source.pages)."""
    index = {id(p): i for i, p in enumerate(edition.source.pages)}
    pieces, last = [], 0
    for m in b.of(PageMark):
        pieces += [b.text[last:m.start], f"{MARK_OPEN}{index[id(m.page)]}{MARK_CLOSE}"]
        last = m.start
    return "".join(pieces + [b.text[last:]])


def _add_paragraph(out: _Reading, text: str, edition: Edition) -> None:
    started = False
    for token in text.split():
        pieces = re.split(f"{MARK_OPEN}(\\d+){MARK_CLOSE}", token)
        word = "".join(pieces[0::2])
        offset = 0
        for k, piece in enumerate(pieces):
            if k % 2:
                label = edition.source.pages[int(piece)].label
                inside = 0 < offset < len(word)
                at = len(out.words) + (1 if word and offset >= len(word) else 0)
                out.marks.append((label, at, inside))
            else:
                offset += len(piece)
        if word:
            if not started:
                out.starts.add(len(out.words))
                started = True
            out.words.append(word)


def measure(relaid: Relaid, edition: Edition) -> Figures:
    original = [p.split() for p in relaid.paragraphs]
    words = [w for p in original for w in p]
    starts, k = set(), 0
    for p in original:
        starts.add(k)
        k += len(p)
    got = _reading(edition)
    ops = [tuple(op) for op in Indel.opcodes(words, got.words)]
    to_original = _index_map(ops, len(got.words))
    errors, debris, examples = 0, 0, []
    furniture = [tuple(f.split()) for f in set(relaid.furniture)]
    for i1, i2, j1, j2 in _changes(ops):
        a, b = " ".join(words[i1:i2]), " ".join(got.words[j1:j2])
        errors += Levenshtein.distance(a, b) + (1 if bool(a) != bool(b) else 0)
        debris += sum(_count(got.words[j1:j2], f) for f in furniture)
        if len(examples) < 6:
            examples.append(f"{' '.join(words[max(0, i1 - 3):i1])} [{a[:80]} -> {b[:80]}]")
    mapped = {to_original[j] for j in got.starts if to_original[j] is not None}
    boundaries, found = starts - {0}, mapped - {0}
    exact, placed = _pages(relaid.pages, got.marks, to_original)
    first = _pages(relaid.pages[:1], got.marks, to_original)[0] == 1 if relaid.pages else False
    return Figures(
        cer=errors / max(1, len(" ".join(words))),
        recall=len(boundaries & found) / max(1, len(boundaries)),
        precision=len(boundaries & found) / max(1, len(found)),
        pages_exact=exact, pages_expected=len(relaid.pages), pages_extra=max(0, placed - exact),
        debris=debris, first_page_exact=first, examples=examples)


def _changes(ops) -> list[tuple[int, int, int, int]]:
    """The stretches that differ: a deletion next to an insertion is one change (a word altered)."""
    out: list[list[int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if out and out[-1][1] == i1 and out[-1][3] == j1:
            out[-1][1], out[-1][3] = i2, j2
        else:
            out.append([i1, i2, j1, j2])
    return [tuple(c) for c in out]


def _index_map(ops, length: int) -> list[int | None]:
    """For each word index of the edition (and the end), the clean text's word index, where they align."""
    out: list[int | None] = [None] * (length + 1)
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for d in range(j2 - j1):
                out[j1 + d] = i1 + d
        if j1 < len(out) and out[j1] is None:
            out[j1] = i1  # the start of a changed stretch stands where the clean text's stretch starts
    if out[length] is None:
        out[length] = ops[-1][2] if ops else 0
    return out


def _pages(expected: list[PageStart], marks, to_original) -> tuple[int, int]:
    """How many expected page starts have an anchor with their number at their place; anchors in all."""
    placed = {}
    for label, at, inside in marks:
        if label is None:
            continue
        where = to_original[at] if at < len(to_original) else None
        placed.setdefault(label, set()).add((where, inside))
    exact = 0
    for page in expected:
        spots = placed.get(page.label, set())
        ok = {(page.word, page.inside)} | ({(page.word, False), (page.word + 1, False), (page.word, True)} if page.inside else set())
        exact += bool(spots & ok)
    return exact, sum(1 for label, _, _ in marks if label is not None)


def _count(words: list[str], item: tuple[str, ...]) -> int:
    n = len(item)
    return sum(1 for k in range(len(words) - n + 1) if tuple(words[k:k + n]) == item) if n else 0


def run(clean: str, style: Style, seed: int = 1) -> tuple[Relaid, Edition, Figures, list[str]]:
    """`edition add` on the relaid text, measured."""
    relaid = relayout(clean, style, seed)
    edition, said = take_in(relaid)
    figures = measure(relaid, edition)
    figures.findings = said
    return relaid, edition, figures, said


def run_reference(relaid: Relaid) -> Figures:
    """The same text converted with the reference profile, measured."""
    from build_tools.lexicon import Lexicon
    from build_tools.model import Source
    from build_tools.pipeline import convert_source

    source = Source("relaid", Path("."), Path("raw.txt"), {"title": "Relaid", "kind": "chapter"},
                    reference_layout(relaid), text=relaid.text)
    return measure(relaid, convert_source(source, Lexicon([relaid.text])))
