"""The editor has the last word: sources/<slug>/corrections.yml, applied after conversion.

The converter's repairs are automatic and will never be right everywhere; the
raw text is never edited. An editor's decisions and corrections are kept in a
file of their own, reviewed like code, and applied as a stage of their own
after the rule chain (pipeline.convert_source), so they see the text as the
converter left it:

- `reject: <id>` / `accept: <id>` decide an entry of the apparatus, found by
  its stable id (build_tools/emendation_ids.py);
- `replace:` corrects a passage (printed as the correction, or as the source
  has it, marked sic); `comment:` attaches an editor's note to a passage.

Each becomes (or changes) an entry of the apparatus with resp "editor",
listed in the editorial notes and emendations.json; the conservation audit
counts a replaced word as emended, not lost. The file is checked against its
schema (schema.py, documented in CORRECTIONS.md) when the source is read, and
each entry against the text when it is applied: one that no longer fits
(an id no entry has, a passage found nowhere or more than once, or running
across a page break or a note reference) stops the build with one line
naming its line.

Citation anchors are settled by the chain, before corrections, and
corrections never move them. The anchor manifest fingerprints a paragraph as
converted (Edition.converted), the text the next build reconciles with, so
adding, changing or withdrawing a correction never calls for
`python -m build_tools.anchors --update` and cannot break a citation.
"""
from __future__ import annotations

from .apply import apply_corrections, find_passage
from .read import FILE, Entry, load, parse

__all__ = ["FILE", "Entry", "apply_corrections", "find_passage", "load", "parse"]
