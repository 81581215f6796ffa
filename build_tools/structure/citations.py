"""Parenthetical citations "(Kort, 241)" link to their Works Cited entry.

The entry is found by the author's name; where one author has several
entries, by the title the citation gives, else by the last title cited for
that author (the essay's own context), else the first entry.
"""
from __future__ import annotations

import re

from ..model import Block, Division, Link
from ..normalize.inline import unmarked
from ..rules import Rule, State
from .text import plain

CITATION = re.compile(r"\((?P<author>[A-Z][\w’'-]+)(?:,\s*[“\"](?P<title>[^”\"]+?),?[”\"])?,?\s*(?P<pages>\d+(?:[-–]\d+)?)\)")


SCHEMA = {
    "type": "object",
    "description": "Parenthetical citations (\"(Kort, 241)\") link to their entry in the works cited, found "
                   "by the author's name (and the title the citation gives, or the last one cited).",
    "properties": {
        "works_cited": {"type": "string", "description": "The heading of the list of works cited.",
                        "examples": ["Works Cited"]},
    },
    "required": ["works_cited"],
    "additionalProperties": False,
}


def link_citations(state: State) -> None:
    heading = state.setting("citations.works_cited")
    for d in state.divisions:
        entries = _entries(d, heading)
        if not entries:
            continue
        context: dict[str, Block] = {}
        for b in d.blocks:
            if b in entries.values() or b.kind == "heading":
                continue
            for m in list(unmarked(b, CITATION)):
                target = _link(m, entries, context)
                if target:
                    b.add(Link(m.start(), m.end(), target))


def _entries(d: Division, heading: str) -> dict[str, Block]:
    found: dict[str, Block] = {}
    inside = False
    for b in d.blocks:
        if b.kind == "heading":
            inside = plain(b) == heading
        elif inside and b.kind == "para":
            found[plain(b)] = b
    return found


def _norm(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) - {"the", "a", "of", "to", "is", "be", "and"}


def _link(m: re.Match, entries: dict[str, Block], context: dict[str, Block]) -> str | None:
    """The anchor of the Works Cited entry the citation names."""
    author = m.group("author")
    candidates = [b for text, b in entries.items() if text.split(",")[0].split()[-1] == author or text.startswith(author)]
    if not candidates:
        return None
    chosen = candidates[0]
    if len(candidates) > 1:
        if m.group("title"):
            want = _norm(m.group("title"))
            chosen = max(candidates, key=lambda b: len(want & _norm(plain(b))))
        else:
            chosen = context.get(author, candidates[0])
    context[author] = chosen
    return chosen.anchor


RULE = Rule("citations", link_citations, SCHEMA)
