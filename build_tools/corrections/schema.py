"""The JSON Schema of corrections.yml: it checks the file and is its documentation.

As for the layout profile (build_tools/profile.py), one schema checks a file
(`check`, with one-line messages naming the line) and writes the reference
for editors (`reference`, committed as CORRECTIONS.md; `edition corrections`
prints it, `--schema` the schema itself), so the two cannot drift apart.
"""
from __future__ import annotations

import copy
from typing import Any, Callable

import yaml

from .. import profile
from ..model import EditionError

ACTIONS = ("reject", "accept", "replace", "comment")

ENTRY_ID = {
    "type": "string",
    "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    "description": "The id of an entry of the apparatus, as the editorial notes, `emendations.json` and "
                   "`edition review` show it.",
    "examples": ["lost-dash-7f3a2c"],
}
NOTE = {"type": "string", "minLength": 1, "description": "Why: published with the entry in the editorial notes.",
        "examples": ["the page range is certain: the printed index gives 197-99"]}
BY = {"type": "string", "minLength": 1, "description": "Who made the entry (initials or a name): published with it.",
      "examples": ["JD"]}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "description": "When the entry was made, as a date (YYYY-MM-DD): published with it.",
        "examples": ["2024-05-01"]}
PASSAGE = {
    "in": {"type": "string", "minLength": 1,
           "description": "The part (page of the site) to look in, by the name in its address: `09-stalin` for "
                          "`09-stalin.html`; its notes are looked at too. Without it, the whole source.",
           "examples": ["09-stalin"]},
    "before": {"type": "string", "minLength": 1,
               "description": "Text that must stand just before the passage, to tell it from others alike "
                              "(not changed).", "examples": ["Comrade "]},
    "after": {"type": "string", "minLength": 1,
              "description": "Text that must stand just after the passage, likewise.", "examples": [" said"]},
}
PASSAGE_RULE = ("The passage is text of the edition as converted (after the entries above it in the file): whole "
                "words, any run of spaces or line breaks matching any other, note numbers left out. It must occur "
                "exactly once (in the part named by `in`, with `before` and `after` if given) and may not run "
                "across a page break or a note reference.")


def _entry(action: str, description: str, value: dict, example: dict, notes: dict | None = None) -> dict:
    props = {action: value, **(notes or {}), "by": BY, "date": DATE}
    return {"type": "object", "title": action, "description": description, "properties": props,
            "required": [action], "additionalProperties": False, "examples": [example]}


REJECT = _entry(
    "reject",
    "Keep the source's reading where the converter changed it or proposed to change it: an automatic repair is "
    "undone (its status becomes `reverted`), a review item is settled as `rejected`. Only an entry that changes "
    "words can be rejected (not a paragraph rejoined, italics, a note reference or a chapter number).",
    ENTRY_ID, {"reject": "lost-dash-7f3a2c", "note": "Profintern is the name of the Red International of Labour Unions"},
    {"note": NOTE})
ACCEPT = _entry(
    "accept",
    "Settle a review item as the converter proposed: its reading is printed (status `accepted`). Only review "
    "items can be accepted.",
    ENTRY_ID, {"accept": "lost-dash-1a2b3c", "note": "no book has a page 41819: the range is 418-19"},
    {"note": NOTE})
REPLACE = _entry(
    "replace",
    "Correct the text: an OCR misreading, or the author's slip. " + PASSAGE_RULE + " With `kind: corr` (the "
    "default) the edition prints the correction; with `kind: sic` it prints the source's reading, marked [sic], "
    "and gives the correction in the editorial notes. The replaced words are accounted for in the conservation "
    "audit like an automatic repair.",
    {"type": "object", "description": "What to replace, with what, and why.",
     "properties": {"find": {"type": "string", "minLength": 1, "description": "The passage to replace.",
                             "examples": ["Vladimir Illych Ulvanov"]},
                    "with": {"type": "string", "description": "What the edition reads instead.",
                             "examples": ["Vladimir Ilyich Ulyanov"]},
                    "kind": {"enum": ["corr", "sic"], "default": "corr",
                             "description": "`corr`: print the correction; `sic`: print the source's reading, "
                                            "marked, and give the correction in the editorial notes."},
                    "note": NOTE, **PASSAGE},
     "required": ["find", "with", "note"], "additionalProperties": False},
    {"replace": {"find": "viceconsul", "with": "vice-consul", "kind": "corr",
                 "note": "the hyphen, lost at a line end, as in vice-chairman"}, "by": "JD"})
COMMENT = _entry(
    "comment",
    "An editor's commentary note on a passage: a sign after the passage leads to it, numbered within the part "
    "apart from the author's notes (Ed. 1, Ed. 2), and it is listed at the end of the part, in the editorial "
    "notes and in `notes.json`. " + PASSAGE_RULE,
    {"type": "object", "description": "Where the note is attached and what it says.",
     "properties": {"at": {"type": "string", "minLength": 1, "description": "The passage the note is attached to "
                                                                            "(its sign follows it).",
                           "examples": ["Sergei Kirov"]},
                    "note": {**NOTE, "description": "The note's text.",
                             "examples": ["Leningrad party chief, murdered on 1 December 1934."]},
                    **PASSAGE},
     "required": ["at", "note"], "additionalProperties": False},
    {"comment": {"at": "Sergei Kirov", "note": "Leningrad party chief, murdered on 1 December 1934."}})
