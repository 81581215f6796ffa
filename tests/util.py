"""Run the pipeline on a text given inline, for rule tests."""
from __future__ import annotations

from pathlib import Path

from build_tools.audit import audit
from build_tools.lexicon import Lexicon
from build_tools.model import Edition, Source
from build_tools.pipeline import convert_source


def make_source(text: str, layout: dict | None = None, **meta) -> Source:
    bib = {"title": "A test source", "kind": "essay"} | meta
    return Source("test", Path("."), Path("raw.txt"), bib, layout or {}, text=text)


def convert(text: str, layout: dict | None = None, corpus: list[str] | None = None) -> Edition:
    source = make_source(text, layout)
    return convert_source(source, Lexicon([text] + (corpus or [])))


def blocks(edition: Edition):
    return [b for d in edition.divisions for b in d.blocks]


def texts(edition: Edition) -> list[str]:
    return [b.printed() for b in blocks(edition)]  # as printed: note numbers in place


def assert_conserved(edition: Edition) -> None:
    result = audit(edition)
    assert result["unaccounted"] == 0, result["unaccounted_words"]
    assert result["invented"] == 0, result["invented_words"]
