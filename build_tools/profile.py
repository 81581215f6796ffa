"""The layout profile (`layout:` in a source's source.yml): its schema, its check
and its reference.

The schema is assembled from the rules (build_tools/rules.py): each rule's
module declares the JSON Schema of its own key, with what it does, its default
and an example. The same schema checks a profile (`check`), gives the rules
their defaults (`default_of`) and writes the reference for editors
(`reference`, committed as PROFILE.md), so the three cannot drift apart.
"""
from __future__ import annotations

import copy
import difflib
import json
import re
from functools import lru_cache
from typing import Any, Callable

from .model import EditionError

# Keys of earlier versions, and where their setting went.
RENAMED = {
    "markup": "emphasis (a list, e.g. emphasis: [html])",
    "split": "divisions",
    "stray_note_references": "displaced_references",
    "rejoin_split_paragraphs": "split_paragraphs",
    "index": "headings.index",
}
TYPES = {"string": str, "boolean": bool, "integer": int, "array": list, "object": dict}


@lru_cache(maxsize=1)
def _schema() -> dict:
    from .rules import chain

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Layout profile",
        "description": "How a source's raw text is laid out, so that the converter can read it: the `layout:` "
                       "section of sources/<slug>/source.yml. Each key is the name of one rule of the converter "
                       "and configures it; a key left out takes its default.",
        "type": "object",
        "properties": {r.name: r.schema for r in chain() if r.schema},
        "additionalProperties": False,
    }


def schema() -> dict:
    return copy.deepcopy(_schema())


def default_of(dotted: str) -> Any:
    """The default the schema gives a setting ('notes.heading'), or None."""
    node: dict | None = _schema()
    for key in dotted.split("."):
        node = (node or {}).get("properties", {}).get(key)
    return copy.deepcopy(node.get("default")) if node else None


@lru_cache(maxsize=1)
def regex_settings() -> dict[str, tuple[list, bool]]:
    """The settings that are regular expressions: dotted key -> (the groups each needs, whether it is a
    list of them)."""
    found: dict[str, tuple[list, bool]] = {}

    def walk(node: dict, key: str) -> None:
        if node.get("format") == "regex":
            found[key] = (node.get("x-groups", []), False)
        elif node.get("items", {}).get("format") == "regex":
            found[key] = (node["items"].get("x-groups", []), True)
        for sub, child in node.get("properties", {}).items():
            walk(child, f"{key}.{sub}")

    for name, node in _schema()["properties"].items():
        walk(node, name)
    return found


# ------------------------------------------------------------------ check


def check(layout: Any, file: str, line_of: Callable[..., int]) -> None:
    """Refuse a profile the schema does not allow: one line naming the file, the line and what to do.

    line_of(*keys) gives the line of the value at layout.<keys> in the file.
    """
    problem = _problem(_schema(), layout, ())
    if problem:
        keys, message = problem
        raise EditionError(f"{file}:{line_of(*keys)}: {message}")


def _problem(node: dict, value: Any, path: tuple, root: str = "layout") -> tuple[tuple, str] | None:
    """What is wrong with value against node (a schema), and where: (keys, message), or None.
    root names the whole value in messages (corrections.yml checks its entries with it too)."""
    where = (root + "".join(f".{k}" if isinstance(k, str) else f"[{k}]" for k in path)).lstrip(".")
    if "enum" in node:
        if value in node["enum"] and type(value) in {type(v) for v in node["enum"]}:
            return None
        return path, f"{where}: {_show(value)} is not one of {_choices(node['enum'])}{_nearest(value, node['enum'])}"
    kinds = node.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(isinstance(value, TYPES[k]) and not (k == "integer" and isinstance(value, bool)) for k in kinds):
            return path, f"{where} must be {' or '.join(_a(k) for k in kinds)}, not {_show(value)}" + _example(node)
    if isinstance(value, dict):
        return _object_problem(node, value, path, where, root)
    if isinstance(value, list):
        if node.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in value}) < len(value):
            return path, f"{where} lists an item twice"
        for i, item in enumerate(value):
            found = _problem(node.get("items", {}), item, path + (i,), root)
            if found:
                return found
        return None
    if isinstance(value, int) and "minimum" in node and value < node["minimum"]:
        return path, f"{where} must be at least {node['minimum']}"
    if isinstance(value, str):
        if len(value.strip()) < node.get("minLength", 0):
            return path, f"{where} must not be empty" + _example(node)
        if "pattern" in node and not re.fullmatch(node["pattern"], value):
            return path, f"{where}: {_show(value)} is not allowed here" + _example(node)
        if node.get("format") == "regex":
            return _regex_problem(node, value, path, where)
    return None


