"""Remove portal boilerplate named in the profile (whole lines and inline phrases)."""
from __future__ import annotations

from ..model import Removal
from ..rules import Rule, State

SCHEMA = {
    "type": "object",
    "description": "Text a portal or a converter added to every page (headers, footers, links), removed "
                   "wherever it stands and listed in the editorial notes.",
    "properties": {
        "lines": {"type": "array", "items": {"type": "string", "format": "regex"}, "default": [],
                  "description": "Regular expressions, each matching a whole line to remove.",
                  "examples": [["Show Summary Details", "Subscriber: .*"]]},
        "inline": {"type": "array", "items": {"type": "string", "format": "regex"}, "default": [],
                   "description": "Regular expressions matching phrases to remove inside lines.",
                   "examples": [["Find this resource:"]]},
    },
    "additionalProperties": False,
}


def remove_boilerplate(state: State) -> None:
    line_patterns = state.source.pattern("boilerplate.lines")
    inline_patterns = state.source.pattern("boilerplate.inline")
    kept = []
    for line in state.lines:
        if line.text is not None and any(p.fullmatch(line.text.strip(), line.no) for p in line_patterns):
            state.source.removals.append(Removal("boilerplate", line.text, line.no))
            continue
        if line.text is not None:
            for p in inline_patterns:
                for m in p.finditer(line.text, line.no):
                    state.source.removals.append(Removal("boilerplate", m.group(0), line.no))
                line.text = p.sub("", line.text, line.no)
        kept.append(line)
    state.lines = kept


RULE = Rule("boilerplate", remove_boilerplate, SCHEMA)
