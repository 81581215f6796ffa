"""Rejoin paragraphs split by a page or column break.

Evidence: the first paragraph stops without terminal punctuation and the
next opens in lower case or with an opening quotation mark, or the first
ends on a function word ("of", "the") that cannot end a sentence; or, in a
hard-wrapped text, a page break parts them (or any blank line, where the
profile says blank lines fall inside paragraphs) and the first one's last
line is a full line (a paragraph's last line falls short of the measure). A word broken with a hyphen at the
break is mended (see the hyphenation rule).
"""
from __future__ import annotations

import re

from ..model import Block, Division, Emendation, LineBreak
from ..normalize.hyphenation import mend
from ..rules import Rule, State
from .headings import SMALL_WORDS as TITLE_SMALL_WORDS
from .text import FUNCTION_WORDS, TERMINAL, last_word, plain, starts_lower

# A paragraph's last line falls short of the measure; one at least this full goes on after the break.
FULL_LINE = 0.95
SHORT_LINE = 0.7  # a page's last line this short does not go on to the next page, unless lower case follows
# Prose, not a title or a list item: a paragraph this long that stops without punctuation is unfinished.
PROSE_WORDS = 12
ITEM = re.compile(r"[(\[]?\d{1,3}[.)\]]\s")  # "19. Davies, …": the next note or list item, not a continuation
GOES_ON = re.compile(r"\(?[^\W\d_]")  # what follows goes on with words (not "2. The next note")


SCHEMA = {
    "enum": [False, True, "blank-lines"],
    "default": False,
    "description": "Rejoin paragraphs a page or column break split: the first stops without terminal "
                   "punctuation and the next opens in lower case or with a quotation mark, or the first ends on "
                   "a word that cannot end a sentence (\"of\", \"the\"), or, at a page break in hard-wrapped "
                   "text, the first one's last line is a full line. `blank-lines`: the same, and the text has "
                   "blank lines inside paragraphs where no page breaks (as some PDF extractions do), so a full "
                   "last line before any blank line goes on. Where each line is a paragraph (soft wrapping), "
                   "only a page break, or lower case after the break, splits one unless this is `blank-lines`.",
    "examples": [True, "blank-lines"],
}


def rejoin_split_paragraphs(state: State) -> None:
    for division in state.divisions:
        if division.kind in ("text", "front", "notes"):
            _rejoin(division, state)


def _rejoin(division: Division, state: State) -> None:
    out: list[Block] = []
    for b in division.blocks:
        prev = out[-1] if out else None
        evidence = _continues(prev, b, state.measure, state.setting("split_paragraphs") == "blank-lines") if prev else None
        if evidence:
            tail, head = plain(prev)[-30:], plain(b)[:30]
            prev.rstrip()
            b.lstrip()
            join = len(prev.text)
            prev.add(LineBreak(join, join, b.line - 1))  # the break ended a printed line
            prev.append(b, " ")
            prev.emendations.append(Emendation("paragraph rejoined", f"{tail}¶{head}", f"{tail} {head}", b.line,
                                               note=evidence))
            mend(prev, [(join, b.line)], state.lexicon)  # "documenta-" / "tion" across the break
            prev.emendations.extend(b.emendations)
            continue
        out.append(b)
    division.blocks = out


def _continues(prev: Block, b: Block, measure: int, anywhere: bool) -> str | None:
    """Why b goes on with prev's paragraph, or None. Note references are not words: a paragraph
    that ends "…who married her.⁷" ends a sentence."""
    if prev.kind != "para" or b.kind != "para" or prev.role or b.role:
        return None
    text, following = prev.text.strip(), b.text.strip()
    if not text or not following:
        return None
    if not text.endswith(TERMINAL):
        if measure and _last_line(prev) < SHORT_LINE * measure and not starts_lower(b):
            return None  # a printed line that stops short ends its block: a verse line, a title, a list item
        if not measure and not anywhere and not b.opens_with_page() and not starts_lower(b):
            return None  # a line a paragraph (soft wrapping): only a page break splits one, or lower case goes on
        if (starts_lower(b) or following[:1] in "“‘\"'" or last_word(prev) in FUNCTION_WORDS
                or text.endswith(("-", "—", ","))):
            return "a paragraph split by a page or column break"
        if GOES_ON.match(following) and _prose(text) and (len(text.split()) >= PROSE_WORDS or b.opens_with_page()):
            # "…newspapers: "Vladimir" / (page 10) "Ilich speaking…": prose does not stop mid-sentence
            return "a paragraph split by a page or column break: its sentence goes on"
        return None
    if (measure and (anywhere or b.opens_with_page()) and _last_line(prev) >= FULL_LINE * measure
            and not ITEM.match(following)):  # elsewhere a blank line after a full line is the paragraph's end
        return "a paragraph split by a page or column break: the line before the break is a full line"
    return None


def _prose(text: str) -> bool:
    """A sentence, not a title ("Bazhanov and the Damnation of Stalin") or a list: a fifth of its words,
    two at least, are words in lower case other than a title's small ones."""
    words = text.split()
    content = [w for w in words if w[:1].islower() and w.lower() not in TITLE_SMALL_WORDS]  # not "of", "the"
    return len(words) >= 5 and len(content) >= 2 and len(content) * 5 >= len(words)


def _last_line(b: Block) -> int:
    """The length of the block's last printed line (hard-wrapped text records where lines ended)."""
    ends = [m.start for m in b.of(LineBreak)]
    return len(b.text.rstrip()) - (ends[-1] + 1 if ends else 0)


RULE = Rule("split_paragraphs", rejoin_split_paragraphs, SCHEMA)
