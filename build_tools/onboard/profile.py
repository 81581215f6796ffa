"""From findings to the layout profile, and the profile to source.yml with its evidence.

`layout_settings` is the one place that knows the profile's keys: every
finding goes through it; each key is one a rule reads (PROFILE.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .evidence import Doubt, Finding, literal

# finding name -> profile key (dotted). Findings absent from KEYS are reported, not written.
KEYS = {
    "preamble": "preamble.until",
    "wrapping": "wrapping",
    "paragraph_breaks": "paragraph_breaks",
    "page_marker": "pages.marker",
    "marker_ends_page": "pages.marker_ends_page",  # the number closes its page (printed at the foot)
    "running_head": "pages.running_head",
    "blank_run": "pages.blank_run",
    "first_page": "pages.first",
    "form_feeds": "pages.form_feed",
    "boilerplate_lines": "boilerplate.lines",
    "boilerplate_inline": "boilerplate.inline",
    "contents": "headings.contents",
    "heading_strategies": "headings.strategies",
    "byline": "headings.byline",
    "notes_heading": "notes.heading",
    "note_numbering": "notes.number",
    "note_groups": "notes.groups",
    "note_references": "notes.references",
    "notes_absent": "notes.absent",
    "emphasis": "emphasis",
    "tables": "tables",
    "lost_dashes": "lost_dashes",
    "rejoin_split_paragraphs": "split_paragraphs",
    "stray_note_references": "displaced_references",
    "blockquotes_after_colon": "blockquotes",
    "works_cited": "citations.works_cited",
    "cross_references": "cross_references",
}

@dataclass
class Setting:
    key: str  # dotted
    value: Any
    evidence: str


def layout_settings(findings: list[Finding]) -> list[Setting]:
    """The profile's settings for the findings, each with the evidence for it, in KEYS order."""
    found = {f.name: f for f in findings}
    settings: list[Setting] = []
    for name, key in KEYS.items():
        f = found.get(name)
        if f is None:
            continue
        value = f.value
        if name == "blockquotes_after_colon":
            value = ["after-colon"]
        if name == "first_page":
            value = str(value)
        settings.append(Setting(key, value, f.evidence))
        if name == "preamble":
            settings.append(Setting("preamble.rule", "catalogue record", "what the removed lines are called"))
        if name == "contents":
            settings.append(Setting("divisions", "chapters", "a book with a contents list: one page per chapter"))
        if name == "notes_heading" and "contents" not in found:
            # The heading must be a heading for the notes to be found under it.
            settings.append(Setting("headings.notes", literal(value), f"the notes' heading, {value!r}, is a heading"))
    return settings


def nest(settings: list[Setting]) -> dict:
    """{'pages': {'marker': …}} from dotted keys, in order."""
    out: dict = {}
    for s in settings:
        node = out
        *parents, last = s.key.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = s.value
    return out


def source_yml(bibliography: dict, settings: list[Setting], doubts: list[Doubt], origin: str) -> str:
    """source.yml: the bibliography given, then the inferred layout, each setting under its evidence."""
    lines = [f"# Added by `edition add` from {origin}: the layout below was inferred from the text;",
             "# each setting says why. Review it, then run `edition build`.",
             "text: raw.txt",
             yaml.safe_dump({"bibliography": bibliography}, allow_unicode=True, sort_keys=False,
                            default_flow_style=None, width=1000).rstrip(),
             "layout:" if settings else "layout: {}"]
    tree: dict = {}  # the settings nested by key, each key where its first setting put it
    for setting in settings:
        node = tree
        *parents, last = setting.key.split(".")
        for parent in parents:
            node = node.setdefault(parent, {})
        node[last] = setting
    lines += _emit(tree, 1)
    if doubts:
        lines.append("# Not decided from the text (set by hand where it applies):")
        lines += [f"# - {_one_line(d.what)}" for d in doubts]
    text = "\n".join(lines) + "\n"
    _check_round_trip(text, bibliography, settings)
    return text


def _emit(tree: dict, depth: int) -> list[str]:
    indent, out = "  " * depth, []
    for key, node in tree.items():
        if isinstance(node, dict):
            out += [f"{indent}{key}:"] + _emit(node, depth + 1)
        else:
            out += [f"{indent}# {_one_line(node.evidence)}", f"{indent}{key}: {scalar(node.value)}"]
    return out


def scalar(value: Any) -> str:
    """A value in YAML flow style: texts single-quoted (patterns keep their backslashes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_round_trip(text: str, bibliography: dict, settings: list[Setting]) -> None:
    """What is written reads back as what was meant (a pattern mis-quoted would change silently)."""
    data = yaml.safe_load(text)
    if data.get("bibliography") != bibliography or (data.get("layout") or {}) != nest(settings):
        raise AssertionError("source.yml does not read back as written")
