"""Markdown table rows, spaced the one way markdownlint's compact style accepts."""
from __future__ import annotations


def row(cells: list[str]) -> str:
    return "|" + "|".join(f" {c.strip()} " if c.strip() else " " for c in cells) + "|"


def rule(width: int) -> str:
    return row(["---"] * width)
