"""How lines make paragraphs: soft or hard wrapping, and what parts paragraphs.

Hard wrapping shows as lines of about one measure that run on into the next
line mid-sentence; soft wrapping as one (long) line per paragraph. Paragraphs
are parted by blank lines, or, where there are almost none, by an indented
first line, or by the shape of the lines: a short last line ending a
sentence, followed by a line opening with a capital.
"""
from __future__ import annotations

from .evidence import Evidence, Line, ends_sentence, percentile, starts_capital, starts_lower

LONG_LINE = 150  # characters: longer is a paragraph on one line, not a printed line
LINES_PER_PARAGRAPH = 25  # more lines than this between blank lines: the blank lines do not part paragraphs


def infer_wrapping(ev: Evidence) -> None:
    lines = [l for l in ev.body() if not l.blank]
    if len(lines) < 3:
        ev.doubt("too few lines to tell how the text is wrapped: wrapping is left at soft")
        return
    pairs = _adjacent(ev)
    measure = percentile([len(l.text) for l in lines], 0.9)
    long = sum(len(l.text) > LONG_LINE for l in lines)
    running_on = sum(not ends_sentence(a.text) for a, _ in pairs)
    if measure <= 120 and len(pairs) >= 5 and running_on >= 0.4 * len(pairs):
        ev.found("wrapping", "hard", f"{running_on} of {len(pairs)} lines run on into the next mid-sentence; "
                 f"90% of lines are at most {measure} characters")
        _paragraph_breaks(ev, lines, measure)
    elif long >= 0.2 * len(lines) or len(pairs) < 0.2 * len(lines):
        ev.found("wrapping", "soft", f"{long} of {len(lines)} lines are longer than {LONG_LINE} characters: "
                 "one line per paragraph")
        if len(pairs) >= 0.5 * len(lines):
            ev.found("paragraph_breaks", "every-line",
                     f"{len(pairs)} lines follow another without a blank line: each line is a paragraph")
    else:
        ev.doubt(f"cannot tell soft from hard wrapping ({long} long lines, {running_on} of {len(pairs)} lines "
                 "running on): wrapping is left at soft; set `wrapping: hard` if lines are printed lines")


def _adjacent(ev: Evidence) -> list[tuple[Line, Line]]:
    """Pairs of text lines with no blank line between them (page furniture between does not count)."""
    body = ev.body()
    return [(a, b) for a, b in zip(body, body[1:]) if not a.blank and not b.blank]


def _paragraph_breaks(ev: Evidence, lines: list[Line], measure: int) -> None:
    blocks = ev.blocks()
    if len(blocks) >= len(lines) / LINES_PER_PARAGRAPH:
        return  # blank lines part the paragraphs: the converter's default
    pairs = _adjacent(ev)
    after_end = [(a, b) for a, b in pairs if ends_sentence(a.text)]
    indented = [(a, b) for a, b in pairs if 2 <= b.indent <= 12 and b.indent > a.indent]
    fitting = [p for p in indented if ends_sentence(p[0].text)]
    average = len(lines) / max(1, len(blocks))
    if len(indented) >= 3 and len(fitting) >= 0.8 * len(indented):
        ev.found("paragraph_breaks", "indent", f"{len(blocks)} blank-line groups for {len(lines)} lines "
                 f"(about {average:.0f} lines each); {len(fitting)} lines indented after a sentence end")
        return
    shaped = [(a, b) for a, b in after_end if len(a.text) < 0.8 * measure and starts_capital(b.text)]
    if len(shaped) >= 3:
        ev.found("paragraph_breaks", "line-shape", f"{len(blocks)} blank-line groups for {len(lines)} lines "
                 f"(about {average:.0f} lines each); {len(shaped)} short lines end a sentence before a capital")
        return
    ev.doubt("paragraphs are not parted by blank lines, indentation or short last lines: the text will "
             "come out as few long paragraphs")


def infer_line_repairs(ev: Evidence) -> None:
    """Line-end hyphens and broken ligatures: the converter repairs both; here only counted."""
    if ev.value("wrapping") == "hard":
        hyphens = [a for a, b in _adjacent(ev) if a.text[-2:-1].isalpha() and a.text.endswith("-")
                   and starts_lower(b.text)]
        if hyphens:
            ev.found("line_end_hyphens", len(hyphens), f"{len(hyphens)} lines end in a hyphen before a lower-case "
                     f"line (line {hyphens[0].no}); the reflow joins them where a dictionary knows the word")
    from ..normalize.ligatures import BARE_LIGATURES, BROKEN

    gaps = [m for l in ev.body() for m in BROKEN.finditer(l.text) if m.group(1).lower() in BARE_LIGATURES
            or m.group(1)[-3:].lower() in ("ffi", "ffl") or m.group(1)[-2:].lower() in BARE_LIGATURES]
    bare = [m for m in gaps if m.group(1).lower() in BARE_LIGATURES]
    if len(bare) >= 2:
        ev.found("ligature_gaps", len(gaps), f"{len(bare)} words broken after a bare ligature "
                 f"({quote_match(bare[0])}); the converter joins them where the whole word is known")


def quote_match(m) -> str:
    return f"'{m.group(0)}'"
