"""The raw text as a stream of numbered lines: what the first rules work on."""
from __future__ import annotations

from dataclasses import dataclass

from .model import PageBreak


@dataclass
class Line:
    no: int  # 1-based raw line number
    text: str | None  # None for a page break
    page: PageBreak | None = None

    @property
    def blank(self) -> bool:
        return self.text is not None and not self.text.strip()


def split_lines(text: str) -> list[Line]:
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]
