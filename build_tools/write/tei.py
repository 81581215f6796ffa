"""One source as a TEI P5 document (data/tei/<slug>.xml), written from the edition's model.

- teiHeader: titleStmt (authors; editors and translators with their role; the
  converter as a respStmt, which the apparatus's @resp points to),
  publicationStmt (this edition, its address, its licence when set),
  sourceDesc/biblStruct of the printed original, encodingDesc/editorialDecl
  in plain words (the repair kinds applied, how pages and anchors were placed,
  the removed layout and the conservation audit's totals), revisionDesc with
  the digest of the conversion's inputs.
- text: the leading front-matter parts in <front>, the notes, bibliography and
  index parts that close the source in <back>, the rest in <body>; a <div> per
  part and per heading inside it. A paragraph's xml:id is the site's anchor;
  <pb n="…"/> stands where each printed page begins (cert="medium" where its
  place is inferred); verse is <lg>/<l>; block quotations are <quote> (with
  their attribution, <cit>); tables are <table>.
- notes: where the source prints them (after the part's notes heading, under
  the notes part's heading for the part, else at the end of the part), each
  <note n="…" xml:id="fn.…">; the reference is <ref type="noteref" target>.
- apparatus: every entry carries its stable id as xml:id. A repair the text
  prints is a <choice> of the source's reading (<sic> or, for a normalisation
  of layout or typography, <orig>) and the edition's (<corr>/<reg>, whose @type
  is the entry's kind); review items are <note type="review">. The editor's
  entries (corrections.yml) have resp="#editor": a correction printed is a
  choice, one printed as the source has it a <sic> with the editor's reading in
  a <note type="correction">, a decision that leaves the source's reading (or
  settles a flag) a <note type="decision">, a comment a <note type="comment">
  where it is attached; what the editor says of a choice is a note pointing to
  it at the end of the paragraph. Removed layout is no text: the header counts it.
- names: a linked mention is <persName ref>, a glossary use <term ref>, each
  pointing to the entry in the document's back (write/tei_registers.py).

xml:ids are the site's anchors where XML allows them: a note's "fn:ch01-3" is
"fn.ch01-3", an anchor that does not begin with a letter gets a leading "_".
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, is_dataclass
from typing import Any

from ..model import Block, CommentRef, Division, Edition, Emendation, Link, Note, NoteRef, PageMark
from .tei_apparatus import Placed, Placement, original_nodes, place_emendations
from .tei_inline import inline_nodes, split_lines
from .tei_registers import REGISTERS, entry_list, register_of
from .xmltree import Element, el, serialize

TEI_NS = "http://www.tei-c.org/ns/1.0"
QUOTED = ("quote", "verse", "attribution", "epigraph")
BACK_KINDS = ("notes", "bibliography", "index")
DIV_TYPES = {"text": "part", "front": "front", "notes": "notes", "bibliography": "bibliography", "index": "index"}
# Repairs of layout or typography are normalisations (orig/reg); the rest correct the text (sic/corr).
NORMALISATIONS = {"hyphenation", "ligature", "ligature character", "paragraph rejoined", "markup",
                  "superscripts", "headings"}
KIND_WORDS = {
    "hyphenation": "words broken by a hyphen at the end of a printed line or page, joined again",
    "paragraph rejoined": "paragraphs a page or column break had split, joined again (the source's paragraph "
                          "break is the original reading, a milestone of unit paragraph)",
    "markup": "typing markup around words (asterisks, HTML tags) read as italics",
    "ligature": "words broken where a ligature (fi, fl, ff) lost its width, joined again",
    "ligature character": "ligature characters spelled out as their letters",
    "lost dash": "dashes the text lost between words or in a range of numbers, put back",
    "glued words": "words the text ran together, parted",
    "note reference": "note references the text displaced, put back at the end of the text they belong to "
                      "(the original reading is where the source printed the number: after a paragraph "
                      "break, a milestone of unit paragraph, at the start of the paragraph that followed or "
                      "on a line of its own)",
    "superscripts": "brackets printed with a note reference, dropped",
    "headings": "headings printed in capitals or with a colon, given as titles",
    "chapter number": "chapter numbers the text lacks, supplied from the table of contents",
    "reference without note": "note references with no note printed for them",
    "note without reference": "notes no reference in the text leads to",
}


@dataclass(frozen=True)
class Publication:
    """What the edition says of itself (mkdocs.yml: site_name, extra.edition.base_url and licence)."""

    title: str = "A digital edition"
    base_url: str = ""
    licence: str = ""


EDITOR_ENTRIES = (
    ("corrections printed (choice of sic and corr)", lambda e: e.kind == "correction" and e.status == "applied"),
    ("corrections printed as the source has it (sic, the editor's reading in a note of type correction)",
     lambda e: e.status == "sic"),
    ("review items accepted (a choice where the text changed, else a note of type decision)",
     lambda e: e.status == "accepted"),
    ("review items rejected (a note of type decision)", lambda e: e.status == "rejected"),
    ("automatic repairs undone (a note of type decision)", lambda e: e.status == "reverted"),
    ("commentary notes (a note of type comment where the editor attached it)", lambda e: e.kind == "comment"),
)
DECISIONS = {
    "rejected": "the editor rejected the reading proposed for review; the source's reading stands",
    "reverted": "the editor undid the converter's repair; the source's reading stands",
    "accepted": "the editor accepted what was flagged for review",
}


def resp(e: Emendation) -> str:
    return "#editor" if e.resp == "editor" else "#converter"


def rule_id(rule: str) -> str:
    """The xml:id of a rule's category in the header's taxonomy (a rule is a Python name)."""
    return "rule." + re.sub(r"[^A-Za-z0-9._-]", "-", rule)


def ana(e: Emendation) -> str | None:
    """The rule that made the entry, as a pointer to its category."""
    return "#" + rule_id(e.rule) if e.rule else None


def signed(words: str, e: Emendation) -> str:
    """An editor's entry in words: what was done, what the editor said, who and when."""
    note = " ".join(e.editor_note.split())
    if note:  # a sentence of its own
        note = note[0].upper() + note[1:] + ("" if note.endswith((".", "!", "?")) else ".")
    said = " ".join(x for x in (words, note) if x)
    who = ", ".join(x for x in (e.by, e.date) if x)
    return said + (f" ({who})" if who else "")


