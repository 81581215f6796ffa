"""Data files for readers and tools: JSON with one record per line.

Diffs stay readable (a changed record is a changed line) and the C encoder
does the work: `indent` would force json's slow pure-Python path.
"""
from __future__ import annotations

import json


def records_json(records: list, *, sort_keys: bool = False) -> str:
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=sort_keys) for r in records]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
