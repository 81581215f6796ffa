"""Remove portal boilerplate named in the profile (whole lines and inline phrases)."""
from __future__ import annotations

from ..model import Removal
from .state import NormalizeState


def remove_boilerplate(state: NormalizeState) -> None:
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


def remove_preamble(state: NormalizeState) -> None:
    """Drop a catalogue record printed before the text proper (profile: preamble.until)."""
    pattern = state.source.pattern("preamble.until")
    if not pattern:
        return
    rule = state.source.setting("preamble.rule", "catalogue record")
    for i, line in enumerate(state.lines):
        if line.text is not None and pattern.fullmatch(line.text.strip(), line.no):
            for dropped in state.lines[:i]:
                if dropped.text and dropped.text.strip():
                    state.source.removals.append(Removal(rule, dropped.text, dropped.no))
            state.lines = state.lines[i:]
            return
