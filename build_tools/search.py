"""Words for search: what accents, apostrophes and spelling variants must not defeat.

A query for "Ovsepian" must find "Ovsepián", "Stalin's" must find
"Stalin’s", "Ezhov" must find "Yezhov". The edition's search index
(build_tools/search_index.py) and its queries, in Python and in the browser,
use what is defined here:

- `fold`: lower case, accents removed, typographic apostrophes and quotes
  made straight, on both sides, index and query;
- `BOUNDARY`: where words end: spaces, dashes, quotes, brackets and
  punctuation, not an apostrophe inside a word ("Stalin’s"); stop words are
  dropped (as a prefix, "of" would match "office", "officer", "often"… and
  bury the one note that says "southwest of Kiev");
- `Variants`: the other spellings of any name or term an entry mentions, from
  docs/data/search-variants.json ({"canonical form": ["variant", ...]},
  written by the register/glossary build). A group works both ways: a page
  that says "Ezhov" is found by "Yezhov" too.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from lunr.stop_word_filter import WORDS as STOP_WORDS  # lunr.js's list, which Material uses

from build_tools.letters import without_accents

LETTER = r"A-Za-z\u00c0-\u024f"
PUNCTUATION = [
    # spaces, dashes, commas and the like, brackets, double quotes, ellipsis, slash, and the pilcrow the
    # apparatus prints where a paragraph was rejoined ("documenta-¶tion")
    r'[\s\-\u2010-\u2015,;:!?()\[\]{}"\u201c\u201d\u201e\u00ab\u00bb\u2026/\u00b6]+',
    r"\.(?!\d)",  # a full stop, not a decimal point
    r"&(?:[a-z]+|#\d+);",  # an HTML entity left in the index text
    # single quotes, but not an apostrophe inside a word ("Stalin’s")
    rf"['\u2018\u2019](?![{LETTER}])|(?<![{LETTER}])['\u2018\u2019]",
]
SEPARATOR = "|".join(PUNCTUATION + [
    # stop words as whole words, "The" too (lookarounds, not \b: JavaScript
    # and Python disagree about \b next to "é")
    rf"(?<![{LETTER}'\u2019])(?:"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(STOP_WORDS, key=lambda w: (-len(w), w)))
    + rf")(?![{LETTER}'\u2019])",
])
# Where the index and its queries split words (then drop stop words): much quicker than
# SEPARATOR's lookarounds at every position; the words differ only next to a stray quote. The
# browser runs the same pattern (search_index.py hands it over in search/meta.js).
BOUNDARY = re.compile("|".join(PUNCTUATION))
APOSTROPHES = "\u2019\u2018\u02bc\u2032`\u00b4"  # ’ ‘ ʼ ′ ` ´ all read as '


STRAIGHT = str.maketrans({**{c: "'" for c in APOSTROPHES}, "\u201c": '"', "\u201d": '"'})


def fold(text: str) -> str:
    """Lower case, without accents, with straight apostrophes and quotes."""
    return without_accents(text).translate(STRAIGHT).lower()



def words(text: str, separator: str) -> list[str]:
    return [w for w in re.split(separator, text) if w]


def normal(text: str) -> str:
    """Folded words joined by single spaces: how names are compared."""
    return " ".join(words(fold(text), SEPARATOR))



class Variants:
    """Groups of spellings that should find each other."""

    def __init__(self, mapping: dict[str, list[str]] | None = None):
        self.groups: list[set[str]] = []
        for canonical, variants in (mapping or {}).items():
            # Compared word by word, as the index splits them: "A. I. Romanov" -> "a i romanov".
            group = {normal(v) for v in [canonical, *variants] if v} - {""}
            if len(group) > 1:
                self.groups.append(group)
        self.forms = {f for g in self.groups for f in g}
        self.groups_of: dict[str, list[int]] = {}  # form -> the groups holding it
        for number, group in enumerate(self.groups):
            for form in group:
                self.groups_of.setdefault(form, []).append(number)
        self.firsts = {f.split(" ", 1)[0] for f in self.forms}  # phrases are only tried where one can start
        self.longest = max((f.count(" ") + 1 for f in self.forms), default=0)

    @classmethod
    def load(cls, path: Path) -> "Variants":
        if not path.is_file():
            return cls()
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def found_in(self, normal_text: str) -> set[str]:
        """Spellings to add for a text (as `normal` gives it) that mentions some member of a group."""
        found = set()
        tokens = normal_text.split()
        # Whole words only: "Ezhov" must not match inside "Ezhova".
        for i in range(len(tokens)):
            if tokens[i] not in self.firsts:
                continue
            for n in range(1, self.longest + 1):
                phrase = " ".join(tokens[i:i + n])
                if phrase in self.forms:
                    found.add(phrase)
        # the groups of the forms found (not every group for every entry: the index asks for each one)
        return {form for number in {n for f in found for n in self.groups_of[f]} for form in self.groups[number] - found}
