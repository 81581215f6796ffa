"""What the layout inference works on and what it reports.

A Finding is one decision with the evidence for it, said in the editor's
words ("14 lines 'Page N', numbers 41-54 increasing"); a Doubt is something
the text leaves open, with what to set by hand. The text is seen as Lines;
each inference step may claim lines as page furniture (markers, running
heads, boilerplate), and later steps look only at the lines left.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

TERMINAL = tuple(".!?:;…”’\")]*")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass
class Finding:
    """One inferred setting: what was found, its value, and why."""

    name: str  # a name of the finding, mapped to profile keys by profile.layout_profile
    value: Any
    evidence: str


@dataclass
class Doubt:
    """Something the text does not decide: left out of the profile, with what to set."""

    what: str


@dataclass
class Line:
    no: int  # 1-based raw line number
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    @property
    def indent(self) -> int:
        body = self.raw.replace("\f", "")
        return len(body) - len(body.lstrip(" \t"))


@dataclass
class Evidence:
    """The text under inference and what the steps found so far."""

    lines: list[Line]
    findings: list[Finding] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    furniture: set[int] = field(default_factory=set)  # lines a removal rule takes (page furniture, preamble)
    page_starts: list[Any] = field(default_factory=list)  # page markers and running heads, in order
    form_feed_lines: list[Line] = field(default_factory=list)  # pages begun by a form feed alone

    @classmethod
    def of(cls, text: str) -> "Evidence":
        return cls([Line(i, t) for i, t in enumerate(text.split("\n"), start=1)])

    def found(self, name: str, value: Any, evidence: str) -> None:
        self.findings.append(Finding(name, value, evidence))

    def doubt(self, what: str) -> None:
        self.doubts.append(Doubt(what))

    def value(self, name: str, default: Any = None) -> Any:
        return next((f.value for f in self.findings if f.name == name), default)

    def body(self) -> list[Line]:
        """The lines that are not page furniture."""
        return [l for l in self.lines if l.no not in self.furniture]

    def blocks(self) -> list[list[Line]]:
        """Runs of non-blank body lines (the paragraphs, where blank lines part them)."""
        out: list[list[Line]] = []
        current: list[Line] = []
        for line in self.body():
            if line.blank:
                if current:
                    out.append(current)
                current = []
            else:
                current.append(line)
        if current:
            out.append(current)
        return out


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(SUPERSCRIPT_DIGITS).endswith(TERMINAL)


def starts_capital(text: str) -> bool:
    t = text.lstrip("“‘\"'([")
    return bool(t) and (t[0].isupper() or t[0].isdigit())


def starts_lower(text: str) -> bool:
    t = text.lstrip("“‘\"'([")
    return bool(t) and t[0].islower()


def quote(text: str, limit: int = 40) -> str:
    """A line as evidence quotes it: short, on one line."""
    text = " ".join(text.split())
    return f"'{text[:limit]}…'" if len(text) > limit else f"'{text}'"


def number_range(labels: list[str]) -> str:
    """'41–54' for labels in order."""
    if not labels:
        return ""
    return labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}"


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0


WORD = re.compile(r"[A-Za-z]+")


def literal(text: str) -> str:
    """A pattern matching text as it stands (spaces left readable)."""
    return re.escape(text).replace("\\ ", " ")