def xml_id(anchor: str) -> str:
    """A site anchor as an XML name: ':' becomes '.', and a leading '_' where it does not begin with a letter."""
    name = re.sub(r"[^A-Za-z0-9._-]", ".", anchor.replace(":", "."))
    return name if name[:1].isalpha() else "_" + name


def kind_token(kind: str) -> str:
    return "-".join(kind.split()) or "repair"


def tei_document(edition: Edition, audit: dict, where: dict[str, str], registers: dict[str, list],
                 publication: Publication = Publication()) -> str:
    """The source as TEI P5. where: the anchors the site publishes (anchor -> part);
    registers: each register's entries (name -> entries with .id), as the links name them."""
    return serialize(_Document(edition, where, registers).write(audit, publication))


def input_digest(edition: Edition, registers: dict[str, list]) -> str:
    """SHA-256 of what the conversion read: the raw text, the source's settings and the registers."""
    source = edition.source
    digest = hashlib.sha256(source.text.encode("utf-8"))
    digest.update(json.dumps({"bibliography": source.meta, "layout": source.layout}, sort_keys=True,
                             ensure_ascii=False, default=str).encode("utf-8"))
    for name in sorted(registers):  # an entry as dataclasses.asdict gives it, a quarter of its time
        digest.update(json.dumps([name, registers[name]], sort_keys=True, ensure_ascii=False,
                                 default=_as_record).encode("utf-8"))
    return digest.hexdigest()


def _as_record(value):
    return vars(value) if is_dataclass(value) and not isinstance(value, type) else str(value)


