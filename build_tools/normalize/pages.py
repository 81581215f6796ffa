"""Printed page markers become page breaks where they fall.

Three kinds of evidence, each from the profile: a line holding only the page
label ("Page 75"), a running head carrying the page number
(" 8 Inside the Stalin Archives"), and a run of blank lines left where a page
without a running head began.
"""
from __future__ import annotations

import re

from ..ids import page_label
from ..structure.missing_pages import label_value, to_label
from ..lines import Line
from ..model import PageBreak, Removal
from ..rules import Rule, State

SCHEMA = {
    "type": "object",
    "description": "How the source marks its printed pages. Each marker is removed from the text and becomes "
                   "a page anchor where it stood; pages the source never marks are placed by the "
                   "`missing_pages` rule.",
    "properties": {
        "marker": {"type": "string", "format": "regex", "x-groups": ["label"],
                   "description": "A regular expression matching a whole line that only marks a page; its "
                                  "group `label` is the page's number.",
                   "examples": ["Page (?P<label>\\d+|[ivxlc]+)"]},
        "running_head": {"type": "string", "format": "regex", "x-groups": ["label"],
                         "description": "A regular expression matching a whole running head line; its group "
                                        "`label` is the page's number.",
                         "examples": ["(?P<label>\\d+) Inside the Stalin Archives"]},
        "blank_run": {"type": "integer", "minimum": 2,
                      "description": "A run of at least this many blank lines is a page break whose number "
                                     "was not printed (it is taken from the sequence).",
                      "examples": [3]},
        "first": {"type": ["string", "integer"], "pattern": "^([0-9]+|[ivxlcdm]+)$",
                  "description": "The number of the page the text begins on, when no marker says so "
                                 "(a chapter's first page, from its bibliography).",
                  "examples": ["1"]},
        "marker_ends_page": {"type": "boolean", "default": False,
                             "description": "The markers stand at the foot of their page: the number closes "
                                            "page N, and page N+1 begins after it (the first page at the start "
                                            "of the text)."},
        "form_feed": {"type": "boolean", "default": False,
                      "description": "A form feed (the page-break character of a text exported from a PDF) "
                                     "begins a page; its number is taken from the sequence."},
    },
    "additionalProperties": False,
}


def mark_pages(state: State) -> None:
    source = state.source
    blank_run = state.setting("pages.blank_run")
    marker_re, head_re = source.pattern("pages.marker"), source.pattern("pages.running_head")
    lines = _form_feeds(state.lines, source) if state.setting("pages.form_feed") else state.lines
    out: list[Line] = []
    for line in lines:
        text = line.text
        if text is None:
            out.append(line)
            continue
        for regex, rule in ((marker_re, "page marker"), (head_re, "running head")):
            m = regex.fullmatch(text.strip(), line.no) if regex else None
            if m:
                label = page_label(source, m.group("label"), regex, line.no)
                source.removals.append(Removal(rule, text, line.no))
                out.append(Line(line.no, None, PageBreak(label, line.no, evidence=rule)))
                break
        else:
            out.append(line)
    if state.setting("pages.marker_ends_page"):
        out = _pages_after_markers(out)
    state.lines = _blank_runs(out, blank_run) if blank_run else out


def _form_feeds(lines: list[Line], source) -> list[Line]:
    """A form feed ends a page: a page break (numbered from the sequence) where it stands."""
    out: list[Line] = []
    for line in lines:
        if line.text is None or "\f" not in line.text:
            out.append(line)
            continue
        pieces = line.text.split("\f")
        for k, piece in enumerate(pieces):
            if k:
                source.removals.append(Removal("form feed", "\f", line.no))
                out.append(Line(line.no, None, PageBreak(None, line.no, seen=False, evidence="form feed")))
            if piece or k == len(pieces) - 1:
                out.append(Line(line.no, piece))
    return out


def _pages_after_markers(lines: list[Line]) -> list[Line]:
    """Numbers printed at the foot of their page: the one that closes page N opens N+1 after it, the first
    page begins with the text, and nothing begins after the last page."""
    breaks = [l for l in lines if l.text is None and l.page.evidence == "page marker"]
    if not breaks:
        return lines
    first = Line(0, None, PageBreak(breaks[0].page.label, breaks[0].page.line, exact=True, seen=False,
                                    evidence="page marker at the foot of the page"))
    last_text = max((i for i, l in enumerate(lines) if l.text and l.text.strip()), default=-1)
    closing = {id(l) for l in breaks}
    out: list[Line] = []
    for i, line in enumerate(lines):
        if id(line) in closing:
            if i > last_text:
                continue  # the last page's number: no page begins after it
            series, n = label_value(line.page.label)
            line.page.label, line.page.evidence = to_label(series, n + 1), "the page before it ends with its number"
        out.append(line)
    start = next((i for i, l in enumerate(out) if l.text and l.text.strip()), 0)
    return out[:start] + [first] + out[start:]


def _blank_runs(lines: list[Line], run: int) -> list[Line]:
    """A run of `run` or more blank lines is a page break with an unseen number."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].blank:
            j += 1
        if j - i >= run and out:
            out.append(Line(lines[i].no, ""))
            out.append(Line(lines[i].no, None, PageBreak(None, lines[i].no, seen=False, evidence="blank lines")))
            out.append(Line(lines[i].no, ""))
            i = j
        elif j > i:
            out.extend(lines[i:j])
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


PAGE_LIKE = re.compile(r"(?:Page|PAGE|p\.)\s*\d{1,4}|\[p\.\s*\d{1,4}\]|[-–—]\s*\d{1,4}\s*[-–—]")
PAGE_LIKE_LEAST = 3


def looks_paged(state: State) -> str | None:
    """Without a pages setting, lines that are only "Page 12", "[p. 12]" or "- 12 -" stay in the text."""
    found = [l for l in state.lines if l.text is not None and PAGE_LIKE.fullmatch(l.text.strip())]
    if len(found) < PAGE_LIKE_LEAST:
        return None
    first = found[0]
    return (f"{state.source.text_path}:{first.no}: {len(found)} lines like {first.text.strip()!r} stay in the text as "
            "words: set layout.pages.marker (see PROFILE.md) to make them page anchors")


RULE = Rule("pages", mark_pages, SCHEMA, unset=looks_paged)
