"""What the text says about itself: a catalogue record before it, block quotations, a list of
works cited, a book's references to its own chapters."""
from __future__ import annotations

import re

from ..structure.citations import CITATION
from ..structure.cross_references import CHAPTER
from .evidence import Evidence, literal, quote

CATALOGUE_FIELD = re.compile(r"[a-z][\w ]{1,30}\t+: .*")
WORKS_CITED = re.compile(r"Works Cited|Works cited|WORKS CITED|Bibliography|BIBLIOGRAPHY|References|REFERENCES")


def infer_apparatus(ev: Evidence) -> None:
    body = [l for l in ev.body() if not l.blank]
    blocks = ev.blocks()
    colons = [b[-1] for b, nxt in zip(blocks, blocks[1:]) if b[-1].text.endswith(":") and len(b) <= 12]
    if colons:
        ev.found("blockquotes_after_colon", True, f"{len(colons)} paragraphs end with a colon before the "
                 f"quotation they announce (line {colons[0].no}: {quote(colons[0].text[-40:])})")
    cited = next((l for l in body if WORKS_CITED.fullmatch(l.text)), None)
    if cited:
        entries = [l.text for l in body if l.no > cited.no]
        authors = {e.split(",")[0].split()[-1] for e in entries if "," in e and e.split(",")[0].split()}
        text = "\n".join(l.text for l in body if l.no < cited.no)
        citations = [m for m in CITATION.finditer(text) if m.group("author") in authors]
        if len(citations) >= 2:
            ev.found("works_cited", cited.text, f"{len(citations)} citations such as {quote(citations[0].group(0))} "
                     f"name authors of the list under line {cited.no} {quote(cited.text)}")
            _title_line_heading(ev, cited)
    if ev.value("contents"):
        refs = [m.group(0) for m in CHAPTER.finditer("\n".join(l.text for l in body))]
        if len(refs) >= 2:
            ev.found("cross_references", True, f"{len(refs)} references to the book's own chapters ({quote(refs[0])})")


def infer_preamble(ev: Evidence) -> None:
    """A catalogue record ('title\\t: …') before the first page marker is not the text."""
    marker = ev.value("page_marker")
    if not marker:
        return
    pattern = re.compile(marker)
    first = next((l for l in ev.lines if pattern.fullmatch(l.text)), None)
    if first is None:
        return
    fields = [l for l in ev.lines if l.no < first.no and CATALOGUE_FIELD.fullmatch(l.raw.strip())]
    if len(fields) >= 3:
        ev.furniture.update(l.no for l in ev.lines if l.no < first.no)
        ev.found("preamble", literal(first.text), f"{len(fields)} catalogue fields ({quote(fields[0].text)}, …) "
                 f"before the first page, line {first.no}")


def _title_line_heading(ev: Evidence, line) -> None:
    """The list's title must be a heading for citations to find the list: title lines make it one."""
    finding = next((f for f in ev.findings if f.name == "heading_strategies"), None)
    if finding is None:
        ev.found("heading_strategies", ["title-lines"], f"the title of the works cited, {quote(line.text)}, "
                 "is a title line")
    elif not {"title-lines", "contents"} & set(finding.value):
        finding.value.append("title-lines")
        finding.evidence += f"; the title of the works cited, {quote(line.text)}, is a title line"