class _Document:
    """One document's writing: the ids given so far, the register entries mentioned."""

    def __init__(self, edition: Edition, where: dict[str, str], registers: dict[str, list]):
        self.edition, self.where, self.registers = edition, where, registers
        self.entries = {name: {e.id for e in entries} for name, entries in registers.items()}
        self.mentioned: dict[str, set[str]] = {}
        self.ids: set[str] = {"converter", "editor", "rules"}  # the header's ids, which @resp and @ana point to
        self.notes = {n.id for d in edition.divisions for n in d.notes + d.unreferenced_notes}
        self.raw_lines = edition.source.text.split("\n")
        self.unplaced: list[Emendation] = []
        self.said: list[Emendation] = []  # the editor's words on choices of the block being written

    # ------------------------------------------------------------ document

    def write(self, audit: dict, publication: Publication) -> Element:
        text = self.text()  # first: the header reports what the text holds
        tei = el("TEI", {"xmlns": TEI_NS})
        tei.add(self.header(audit, publication), text)
        return tei

    def text(self) -> Element:
        divisions = self.edition.divisions
        front, body, back = _parts(divisions)
        notes_under = {b.notes_for for d in divisions for b in d.blocks if b.notes_for}
        text = el("text")
        groups = (("front", front), ("body", body), ("back", back))
        for name, parts in groups:
            holder = el(name)
            for d in parts:
                holder.add(self.division(d, notes_under))
            if name == "back":
                holder.add(self.register_lists())
            if holder.children:
                text.add(holder)
        return text

    def id_for(self, anchor: str) -> str | None:
        """The xml:id of an anchor, the first time it is written (an id is unique in a document)."""
        if not anchor:
            return None
        name = xml_id(anchor)
        if name in self.ids:
            return None
        self.ids.add(name)
        return name

    # ------------------------------------------------------------ parts

    def division(self, d: Division, notes_under: set[str]) -> Element:
        root = el("div", {"type": DIV_TYPES.get(d.kind, "part"), "n": d.number or None})
        stack: list[tuple[int, Element]] = [(0, root)]
        notes_placed = False
        pending: list[Block] = []
        for b in d.blocks:
            if b.kind not in ("heading", "table") and b.role in QUOTED:
                pending.append(b)
                continue
            stack[-1][1].add(*self.quoted(pending))
            pending = []
            if b.kind != "heading":
                stack[-1][1].add(*self.blocks([b]))
                continue
            container = self.open_heading(stack, b)
            if b.role == "notes-heading":
                container.add(*self.note_elements(d))
                notes_placed = True
            if b.notes_for:
                target = next((x for x in self.edition.divisions if x.slug == b.notes_for), None)
                if target is not None:
                    container.add(*self.note_elements(target))
        root.add(*self.quoted(pending))
        if not notes_placed and d.slug not in notes_under and (d.notes or d.unreferenced_notes):
            root.add(el("div", {"type": "notes"}, *self.note_elements(d)))
        return root

    def open_heading(self, stack: list[tuple[int, Element]], b: Block) -> Element:
        """A heading heads the part's div if it opens it, else opens a div inside (closing those of
        its level and below)."""
        level = b.level or 1
        head = self.head(b)
        root = stack[0][1]
        if len(stack) == 1 and not any(isinstance(c, Element) and c.name != "pb" for c in root.children):
            root.add(head)
            stack[0] = (level, root)
            return root
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        kind = "notes" if b.role == "notes-heading" or b.notes_for else "section"
        div = el("div", {"type": kind}, head)
        stack[-1][1].add(div)
        stack.append((level, div))
        return div

    def note_elements(self, d: Division) -> list[Element]:
        """The part's notes in the order the source prints them (an unreferenced one among them, not
        after them), then the converter's notes for references whose note the source lacks."""
        printed = sorted((n for n in d.notes + d.unreferenced_notes if n.blocks), key=lambda n: n.blocks[0].line)
        return [self.note(n) for n in printed + [n for n in d.notes + d.unreferenced_notes if not n.blocks]]

    def note(self, n: Note) -> Element:
        note = el("note", {"xml:id": self.id_for(f"fn:{n.id}"), "n": n.number, "place": "end",
                           "type": "editorial" if n.missing_text else None,
                           "resp": "#converter" if n.missing_text else None})
        if n.missing_text:
            note.sub("p", {}, f"The source prints the reference to note {n.number} but not the note's text.")
        note.add(*self.blocks(n.blocks))
        return note

    def register_lists(self) -> Element | None:
        """The entries this source mentions, register by register (the table's order, then any other)."""
        names = [n for n in REGISTERS if self.mentioned.get(n)]
        names += sorted(n for n in self.mentioned if n not in REGISTERS and self.mentioned[n])
        if not names:
            return None
        div = el("div", {"type": "registers"})
        for name in names:
            entries = [e for e in self.registers.get(name, []) if e.id in self.mentioned[name]]
            div.add(entry_list(register_of(name), entries, pointing_to_file=True))
        return div

    # ------------------------------------------------------------ blocks

    def blocks(self, blocks: list[Block]) -> list[Element]:
        out: list[Element] = []
        for b in blocks:
            placement = place_emendations(b)
            self.unplaced += placement.unplaced
            if b.kind == "table":
                out += self.table(b, placement)
            elif b.kind == "heading":
                out.append(self.head(b, placement))
            elif b.kind == "lines" and b.role in ("verse", "epigraph"):
                out.append(self.verse(b, placement))
            else:
                p = el("p", {"xml:id": self.id_for(b.anchor), "rend": b.role or None})
                p.add(*self.inline(b, placement))
                out.append(p)
            out[-1].add(*self.unplaced_notes(placement))
        return out

    def quoted(self, blocks: list[Block]) -> list[Element]:
        """A run of quoted blocks: one <quote>, or with an attribution a <cit> of quotes and <bibl>s."""
        if not blocks:
            return []
        epigraph = any(b.role == "epigraph" for b in blocks)
        if not any(b.role == "attribution" for b in blocks) and not epigraph:
            return [el("quote", {}, *self.blocks(blocks))]
        cit = el("cit", {"type": "epigraph" if epigraph else None})
        run: list[Block] = []
        for b in blocks + [None]:
            if b is not None and b.role != "attribution":
                run.append(b)
                continue
            if run:
                cit.add(el("quote", {}, *self.blocks(run)))
                run = []
            if b is not None:
                placement = place_emendations(b)
                self.unplaced += placement.unplaced
                bibl = el("bibl", {"xml:id": self.id_for(b.anchor)}, *self.inline(b, placement))
                cit.add(bibl.add(*self.unplaced_notes(placement)))
        return [cit]

    def verse(self, b: Block, placement: Placement) -> Element:
        lg = el("lg", {"xml:id": self.id_for(b.anchor), "type": b.role})
        for line in split_lines(self.inline(b, placement)):
            if any(not isinstance(n, str) or n.strip() for n in line):
                lg.add(el("l", {}, *line))
        return lg

    def head(self, b: Block, placement: Placement | None = None) -> Element:
        if placement is None:
            placement = place_emendations(b)
            self.unplaced += placement.unplaced
        head = el("head", {"xml:id": self.id_for(b.anchor)})
        supplied = next((p for p in placement.in_text(b) if p.number), None)
        if supplied is not None:
            choice, number = self.choice(supplied)
            number.add(supplied.emendation.reading)
            head.add(choice, " ")
        elif b.number:
            head.add(*self.heading_number(b))
        head.add(*self.inline(b, placement))
        head.add(*self.unplaced_notes(placement))
        return head

    def heading_number(self, b: Block) -> list:
        """The heading's number as the edition prints it, "8. "; a full stop the source does not print
        after it (its line, the heading's first, reads "8") is the edition's, <supplied>."""
        line = self.raw_lines[b.line - 1].strip() if 0 < b.line <= len(self.raw_lines) else ""
        if re.fullmatch(rf"{re.escape(b.number)}(?!\d)(?!\.).*", line):
            return [b.number, el("supplied", {"reason": "heading number", "resp": "#converter"}, "."), " "]
        return [f"{b.number}. "]

    def table(self, b: Block, placement: Placement) -> list[Element]:
        out: list[Element] = [e for m in b.of(PageMark) if (e := self.page(m)) is not None]
        table = el("table", {"xml:id": self.id_for(b.anchor)})
        for i, row in enumerate(b.rows):
            r = table.sub("row", {"role": "label" if i == 0 and b.role == "header" else None})
            for cell in row:
                r.sub("cell", {}, *inline_nodes(cell, placement.in_text(cell), self))
        return out + [table]

    def inline(self, b: Block, placement: Placement) -> list:
        return inline_nodes(b, placement.in_text(b), self, line_ends=b.kind != "lines")

    def unplaced_notes(self, placement: Placement) -> list[Element]:
        """At a block's end: what the editor said of its choices (pointing to them), and each entry
        the writer could not find again in the text (said, not hidden)."""
        said, self.said = self.said, []
        notes = [el("note", {"type": "editorial", "resp": "#editor", "target": "#" + e.id}, signed("", e))
                 for e in said]
        return notes + [el("note", {"xml:id": self.id_for(e.id), "type": "apparatus", "subtype": kind_token(e.kind),
                                    "resp": resp(e), "ana": ana(e)},
                           f"{e.kind}: the source reads \u201c{e.original}\u201d, the edition \u201c{e.reading}\u201d"
                           + (f" ({e.note})" if e.note else "") + ".")
                        for e in placement.unplaced]

    # ------------------------------------------------------------ marks (tei_inline.Marks)

    def link(self, link: Link) -> Element | None:
        if link.register:
            register = register_of(link.register)
            if link.target not in self.entries.get(link.register, ()):
                return None
            self.mentioned.setdefault(link.register, set()).add(link.target)
            attrs = {"ref": "#" + register.xml_id(link.target)}
            if register.mention == "rs":
                attrs["type"] = register.prefix
            return el(register.mention, attrs)
        if link.target not in self.where:
            return None
        return el("ref", {"target": "#" + xml_id(link.target)})

    def page(self, mark: PageMark) -> Element | None:
        page = mark.page
        if not page.label:
            return None
        return el("pb", {"n": page.label, "xml:id": self.id_for(f"p-{page.label}"),
                         "cert": None if page.exact else "medium",
                         "type": None if page.seen else "unnumbered"})

    def note_ref(self, mark: NoteRef) -> Element:
        target = "#" + xml_id(f"fn:{mark.note}") if mark.note in self.notes else None
        # as printed ("¹"): the source's reading; n is the number the notes are matched by
        return el("ref", {"type": "noteref", "n": mark.number, "target": target}, mark.printed or mark.number)

    def choice(self, placed: Placed) -> tuple[Element, Element]:
        e = placed.emendation
        original, reading = ("orig", "reg") if e.kind in NORMALISATIONS else ("sic", "corr")
        if placed.kept:  # printed as the source has it: the editor's reading is in a note after it
            sic = el("sic", {"xml:id": self.id_for(e.id), "resp": "#editor", "ana": ana(e)})
            return sic, sic
        choice = el("choice", {"xml:id": self.id_for(e.id), "resp": resp(e), "ana": ana(e)})
        if e.resp == "editor" and e.editor_note:
            self.said.append(e)
        choice.add(el(original, {}, *self.original(placed)))
        edition = choice.sub(reading, {"type": kind_token(e.kind)})
        return choice, edition

    def original(self, placed: Placed) -> list:
        """The source's reading, with the earlier repairs it holds as choices of their own."""
        if not placed.earlier:
            return placed.original
        text, out, cursor = placed.emendation.original, [], 0
        for inner in sorted(placed.earlier, key=lambda p: p.start):
            piece = inner.text.text[inner.start:inner.end]
            at = text.find(piece, cursor)
            if at < 0:
                continue
            choice, reading = self.choice(inner)
            reading.add(piece)
            out += original_nodes(text[cursor:at]) + [choice]
            cursor = at + len(piece)
        return out + original_nodes(text[cursor:])

    def review(self, placed: Placed) -> Element:
        e = placed.emendation
        if e.status == "sic":
            return el("note", {"type": "correction", "resp": "#editor", "target": "#" + e.id},
                      signed(f"So the source; the editor reads \u201c{e.reading}\u201d.", e))
        if e.status in DECISIONS:
            words = f"{e.kind}: {DECISIONS[e.status]} (the source reads \u201c{e.original}\u201d"
            words += f", the converter proposed \u201c{e.reading}\u201d)." if e.reading != e.original else ")."
            return el("note", {"xml:id": self.id_for(e.id), "type": "decision", "subtype": e.status,
                               "resp": "#editor", "ana": ana(e)}, signed(words, e))
        words = f"For review ({e.kind}): the source reads \u201c{e.original}\u201d"
        if e.reading != e.original:
            words += f"; perhaps \u201c{e.reading}\u201d"
        return el("note", {"xml:id": self.id_for(e.id), "type": "review", "subtype": kind_token(e.kind),
                           "resp": "#converter", "ana": ana(e)}, words + (f" ({e.note})" if e.note else "") + ".")

    def comment(self, mark: CommentRef) -> Element:
        """An editor's note: it has no printed place, so it stands where the editor attached it."""
        e = mark.entry
        return el("note", {"xml:id": self.id_for(e.id), "type": "comment", "n": f"Ed. {mark.number}",
                           "resp": "#editor", "ana": ana(e)}, signed("", e))

    # ------------------------------------------------------------ header

    def header(self, audit: dict, publication: Publication) -> Element:
        source = self.edition.source
        meta = source.meta
        header = el("teiHeader")
        file_desc = header.sub("fileDesc")
        title_stmt = file_desc.sub("titleStmt")
        title_stmt.sub("title", {"type": "main"}, meta.get("title") or source.slug)
        title_stmt.sub("title", {"type": "sub"}, "An electronic edition")
        for person in _people(meta, "authors"):
            title_stmt.sub("author", {}, person)
        for key, role in (("editors", "editor"), ("translators", "translator")):
            for person in _people(meta, key):
                title_stmt.sub("editor", {"role": role}, person)
        resp = title_stmt.sub("respStmt")
        resp.sub("resp", {}, "conversion of the raw text, automatic repairs, page and paragraph anchors")
        resp.sub("name", {"xml:id": "converter"}, "the edition's converter")
        if any(e.resp == "editor" for e in self.edition.emendations):
            resp = title_stmt.sub("respStmt")
            resp.sub("resp", {}, f"corrections, decisions on the converter's repairs and commentary "
                                 f"(sources/{source.slug}/corrections.yml)")
            resp.sub("name", {"xml:id": "editor"}, "the edition's editors")
        file_desc.sub("extent").sub("measure", {"unit": "words", "quantity": str(audit.get("edition_words", 0))},
                                    f"{audit.get('edition_words', 0)} words")
        file_desc.add(self.publication_stmt(publication))
        source_desc = file_desc.sub("sourceDesc")
        source_desc.add(bibl_struct(meta))
        header.add(self.encoding_desc(audit))
        revision = header.sub("revisionDesc")
        revision.sub("change", {"n": "sha256:" + input_digest(self.edition, self.registers)},
                     "Converted from the raw text by the edition's build; @n is the SHA-256 digest of its inputs "
                     "(the raw text, the source's bibliography and layout profile, and the registers).")
        return header

    def publication_stmt(self, publication: Publication) -> Element:
        slug = self.edition.source.slug
        stmt = el("publicationStmt")
        stmt.sub("publisher", {}, publication.title)
        if publication.base_url and self.edition.divisions:
            base = publication.base_url if publication.base_url.endswith("/") else publication.base_url + "/"
            stmt.sub("idno", {"type": "URI"}, f"{base}{slug}/{self.edition.divisions[0].slug}.html")
            stmt.sub("idno", {"type": "TEI"}, f"{base}data/tei/{slug}.xml")
        if publication.licence:
            stmt.sub("availability").sub("licence", {}, publication.licence)
        return stmt

    def encoding_desc(self, audit: dict) -> Element:
        source = self.edition.source
        ems = self.edition.emendations
        decl = el("editorialDecl")
        applied = _counts(e.kind for e in ems if e.status == "applied" and e.resp != "editor")
        review = _counts(e.kind for e in ems if e.status == "review")
        p = decl.sub("p", {}, "Repairs made automatically, each encoded where it was made as a choice between "
                              "the source's reading (sic, or orig for layout and typography) and the edition's "
                              "(corr or reg, whose type names the repair's kind): ")
        p.add(_kind_list(applied) if applied else "none.")
        if review:
            p = decl.sub("p", {}, "Flagged for review and left as printed, each a note of type review: ")
            p.add(_kind_list(review))
        editor = [(words, sum(1 for e in ems if e.resp == "editor" and test(e))) for words, test in EDITOR_ENTRIES]
        if any(n for _, n in editor):
            p = decl.sub("p", {}, "The editor's interventions (resp editor), each with its id: ")
            p.add(el("list", {}, *[el("item", {}, f"{words}: {n}") for words, n in editor if n]))
        if self.unplaced:
            decl.sub("p", {}, f"{len(self.unplaced)} repairs could not be placed in the text again; each is a "
                              "note of type apparatus at the end of its paragraph.")
        labelled = [pg for pg in source.pages if pg.label]
        decl.sub("p", {}, f"Printed pages: {len(labelled)}, each a pb at the place the page begins. "
                          f"{sum(1 for pg in labelled if not pg.seen)} of them the source never numbered "
                          "(type unnumbered); "
                          f"{sum(1 for pg in labelled if not pg.exact)} are placed by inference "
                          "(cert medium). A paragraph's xml:id is its anchor on the website: para-, the last "
                          "page whose place is exact (or, in a source without pages, the section), and its "
                          "number on that page.")
        decl.sub("p", {}, "A note reference is written as the source prints it (superscript digits where it has "
                          "them); its n is the note's number. A full stop after a heading's number that the "
                          "source does not print is supplied.")
        removed = _counts(r.rule for r in source.removals)
        p = decl.sub("p", {}, "Removed from the text as layout, not encoded (listed with their lines in the "
                              "editorial notes): ")
        p.add(el("list", {}, *[el("item", {"n": rule}, f"{rule}: {n} lines, "
                                                     f"{audit.get('removed_words', {}).get(rule, 0)} words")
                               for rule, n in removed]) if removed else "nothing.")
        decl.sub("p", {}, f"Conservation audit: {audit.get('raw_words', 0)} words in the raw text, "
                          f"{sum(audit.get('removed_words', {}).values())} removed as layout, "
                          f"{audit.get('emendations', 0)} emendations, {audit.get('edition_words', 0)} words in "
                          f"the edition; {audit.get('unaccounted', 0)} unaccounted for, "
                          f"{audit.get('invented', 0)} not in the source.")
        return el("encodingDesc", {}, decl, self.rules())

    def rules(self) -> Element | None:
        """The rules whose entries the text holds, each a category their @ana points to."""
        kinds: dict[str, set[str]] = {}
        for e in self.edition.emendations:
            if e.rule:
                kinds.setdefault(e.rule, set()).add(e.kind)
        if not kinds:
            return None
        taxonomy = el("taxonomy", {"xml:id": "rules"})
        for rule in sorted(kinds):
            words = ("the editor's corrections.yml" if rule == "corrections"
                     else f"the converter's rule {rule} (the layout profile's key {rule}, PROFILE.md)")
            taxonomy.sub("category", {"xml:id": rule_id(rule)}).sub(
                "catDesc", {}, f"{words}: {', '.join(sorted(kinds[rule]))}")
        return el("classDecl", {}, taxonomy)


