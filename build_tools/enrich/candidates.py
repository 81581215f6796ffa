"""Name-like strings the register does not know, for an editor extending it.

A candidate is a run of capitalised words (initials allowed) that stands
inside a sentence, is not a form of any register's entry (person, term, place...), and
is not an ordinary English word capitalised (months, titles, "The").
"""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import zipf
from ..model import Edition
from .matcher import form_keys

NAME_RUN = re.compile(r"(?<![.!?:;“\"]\s)(?<!^)\b((?:[A-Z]\.\s?){0,3}[A-Z][a-z’'-]+(?:\s(?:[A-Z]\.\s?)*[A-Z][a-z’'-]+){0,3})")


def candidates(editions: list[Edition], entries: list, *, limit: int = 200) -> list[tuple[str, int, str]]:
    """(name, count, first source) for name-like strings no entry of the registers has as a form,
    commonest first."""
    known = {form_keys(f) for e in entries for f in e.forms()}
    known_words = {k for form in known for k in form}
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for e in editions:
        for b in e.all_blocks():
            if b.kind == "heading":
                continue
            for m in NAME_RUN.finditer(b.printed()):
                name = re.sub(r"[’']s$", "", m.group(1))
                keys = form_keys(name)
                if not keys or keys in known or all(k in known_words for k in keys):
                    continue
                if len(keys) == 1 and zipf(keys[0]) >= 3.5:  # an ordinary word, capitalised
                    continue
                counts[name] += 1
                first.setdefault(name, e.source.slug)
    return [(n, c, first[n]) for n, c in counts.most_common(limit)]
