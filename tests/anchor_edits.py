"""Edit a source's paragraphs as a corrected transcription would, and see where its published
paragraph anchors land. Shared by tests/test_anchor_edits.py and benchmarks/anchor_stability.py.

A source's raw text holds one paragraph a line (Hellerman, Bazhanov, the made-up sources of the
tests). Each edit takes the raw text and the numbers of the paragraph lines it may touch.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from build_tools import anchors
from build_tools.model import Edition, EditionError
from build_tools.pipeline import anchor_pages, published_anchors

INSERTED = ("An inserted paragraph that the first transcription had missed, about the harvest of that "
            "year and the grain that never reached the towns.")


@dataclass
class Edit:
    name: str
    apply: Callable[[list[str], list[int]], list[str]]  # raw lines, paragraph line numbers -> raw lines
    gone: int = 0  # published paragraphs whose text no longer opens a paragraph: the build must name them
    emended: dict[str, str] = field(default_factory=dict)  # a word of an opening and its emendation


def _insert(lines, at):
    return lines[:at[1]] + [INSERTED, ""] + lines[at[1]:]


def _delete(lines, at):
    return lines[:at[2]] + lines[at[2] + 2:]  # the paragraph and the blank line after it


def _split(lines, at):
    text = lines[at[1]]
    cut = _sentence_break(text)
    return lines[:at[1]] + [text[:cut].rstrip(), "", text[cut:].lstrip()] + lines[at[1] + 1:]


def _merge(lines, at):
    return lines[:at[2]] + [lines[at[2]] + " " + lines[at[3]]] + lines[at[3] + 1:]


def _reorder(lines, at):
    swapped = list(lines)
    swapped[at[2]], swapped[at[3]] = lines[at[3]], lines[at[2]]
    return swapped


def _sentence_break(text: str) -> int:
    """The sentence end nearest the middle of a paragraph."""
    ends = [m.end() for m in re.finditer(r"[.?!][”\"’']?\s+(?=[A-Z“\"])", text)]
    assert ends, f"no sentence to split at in {text[:60]!r}"
    return min(ends, key=lambda e: abs(e - len(text) / 2))


def emend(old: str, new: str, where: int) -> Callable:
    """Replace the first `old` in the where-th paragraph line (an OCR correction)."""
    def apply(lines, at):
        assert re.search(rf"\b{old}\b", lines[at[where]]), (old, lines[at[where]][:80])
        changed = list(lines)
        changed[at[where]] = re.sub(rf"\b{old}\b", new, lines[at[where]], count=1)
        return changed
    return apply


def edits(opening_word: tuple[str, str], later_word: tuple[str, str]) -> list[Edit]:
    """The six kinds of edit, near the start of the region. opening_word is a word of the opening of
    the region's second paragraph and its emendation; later_word one far into its fifth."""
    def emend_both(lines, at):
        return emend(*later_word, 4)(emend(*opening_word, 1)(lines, at), at)
    return [
        Edit("insert", _insert),
        Edit("delete", _delete, gone=1),
        Edit("split", _split),
        Edit("merge", _merge, gone=1),
        Edit("reorder", _reorder),
        Edit("emend", emend_both, emended=dict([opening_word])),
    ]


def paragraph_lines(raw: str, after: str | None = None, before: str | None = None) -> list[int]:
    """Numbers (0-based) of the non-blank lines between the line `after` and the line `before`."""
    lines = raw.split("\n")
    start = lines.index(after) + 1 if after else 0
    end = lines.index(before) if before else len(lines)
    return [i for i in range(start, end) if lines[i].strip()]


def openings(edition: Edition) -> dict[str, str]:
    """Each paragraph anchor and its opening words."""
    return {b.anchor: anchors.fingerprint(anchors_text(b)).opening
            for b in edition.all_blocks() if b.kind != "heading"}


def anchors_text(block) -> str:
    return " ".join(c.printed() for r in block.rows for c in r) if block.kind == "table" else block.printed()


def promises_of(edition: Edition, moved: dict[str, str] | None = None) -> anchors.SourcePromises:
    """What publishing this edition promised: its manifest lines, as a later build reads them."""
    lines = published_anchors(edition, anchor_pages(edition))
    return anchors.promises_from_lines(lines, moved).get(edition.source.slug, anchors.SourcePromises())


NAMED = re.compile(r"#(para-[\w.-]+) \(")


@dataclass
class Outcome:
    """What became of each published paragraph anchor after an edit."""

    counts: Counter
    named: set[str]  # anchors the build failed naming
    repointed: list[str]


def outcome(original: Edition, convert: Callable[[anchors.SourcePromises | None], Edition], edit: Edit,
            reconcile: bool = True) -> Outcome:
    """Convert the edited source, with the original's promises (reconcile) or without them (the
    build before reconciliation: ids from position only, and a page check that names the ids
    that no longer exist). A build that fails is then run again with the anchors it named declared
    retired, as an editor would, to see where the others went."""
    before = openings(original)
    promised = [a for a in before if a.startswith("para-")]
    if reconcile:
        try:
            edited = convert(promises_of(original))
            named: set[str] = set()
        except EditionError as error:
            named = set(NAMED.findall(str(error)))
            assert named, str(error)
            edited = convert(promises_of(original, {f"{_url(original, a)}#{a}": anchors.RETIRED for a in named}))
    else:
        edited = convert(None)
        named = set(promised) - set(openings(edited))
    after = openings(edited)
    still_opening = set(after.values())
    counts: Counter = Counter()
    repointed = []
    for anchor in promised:
        expected = _emended(before[anchor], edit.emended)
        if anchor in named:
            counts["named, text gone" if expected not in still_opening else "named, text still there"] += 1
        elif after.get(anchor) == expected:
            counts["kept"] += 1
        else:
            counts["re-pointed silently"] += 1
            repointed.append(anchor)
    return Outcome(counts, named, repointed)


def _emended(opening: str, emended: dict[str, str]) -> str:
    words = opening.split()
    for old, new in emended.items():
        old_w, new_w = anchors.words_of(old), anchors.words_of(new)
        for i in range(len(words) - len(old_w) + 1):
            if words[i:i + len(old_w)] == old_w:
                words[i:i + len(old_w)] = new_w
                break
    return " ".join(words[:anchors.OPENING_WORDS])


def _url(edition: Edition, anchor: str) -> str:
    return f"{edition.source.slug}/{anchor_pages(edition)[anchor]}.html"