def _object_problem(node: dict, value: dict, path: tuple, where: str, root: str) -> tuple[tuple, str] | None:
    known = node.get("properties", {})
    for key in value:
        if key not in known and node.get("additionalProperties") is False:
            if not path and root == "layout" and key in RENAMED:
                return path + (key,), f"{where}: key {key!r} is now {RENAMED[key]}"
            hint = _nearest(key, list(known)) or f" (known keys: {', '.join(known)})"
            return path + (key,), f"{where}: unknown key {key!r}{hint}"
    for key in node.get("required", []):
        if key not in value:
            return path, f"{where} needs {key!r}" + _example(known.get(key, {}))
    for key, item in value.items():
        if key in known:
            found = _problem(known[key], item, path + (key,), root)
            if found:
                return found
    return None


def _regex_problem(node: dict, value: str, path: tuple, where: str) -> tuple[tuple, str] | None:
    try:
        compiled = re.compile(value)
    except re.error as err:
        return path, f"{where} is not a valid regular expression ({err})"
    for group in node.get("x-groups", []):
        if isinstance(group, str) and group not in compiled.groupindex:
            return path, f"{where} needs a named group (?P<{group}>...)"
        if isinstance(group, int) and compiled.groups < group:
            return path, f"{where} needs a group in brackets, (...), around what it captures"
    return None


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)


def _a(kind: str) -> str:
    return {"string": "a text", "boolean": "true or false", "integer": "a whole number", "array": "a list",
            "object": "a mapping of keys"}[kind]


def _choices(values: list) -> str:
    return ", ".join(json.dumps(v) if not isinstance(v, str) else v for v in values)


def _nearest(value: Any, options: list) -> str:
    words = [o for o in options if isinstance(o, str)]
    close = difflib.get_close_matches(value, words, n=1, cutoff=0.6) if isinstance(value, str) else []
    return f" (did you mean {close[0]!r}?)" if close else ""


def _example(node: dict) -> str:
    examples = node.get("examples")
    return f"; for example {_show(examples[0])}" if examples else ""


# -------------------------------------------------------------- reference


def reference() -> str:
    """The profile's reference for editors (PROFILE.md), written from the schema."""
    root = _schema()
    lines = ["# The layout profile", "",
             "<!-- Written by `edition profile` from the rules' schemas (build_tools/profile.py); "
             "do not edit by hand. -->", "",
             root["description"], "",
             "The rules run in the order below. An example `source.yml`:", "",
             "```yaml", "text: raw.txt", "bibliography:", "  kind: book", "  title: A Title",
             "  authors: [{family: Family, given: Given}]", "layout:", "  wrapping: hard",
             "  pages:", "    marker: 'Page (?P<label>\\d+)'", "  split_paragraphs: true", "```", ""]
    for name, node in root["properties"].items():
        lines += [f"## `{name}`", "", node.get("description", ""), ""]
        lines += _facts(node)
        for key, sub in node.get("properties", {}).items():
            lines += [f"- `{name}.{key}`: {sub.get('description', '')}"]
            facts = _facts(sub)
            if facts:
                lines[-1] += " " + " ".join(f.removeprefix("- ") for f in facts if f)
        if node.get("properties"):
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _facts(node: dict) -> list[str]:
    out = []
    if "enum" in node:
        out.append(f"- One of: {', '.join(f'`{_yaml(v)}`' for v in node['enum'])}.")
    elif node.get("type") == "array" and "enum" in node.get("items", {}):
        out.append(f"- A list of: {', '.join(f'`{v}`' for v in node['items']['enum'])}.")
    if "default" in node and node["default"] not in ({}, None):
        out.append(f"- Default: `{_yaml(node['default'])}`.")
    if node.get("required"):
        out.append(f"- Required: {', '.join(f'`{k}`' for k in node['required'])}.")
    for example in node.get("examples", [])[:1]:
        out.append(f"- Example: `{_yaml(example)}`.")
    return out + ([""] if out else [])


def _yaml(value: Any) -> str:
    """A value as it is written in source.yml (texts in single quotes, so a regular expression reads as is)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return str(value)