def _parts(divisions: list[Division]) -> tuple[list[Division], list[Division], list[Division]]:
    """Leading front matter, the body, and the notes, bibliography and index that close the source."""
    start = 0
    while start < len(divisions) and divisions[start].kind == "front":
        start += 1
    end = len(divisions)
    while end > start and divisions[end - 1].kind in BACK_KINDS:
        end -= 1
    if start == end:  # TEI wants a body: without one, everything is the body
        return [], list(divisions), []
    return divisions[:start], divisions[start:end], divisions[end:]


def _counts(kinds) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for k in kinds:
        counts[k] = counts.get(k, 0) + 1
    return sorted(counts.items())


def _kind_list(counts: list[tuple[str, int]]) -> Element:
    return el("list", {}, *[el("item", {"n": kind_token(kind)},
                                f"{kind} ({n}): {KIND_WORDS.get(kind, 'repairs of this kind')}")
                             for kind, n in counts])


def _people(meta: dict, key: str) -> list[Element]:
    out = []
    for p in meta.get(key) or []:
        if not isinstance(p, dict) or not p.get("family"):
            continue
        name = el("persName")
        if p.get("given"):
            name.add(el("forename", {}, str(p["given"])), " ")
        name.add(el("surname", {}, str(p["family"])))
        out.append(name)
    return out


