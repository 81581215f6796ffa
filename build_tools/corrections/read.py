"""Read a source's corrections.yml into entries, refusing a file the schema does not allow."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..read import node_line
from . import schema

FILE = "corrections.yml"


@dataclass(frozen=True)
class Entry:
    """One entry of corrections.yml, with the lines its keys stand on (for messages)."""

    action: str  # reject | accept | replace | comment
    path: Path
    line: int  # the entry's first line
    target: str = ""  # reject, accept: the apparatus entry's id
    find: str = ""  # replace: the passage; comment: `at`
    replacement: str = ""  # replace: `with`
    kind: str = "corr"  # replace: corr | sic
    part: str = ""  # `in`
    before: str = ""
    after: str = ""
    note: str = ""
    by: str = ""
    date: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # key ("find", "in", ...) -> its line

    def at(self, key: str = "") -> str:
        """`path:line` of a key of the entry (of the entry itself without one)."""
        return f"{self.path}:{self.lines.get(key, self.line)}"


def load(folder: Path) -> list[Entry]:
    """The entries of folder/corrections.yml, checked; none without the file."""
    from ..read import _check_own_file, load_yaml  # YAML's limits, a file of the source's own

    path = folder / FILE
    _check_own_file(folder, path)
    if not path.exists():
        return []
    node, data = load_yaml(path)
    data = _dates_as_text(data)
    schema.check(data, str(path), lambda *keys: node_line(node, keys))
    return [_entry(path, item_node, item) for item_node, item in zip(node.value, data)] if data else []


def parse(text: str, path: Path = Path(FILE)) -> list[Entry]:
    """Entries from the text of a corrections file (for tests and tools)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    data = _dates_as_text(yaml.safe_load(text))
    schema.check(data, str(path), lambda *keys: node_line(node, keys))
    return [_entry(path, item_node, item) for item_node, item in zip(node.value, data)] if data else []


def _dates_as_text(value: Any) -> Any:
    """YAML reads 2024-05-01 as a date: it is kept as the text it was written as."""
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _entry(path: Path, node, item: dict) -> Entry:
    action = next(a for a in schema.ACTIONS if a in item)
    value = item[action]
    lines = {key: node_line(node, (key,)) for key in item}
    common = {"action": action, "path": path, "line": node.start_mark.line + 1, "note": item.get("note", ""),
              "by": item.get("by", ""), "date": item.get("date", "")}
    if action in ("reject", "accept"):
        return Entry(target=value, lines=lines, **common)
    for key in value:
        lines[key] = node_line(node, (action, key))
    passage = {"find": value["find"] if action == "replace" else value["at"], "part": value.get("in", ""),
               "before": value.get("before", ""), "after": value.get("after", "")}
    if action == "comment":
        lines["find"] = lines["at"]
    common["note"] = value["note"]
    return Entry(replacement=value.get("with", ""), kind=value.get("kind", "corr"), lines=lines, **passage, **common)