BRANCHES = {"reject": REJECT, "accept": ACCEPT, "replace": REPLACE, "comment": COMMENT}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Corrections",
    "description": "An editor's interventions in one source, `sources/<slug>/corrections.yml`: decisions on the "
                   "converter's repairs, corrections of the text and commentary notes, applied after conversion "
                   "without touching the raw text. A YAML list; each entry does one thing (`reject`, `accept`, "
                   "`replace` or `comment`) and may say who made it (`by`) and when (`date`). Entries apply in "
                   "the order of the file. Every entry becomes an entry of the apparatus (resp: editor), "
                   "listed in the editorial notes and in `emendations.json`. An entry that no longer fits the "
                   "text (an id no entry has, a passage found nowhere or more than once) stops the build with a "
                   "line naming it: a correction never quietly stops applying, nor applies elsewhere.",
    "type": "array",
    "items": {"oneOf": list(BRANCHES.values())},
}


def schema() -> dict:
    return copy.deepcopy(SCHEMA)


def check(entries: Any, file: str, line_of: Callable[..., int]) -> None:
    """Refuse a file the schema does not allow: one line naming the file, the line and what to do.
    line_of(*keys) gives the line of the value at those keys (an entry's index first)."""
    if entries is None:
        return
    if not isinstance(entries, list):
        raise EditionError(f"{file}:{line_of()}: expected a list of entries (`- reject: <id>`, `- accept: <id>`, "
                           "`- replace: ...`, `- comment: ...`); see CORRECTIONS.md")
    for i, entry in enumerate(entries):
        label = f"entry {i + 1}"
        if not isinstance(entry, dict):
            raise EditionError(f"{file}:{line_of(i)}: {label} is not a mapping; begin it with one of "
                               f"{', '.join(a + ':' for a in ACTIONS)}")
        actions = [a for a in ACTIONS if a in entry]
        if len(actions) != 1:
            said = " and ".join(actions) if actions else "none of them"
            hint = "".join(profile._nearest(k, list(ACTIONS)) for k in entry if k not in BRANCHES)[:60]
            raise EditionError(f"{file}:{line_of(i)}: {label} must do one of {', '.join(ACTIONS)}, not {said}"
                               f"{hint}; write each as an entry of its own")
        problem = profile._problem(BRANCHES[actions[0]], entry, (), root=label)
        if problem:
            keys, message = problem
            raise EditionError(f"{file}:{line_of(i, *keys)}: {message}{_hint(actions[0], keys, message)}")


def _hint(action: str, keys: tuple, message: str) -> str:
    if action in ("replace", "comment") and keys == ("note",) and "unknown key" in message:
        return f"; put note: inside {action}:"
    if action in ("reject", "accept") and keys == (action,):
        return "; `edition review SLUG` lists the ids"
    return ""


# -------------------------------------------------------------- reference


def reference() -> str:
    """The reference for editors (CORRECTIONS.md), written from the schema."""
    lines = ["# Corrections: the editor's file", "",
             "<!-- Written by `edition corrections` from the schema (build_tools/corrections/schema.py); "
             "do not edit by hand. -->", "", SCHEMA["description"], "",
             "An example `sources/<slug>/corrections.yml`:", "", "```yaml",
             "- reject: lost-dash-7f3a2c        # keep \"Profintern\" as printed",
             "  note: Profintern is the name of the Red International of Labour Unions",
             "- accept: lost-dash-1a2b3c",
             "  note: no book has a page 41819; the range is 418-19",
             "- replace:",
             "    find: viceconsul",
             "    with: vice-consul",
             "    in: 16-escape-persia-india",
             "    note: the hyphen, lost at a line end, as in vice-chairman",
             "  by: JD",
             "  date: 2024-05-01",
             "- comment:",
             "    at: Sergei Kirov",
             "    note: Leningrad party chief, murdered on 1 December 1934.",
             "```", "",
             "`edition review SLUG` lists the source's open review items and the self-check's findings, each "
             "with the line to paste here.", ""]
    for action, node in BRANCHES.items():
        lines += [f"## `{action}`", "", node["description"], ""]
        value = node["properties"][action]
        if value.get("type") == "string":
            lines.append(f"- `{action}`: {value['description']} Required." + _facts(value))
        for key, sub in value.get("properties", {}).items():
            required = " Required." if key in value.get("required", []) else ""
            lines.append(f"- `{action}.{key}`: {sub['description']}{required}" + _facts(sub))
        for key in node["properties"]:
            if key != action:
                lines.append(f"- `{key}`: {node['properties'][key]['description']}" + _facts(node["properties"][key]))
        lines += ["", f"Example: `{_inline(node['examples'][0])}`", ""]
    return "\n".join(lines).rstrip() + "\n"


def _facts(node: dict) -> str:
    out = []
    if "enum" in node:
        out.append(f"One of: {', '.join(f'`{v}`' for v in node['enum'])}.")
    if "default" in node:
        out.append(f"Default: `{node['default']}`.")
    if node.get("examples") and "enum" not in node:
        out.append(f"Example: `{_inline(node['examples'][0])}`.")
    return (" " + " ".join(out)) if out else ""


def _inline(value: Any) -> str:
    """A value as YAML's flow style writes it on one line."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False).strip().removesuffix("...").strip()