def bibl_struct(meta: dict) -> Element:
    """The printed original: analytic and monogr for a chapter or an article, monogr for a book."""
    kind = meta.get("kind")
    bibl = el("biblStruct", {"type": kind or None})
    part = kind in ("chapter", "article")
    if part:
        analytic = bibl.sub("analytic")
        for person in _people(meta, "authors"):
            analytic.sub("author", {}, person)
        analytic.sub("title", {"level": "a"}, str(meta.get("title", "")))
    monogr = bibl.sub("monogr")
    if not part:
        for person in _people(meta, "authors"):
            monogr.sub("author", {}, person)
    level = {"article": "j", "essay": "u"}.get(kind, "m")
    monogr.sub("title", {"level": level}, str((meta.get("container_title") if part else None) or meta.get("title", "")))
    if meta.get("isbn"):
        monogr.sub("idno", {"type": "ISBN"}, str(meta["isbn"]))
    for key, role in (("editors", "editor"), ("translators", "translator")):
        for person in _people(meta, key):
            monogr.sub("editor", {"role": role}, person)
    imprint = monogr.sub("imprint")
    if meta.get("place"):
        imprint.sub("pubPlace", {}, str(meta["place"]))
    if meta.get("publisher"):
        imprint.sub("publisher", {}, str(meta["publisher"]))
    if meta.get("year"):
        imprint.sub("date", {"when": f"{int(meta['year']):04d}"}, str(meta["year"]))
    else:
        imprint.sub("date", {}, "n.d.")
    if meta.get("chapter"):
        monogr.sub("biblScope", {"unit": "chapter"}, str(meta["chapter"]))
    if meta.get("pages"):
        monogr.sub("biblScope", {"unit": "page"}, str(meta["pages"]))
    for key in ("medium", "note"):
        if meta.get(key):
            bibl.sub("note", {"type": key}, str(meta[key]))
    return bibl


def register_document(name: str, entries: list[Any], publication: Publication = Publication()) -> str:
    """A register's own TEI document (data/tei/persons.xml, glossary.xml): every entry."""
    register = register_of(name)
    header = el("teiHeader")
    file_desc = header.sub("fileDesc")
    file_desc.sub("titleStmt").sub("title", {}, f"{register.title}: the register of {publication.title}")
    stmt = file_desc.sub("publicationStmt")
    stmt.sub("publisher", {}, publication.title)
    if publication.base_url:
        base = publication.base_url if publication.base_url.endswith("/") else publication.base_url + "/"
        stmt.sub("idno", {"type": "TEI"}, f"{base}data/tei/{register.file}")
    if publication.licence:
        stmt.sub("availability").sub("licence", {}, publication.licence)
    file_desc.sub("sourceDesc").sub("p", {}, f"The edition's register data/{name}.yml, reviewed by its editors; "
                                              "the sources' documents point to its entries.")
    body = el("body", {}, entry_list(register, entries, pointing_to_file=False))
    return serialize(el("TEI", {"xmlns": TEI_NS}, header, el("text", {}, body)))
