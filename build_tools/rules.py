"""The converter: one chain of named rules, run in order over one shared state.

Modelled on markdown-it-py's Ruler. A rule is one module of normalize/ (repairs
of the raw text) or structure/ (what the text's parts are), and it declares a
RULE here: its name, which is also its module's name, its key in a source's
layout profile (source.yml `layout:`), and the kind of the apparatus entries
it makes; the function that runs it; and the JSON Schema of its profile key,
which is the documentation of that key (see build_tools/profile.py).

The profile turns a rule on (any value but `false`) and configures it; a rule
with a default runs unless the profile says `false`. Core rules (making
paragraphs, dividing the source, anchoring) always run. A rule left out may
say, from the text, that it looks needed (a warning naming the key to set).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .lexicon import Lexicon
from .lines import Line, split_lines
from .model import Block, Division, Source


@dataclass
class State:
    """What the rules read and change: the raw lines, then blocks, then divisions."""

    source: Source
    lexicon: Lexicon
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    measure: int = 0  # a full printed line, in characters (hard-wrapped text)

    def setting(self, dotted: str, default: Any = None) -> Any:
        """A profile setting ('notes.heading'), or the schema's default for it."""
        from .profile import default_of

        return self.source.setting(dotted, default if default is not None else default_of(dotted))


@dataclass(frozen=True)
class Rule:
    name: str  # == module name == profile key == apparatus kind
    run: Callable[[State], None]
    schema: dict  # JSON Schema of the profile key, with "description", "default", "examples"
    core: bool = False
    # When the profile leaves the rule out: a warning if the text shows it is needed, else None
    unset: Callable[[State], str | None] | None = None

    def enabled(self, source: Source) -> bool:
        if self.core:
            return True
        return source.setting(self.name, self.schema.get("default")) not in (None, False)


def chain() -> list[Rule]:
    """Every rule, in the order they run."""
    from .normalize import (boilerplate, emphasis, glued_words, hyphenation, ligatures, lost_dashes, pages,
                            paragraph_breaks, preamble, superscripts, wrapping)
    from .structure import (anchors, blockquotes, citations, cross_references, displaced_references, divisions,
                            headings, index_entries, index_locators, missing_pages, notes, split_paragraphs, tables)

    return [m.RULE for m in (
        # the raw text, line by line
        preamble, boilerplate, pages, paragraph_breaks,
        # paragraphs, and repairs inside them
        wrapping, hyphenation, ligatures, lost_dashes,  # lost dashes before superscripts: 1887¹⁹³⁷ is a date range
        superscripts, emphasis, glued_words,
        # the parts of the source, and what each paragraph is
        headings, divisions, displaced_references, split_paragraphs, tables, index_entries, blockquotes,
        # pages and anchors, then what links to them
        missing_pages, anchors, notes, cross_references, citations, index_locators,
    )]


def convert(source: Source, lexicon: Lexicon) -> list[Division]:
    """Run the chain over one source: its divisions, ready to write."""
    state = State(source, lexicon, split_lines(source.text))
    for rule in chain():
        if rule.enabled(source):
            rule.run(state)
            _stamp(state, rule.name)
        elif rule.unset and (warning := rule.unset(state)):
            source.warnings.append(warning)
    return state.divisions


def _stamp(state: State, name: str) -> None:
    """The apparatus entries a rule just made carry its name: the apparatus kind is the rule."""
    blocks = list(state.blocks)
    for d in state.divisions:
        blocks += d.blocks
        for n in d.notes + d.unreferenced_notes:
            blocks += n.blocks
    for b in blocks:
        for e in b.emendations:
            if not e.rule:
                e.rule = name
