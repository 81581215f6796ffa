"""A removal rule may take away what is not text, never the text itself.

Boilerplate, a preamble, page markers and running heads are removed by
patterns of the layout profile, and the conservation audit counts what a
named rule removed as accounted for. So a pattern that matches too much
('.*') would silently empty a source. After conversion each rule's removals
are checked: a rule fails the build, naming its setting in source.yml and
quoting what it removed, when it removed

- more than MAX_REMOVED_SHARE of the source's words (and at least
  MIN_REMOVED_WORDS: a short text with many page markers is not suspect),
  counting a line repeated with other numbers only once: a banner on every
  page ("Downloaded by reader 1187 on 12 March") is one notice, however
  short the pages; or
- more than MAX_PROSE_LINES different lines that read like prose (long,
  with sentence punctuation and many common words); boilerplate repeats
  one notice, a mistaken pattern takes many different sentences.

In the five sources the most any rule removes is 0.98% of the words (the
Oxford boilerplate) and one prose-like line (its licence notice).
"""
from __future__ import annotations

import re
from collections import defaultdict

from .lexicon import word_counts, words
from .model import EditionError, Removal, Source

MAX_REMOVED_SHARE = 0.05
MIN_REMOVED_WORDS = 200
MAX_PROSE_LINES = 3
PROSE_MIN_CHARS, PROSE_MIN_WORDS, PROSE_COMMON_SHARE = 60, 10, 0.2
SENTENCE_PUNCTUATION = re.compile(r"[a-z][.,;:!?](?:\s|$)")
LETTERS = re.compile(r"[A-Za-z]+")
DIGITS = re.compile(r"\d+")
COMMON = set("a an the of to in on at by for from with and or but as that which who was were is be been had has "
             "have it its this his her their they he she we not no into than".split())
SETTINGS = {"page marker": ("pages.marker",), "running head": ("pages.running_head",),
            "boilerplate": ("boilerplate.lines", "boilerplate.inline")}


def reads_like_prose(text: str) -> bool:
    text = text.strip()
    found = LETTERS.findall(text)
    return (len(text) >= PROSE_MIN_CHARS and len(found) >= PROSE_MIN_WORDS
            and bool(SENTENCE_PUNCTUATION.search(text))
            and sum(w.lower() in COMMON for w in found) >= PROSE_COMMON_SHARE * len(found))


def check_removals(source: Source) -> None:
    """Raise EditionError for the first rule that removed what looks like the text itself."""
    by_rule: dict[str, list[Removal]] = defaultdict(list)
    for r in source.removals:
        by_rule[r.rule].append(r)
    total = sum(word_counts(source.text).values())
    for rule, removals in by_rule.items():
        removed = sum(len(words(r.text)) for r in removals)
        shapes = {DIGITS.sub("0", " ".join(r.text.split())) for r in removals}
        different = sum(len(words(shape)) for shape in shapes)
        distinct: dict[str, Removal] = {}
        for r in removals:
            if reads_like_prose(r.text):
                distinct.setdefault(r.text.strip(), r)  # the first of each: where it starts
        prose = list(distinct.values())
        too_much = different >= MIN_REMOVED_WORDS and different > MAX_REMOVED_SHARE * total
        if too_much or len(prose) > MAX_PROSE_LINES:
            raise EditionError(_message(source, rule, removals, removed, different, total, prose, too_much))


def _message(source: Source, rule: str, removals: list[Removal], removed: int, different: int, total: int,
             prose: list[Removal], too_much: bool) -> str:
    key, pattern = _setting(source, rule, (prose or removals)[0])
    where = pattern.where if pattern is not None else f"{source.folder / 'source.yml'}"
    what = f"layout.{key} {pattern.pattern!r}" if pattern is not None else f"the rule {rule!r}"
    why = (f"removed {removed:,} of the source's {total:,} words ({different:,} in different lines, "
           f"{different / max(total, 1):.0%}, more than {MAX_REMOVED_SHARE:.0%})" if too_much else
           f"removed {len(prose)} different lines that read like prose (more than {MAX_PROSE_LINES})")
    examples = "; ".join(f"{source.text_path.name}:{r.line} {_excerpt(r.text)!r}" for r in (prose or removals)[:3])
    return f"{where}: {what} ({rule}) {why}, e.g. {examples}; make it match only what is not the text"


def _setting(source: Source, rule: str, example: Removal):
    """The setting (and its compiled pattern) behind a rule's removals."""
    if rule not in SETTINGS and source.setting("preamble.until"):
        return "preamble.until", source.pattern("preamble.until")
    for key in SETTINGS.get(rule, ()):
        found = source.pattern(key)
        for pattern in found if isinstance(found, list) else [found] if found else []:
            text = example.text.strip()
            if pattern.fullmatch(text, example.line) or pattern.finditer(text, example.line):
                return key, pattern
    return rule, None


def _excerpt(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"
