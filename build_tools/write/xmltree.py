"""A small XML tree for the TEI writer: elements, text, and one way to write them out.

Every text and attribute value is escaped where it is written (`serialize`), for
its context: text escapes & < >, an attribute value also the quote and the
whitespace characters an XML parser would otherwise normalise away. Characters
XML 1.0 cannot hold (form feed and other controls the reader lets through as
whitespace, U+FFFE, lone surrogates) are written as a space or U+FFFD.

Elements whose children are all elements are indented, one child a line;
elements with text among their children (a paragraph, a heading) are written
as they are, since there a space is part of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Union

Node = Union["Element", str]

# XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE_CONTROLS = "\x0b\x0c"
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?")


@dataclass(eq=False)
class Element:
    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)

    def add(self, *nodes: Node | None) -> "Element":
        """Append children (None and "" are left out); text next to text is merged."""
        for node in nodes:
            if node is None or node == "":
                continue
            if isinstance(node, str) and self.children and isinstance(self.children[-1], str):
                self.children[-1] += node
            else:
                self.children.append(node)
        return self

    def sub(self, name: str, attrs: dict[str, str | None] | None = None, *children: Node | None) -> "Element":
        """A new child element (attributes whose value is None are left out)."""
        child = el(name, attrs, *children)
        self.children.append(child)
        return child

    def has_text(self) -> bool:
        return any(isinstance(c, str) for c in self.children)

    def iter(self, name: str | None = None) -> Iterable["Element"]:
        if name is None or self.name == name:
            yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.iter(name)


def el(name: str, attrs: dict[str, str | None] | None = None, *children: Node | None) -> Element:
    e = Element(name, {k: v for k, v in (attrs or {}).items() if v is not None})
    return e.add(*children)


def clean(value: str) -> str:
    """The characters XML can hold: a control the reader kept as whitespace is a space, others U+FFFD."""
    return _NOT_XML.sub(lambda m: " " if m.group(0) in _WHITESPACE_CONTROLS else "\ufffd", value)


def escape_text(value: str) -> str:
    return clean(value).translate(_TEXT)


def escape_attribute(value: str) -> str:
    return clean(value).translate(_ATTRIBUTE)


def serialize(root: Element, *, declaration: bool = True) -> str:
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n'] if declaration else []
    _write(root, out, 0, indent=True)
    out.append("\n")
    return "".join(out)


def _write(e: Element, out: list[str], depth: int, indent: bool) -> None:
    if not _NAME.fullmatch(e.name):
        raise ValueError(f"not an XML name: {e.name!r}")  # names are the writer's own, never the source's
    attrs = "".join(f' {_checked_name(k)}="{escape_attribute(str(v))}"' for k, v in e.attrs.items())
    if not e.children:
        out.append(f"<{e.name}{attrs}/>")
        return
    out.append(f"<{e.name}{attrs}>")
    nested = indent and not e.has_text()  # element-only content: whitespace between children is not text
    for c in e.children:
        if nested:
            out.append("\n" + "  " * (depth + 1))
        if isinstance(c, str):
            out.append(escape_text(c))
        else:
            _write(c, out, depth + 1, nested)
    if nested:
        out.append("\n" + "  " * depth)
    out.append(f"</{e.name}>")


def _checked_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not an XML name: {name!r}")
    return name
