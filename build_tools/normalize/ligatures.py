"""Join words broken at a ligature ("fi ve", "offi cials", "fl ock").

PDF extraction drops the fi/fl/ff glyph's width and leaves a space after it.
A break is joined only when the joined form is a word (in English or printed
whole elsewhere in the corpus) and the left fragment is a bare ligature
("fi ve"), no word ("offi cials"), or rarer than the joined form; so
"sci-fi and" stays as it is.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Block, Emendation
from .inline import unmarked
from ..rules import Rule, State

# A letter may not stand before the fragment (it is then part of it); a digit may ("1500fi ve": the glued
# words rule parts them later, and a second pass must find nothing left to join).
BROKEN = re.compile(r"(?<![^\W\d_])([A-Za-z]*(?:ffi|ffl|fi|fl|ff)) +([a-z]+)(?![^\W\d_])")
BARE_LIGATURES = {"fi", "fl", "ff", "ffi", "ffl"}
# "de-Nazifi ed": no word on the left, an inflection on the right.
SUFFIXES = {"ed", "es", "er", "ers", "ing", "ings", "cation", "cations", "able", "ably"}
LIGATURE_CHARS = re.compile("[\ufb00-\ufb06]")


SCHEMA = {
    "type": "boolean",
    "default": True,
    "description": "Repair words broken at a ligature (\"fi ve\", \"offi cials\": PDF extraction drops the "
                   "width of the fi/fl/ff glyph) and spell out ligature characters (\"\ufb01\" as \"fi\"). "
                   "A break is joined only where the joined form is a word.",
}


def join_broken_ligatures(state: State) -> None:
    """Runs on blocks, after reflow, so that "sig-/nifi cant" is seen whole."""
    lex = state.lexicon

    def join(m: re.Match) -> str | None:
        left, right = m.group(1), m.group(2)
        joined = left + right
        bare = left.lower() in BARE_LIGATURES
        if (lex.known(joined) and (bare or not lex.known(left) or lex.zipf(joined) >= lex.zipf(left))) or (
            not lex.known(left) and right in SUFFIXES
        ):
            return joined
        return None

    for block in state.blocks:
        # Ligature characters first: "\ufb01 nance" is a broken ligature too.
        _repair(block, LIGATURE_CHARS, "ligature character", lambda m: unicodedata.normalize("NFKC", m.group(0)))
        _repair(block, BROKEN, "ligature", join)


def _repair(block: Block, pattern: re.Pattern, kind: str, reading) -> None:
    edits = [(m, r) for m in unmarked(block, pattern) if (r := reading(m)) is not None]
    block.emendations += [Emendation(kind, m.group(0), r, block.line) for m, r in edits]
    block.edit([(m.start(), m.end(), r, []) for m, r in edits])


RULE = Rule("ligatures", join_broken_ligatures, SCHEMA)
