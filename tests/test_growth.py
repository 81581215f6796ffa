"""Nothing in the converter grows faster than the paragraph: doubling it at most ~doubles the work.

A stage that rescans the paragraph for each thing it finds in it (as the
person finder once did for "Order of Lenin") makes a 100,000-word paragraph
take minutes. Here the same kind of paragraph is converted and enriched at
two lengths in one run, and the CPU time of the larger must stay within
GROWTH_LIMIT times that of the smaller: a linear converter gives about 2
(less where fixed costs count), a quadratic one about 4 (the person finder
before issue 12: 4.2). No time budget: only the ratio of two measurements
on the same machine at the same moment, the least of several, with the
garbage collector paused while measuring.
benchmarks/growth.py prints the factor stage by stage.
"""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from build_tools.enrich import Enrichment
from build_tools.model import Source
from build_tools.pipeline import contribute, convert_source
from tests.util import assert_conserved

ROOT = Path(__file__).resolve().parents[1]
GROWTH_LIMIT = 2.2
WORDS = 20_000  # and twice as many

BOOK = {
    "pages": {"marker": r"Page (?P<label>\d+)"},
    "notes": {"heading": "Notes", "number": r"(\d{1,3})\.\s", "references": "superscript"},
    "emphasis": ["html", "asterisk"],
    "lost_dashes": True, "cross_references": True, "split_paragraphs": True, "displaced_references": True,
}
PARAGRAPHS = {
    # Names of the register (shared surnames among them), note references, emphasis, cross-references, a date range.
    "names, notes, emphasis and cross-references": (
        BOOK, "Stalin¹ told Molotov and Kaganovich in the Order of Lenin hall that *the* <i>party</i> and the NEP "
              "were over, see chapter 3, p. 45, in 1931³². Bukharin said so; Trotsky disagreed. "),
    "prose on one line": (
        {}, "the party state of terror, 1921. “Quoted” — co-operation fi nance and peasants; "),
    "a hard-wrapped paragraph": (
        {"wrapping": "hard"}, "the party and the state of terror, the peasants and the work- ers of the town\n"),
}


@pytest.fixture(scope="module")
def registers() -> Enrichment:
    return Enrichment.load(ROOT / "data")


def work(layout: dict, unit: str, words: int, registers: Enrichment) -> float:
    """CPU seconds to convert, audit, enrich and write a paragraph of about `words` words."""
    text = "A Title\n\nPage 1\n\n" + unit * (words // len(unit.split())) + "\n"
    source = Source("long", ROOT, ROOT / "raw.txt", {"title": "Long", "kind": "book"}, layout, text=text)
    gc.collect()
    gc.disable()  # the collector's passes grow with the heap, not with the converter's work
    try:
        start = time.process_time()
        contribute(convert_source(source), registers)
        return time.process_time() - start
    finally:
        gc.enable()


def growth(layout: dict, unit: str, registers: Enrichment, repeats: int) -> float:
    small = min(work(layout, unit, WORDS, registers) for _ in range(repeats))
    large = min(work(layout, unit, 2 * WORDS, registers) for _ in range(repeats))
    return large / small


@pytest.mark.parametrize("name", list(PARAGRAPHS))
def test_doubling_a_paragraph_at_most_doubles_the_work(name, registers):
    layout, unit = PARAGRAPHS[name]
    work(layout, unit, WORDS, registers)  # warm the caches (word frequencies, register keys)
    factor = growth(layout, unit, registers, repeats=3)
    if factor > GROWTH_LIMIT:  # measure again, longer, before blaming the code for a busy machine
        factor = min(factor, growth(layout, unit, registers, repeats=5))
    assert factor <= GROWTH_LIMIT, f"{name}: twice the paragraph took {factor:.2f} times the work"


@pytest.mark.parametrize("name", list(PARAGRAPHS))
def test_a_long_paragraph_loses_no_word(name):
    layout, unit = PARAGRAPHS[name]
    text = "A Title\n\nPage 1\n\n" + unit * (2 * WORDS // len(unit.split())) + "\n"
    assert_conserved(convert_source(Source("long", ROOT, ROOT / "raw.txt", {"title": "L", "kind": "book"}, layout,
                                           text=text)))


def test_a_source_s_raw_text_is_split_into_words_once(registers, monkeypatch):
    """The conversion, the audit, the removals' check and the self-check all count its words."""
    from build_tools import lexicon

    text = "A Title\n\nPage 1\n\n" + PARAGRAPHS["prose on one line"][1] * 20 + "\n"
    source = Source("once", ROOT, ROOT / "raw.txt", {"title": "Once", "kind": "book"}, BOOK, text=text)
    split = []

    class Splitter:  # lexicon.words, wherever it is imported, splits with lexicon.WORD_RE
        findall = staticmethod(lambda t: split.append(t == text) or real.findall(t))

    real = lexicon.WORD_RE
    monkeypatch.setattr(lexicon, "WORD_RE", Splitter)
    lexicon.word_counts.cache_clear()
    contribute(convert_source(source), registers)
    assert split.count(True) == 1
