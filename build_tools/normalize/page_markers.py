"""Turn printed page markers into page breaks where they fall.

Three kinds of evidence, each from the profile: a line holding only the page
label ("Page 75"), a running head carrying the page number
(" 8 Inside the Stalin Archives"), and a run of blank lines left where a page
without a running head began.
"""
from __future__ import annotations

from ..ids import page_label
from ..model import PageBreak, Removal
from .lines import Line
from .state import NormalizeState


def mark_pages(state: NormalizeState) -> None:
    source = state.source
    blank_run = source.setting("pages.blank_run")
    marker_re, head_re = source.pattern("pages.marker"), source.pattern("pages.running_head")
    out: list[Line] = []
    for line in state.lines:
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
    state.lines = _blank_runs(out, blank_run) if blank_run else out


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
