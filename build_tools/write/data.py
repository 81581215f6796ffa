"""Data files for readers and tools: JSON with one record per line.

Diffs stay readable (a changed record is a changed line) and the C encoder
does the work: `indent` would force json's slow pure-Python path. Records
may come from a generator and travel as their lines, so that a large
edition never holds all of them as Python objects at once.
"""
from __future__ import annotations

import json
from typing import Iterable


def record_line(record, *, sort_keys: bool = False) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=sort_keys)


def records_json(records: Iterable, *, sort_keys: bool = False) -> str:
    return lines_json(record_line(r, sort_keys=sort_keys) for r in records)


def lines_json(lines: Iterable[str]) -> str:
    """A JSON list from its records' lines (as record_line writes them)."""
    lines = list(lines)
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
