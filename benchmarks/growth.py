"""How each stage grows with the length of one paragraph: the factor for doubling it.

A linear stage doubles (a factor near 2, less where fixed costs count); a
stage that rescans the paragraph for each thing it finds in it shows a
factor near 4. The text is one paragraph of N words in the style of the
edition's sources (names from the person register, note references,
emphasis, cross-references, dates), converted with Bazhanov's profile and
enriched with the real registers; then the page is rendered by
Python-Markdown with the extensions of mkdocs.yml.

    .venv/bin/python benchmarks/growth.py [WORDS ...]   (default: 25000 50000 100000)

Each figure is the least CPU time of three runs (other processes on a
shared machine do not count against it).
"""
from __future__ import annotations

import dataclasses
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools import pipeline, rules  # noqa: E402
from build_tools.enrich import persons, places, terms  # noqa: E402
from build_tools.enrich import Enrichment  # noqa: E402
from build_tools.model import Source  # noqa: E402

UNIT = ("Stalin¹ told Molotov and Kaganovich in the Order of Lenin hall that *the* NEP was over, "
        "see chapter 3, p. 45, in 1931³². The peasants paid for it, Bukharin said; Trotsky disagreed. ")
PROFILE = {
    "pages": {"marker": r"Page (?P<label>\d+)"},
    "notes": {"heading": "Notes", "number": r"(\d{1,3})\.\s", "references": "superscript"},
    "emphasis": ["html", "asterisk"],
    "lost_dashes": True, "cross_references": True, "split_paragraphs": True, "displaced_references": True,
}
EXTENSIONS = ["abbr", "attr_list", "footnotes", "tables", "toc"]


def paragraph(words: int) -> str:
    n = words // len(UNIT.split())
    return "A Title\n\nPage 1\n\n" + UNIT * n + "\n\nPage 2\n\nNotes\n\n1. The note.\n"


class Clock:
    """CPU time per stage, summed over the calls of one run."""

    def __init__(self):
        self.times: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.times[name] += time.process_time() - start
        return timed


@contextmanager
def patched(owner, name: str, value):
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


def run(words: int, context: Enrichment) -> dict[str, float]:
    clock = Clock()
    source = Source("long", ROOT, ROOT / "raw.txt", {"title": "Long", "kind": "book"}, PROFILE, text=paragraph(words))
    chain = rules.chain
    timed = [dataclasses.replace(r, run=clock.wrap(f"rule: {r.name}", r.run)) for r in chain()]
    with (patched(rules, "chain", lambda: timed),
          patched(terms, "find_uses", clock.wrap("enrich: terms", terms.find_uses)),
          patched(persons, "find_mentions", clock.wrap("enrich: persons", persons.find_mentions)),
          patched(places, "find_places", clock.wrap("enrich: places", places.find_places)),
          patched(pipeline, "audit", clock.wrap("audit", pipeline.audit)),
          patched(pipeline, "source_pages", clock.wrap("write: pages", pipeline.source_pages)),
          patched(pipeline, "tei_document", clock.wrap("write: TEI", pipeline.tei_document)),
          patched(pipeline, "render_editorial_notes", clock.wrap("write: editorial notes",
                                                                   pipeline.render_editorial_notes))):
        edition = pipeline.convert_source(source)
        contribution = pipeline.contribute(edition, context)
    assert chain is rules.chain
    pages = [text for path, text in contribution.files.items() if path.endswith(".md")]  # not the TEI
    page = max(pages, key=len) if pages else ""
    clock.wrap("render: Python-Markdown", lambda: markdown.markdown(page, extensions=EXTENSIONS))()
    return dict(clock.times)


def least_of(runs: int, words: int, context: Enrichment) -> dict[str, float]:
    results = [run(words, context) for _ in range(runs)]
    return {stage: min(r.get(stage, 0.0) for r in results) for stage in results[0]}


def main(sizes: list[int]) -> None:
    context = Enrichment.load(ROOT / "data")
    figures = [least_of(3, words, context) for words in sizes]
    stages = list(figures[0])
    header = f"{'stage':<40}" + "".join(f"{w:>10,}w" for w in sizes) + "".join(
        f"{'x' + str(b // a):>9}" for a, b in zip(sizes, sizes[1:]))
    print(header)
    for stage in stages + ["total"]:
        values = [sum(f.values()) if stage == "total" else f.get(stage, 0.0) for f in figures]
        growth = [b / a if a > 0.001 else float("nan") for a, b in zip(values, values[1:])]
        print(f"{stage:<40}" + "".join(f"{v:10.3f}s" for v in values) + "".join(f"{g:9.2f}" for g in growth))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25_000, 50_000, 100_000])
