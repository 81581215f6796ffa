"""Drop what is printed before the text proper, such as an e-book's catalogue record."""
from __future__ import annotations

from ..model import Removal
from ..rules import Rule, State

SCHEMA = {
    "type": "object",
    "description": "Lines before the text proper that are not part of it (a catalogue record, a download "
                   "notice). Everything before the first line the `until` pattern matches whole is removed "
                   "and listed in the editorial notes.",
    "properties": {
        "until": {"type": "string", "format": "regex",
                  "description": "A regular expression matching the whole first line of the text proper.",
                  "examples": ["Page i"]},
        "rule": {"type": "string", "default": "catalogue record",
                 "description": "What the removed lines are, as the editorial notes name them.",
                 "examples": ["e-book catalogue record"]},
    },
    "required": ["until"],
    "additionalProperties": False,
}


def remove_preamble(state: State) -> None:
    pattern = state.source.pattern("preamble.until")
    rule = state.setting("preamble.rule")
    for i, line in enumerate(state.lines):
        if line.text is not None and pattern.fullmatch(line.text.strip(), line.no):
            for dropped in state.lines[:i]:
                if dropped.text and dropped.text.strip():
                    state.source.removals.append(Removal(rule, dropped.text, dropped.no))
            state.lines = state.lines[i:]
            return


RULE = Rule("preamble", remove_preamble, SCHEMA)
