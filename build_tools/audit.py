"""Conservation audit: every word of the raw text reaches the edition or is
removed by a named rule, and the edition invents no word an emendation does
not account for.

    raw - removed - (originals of emendations) + (readings of emendations) == edition
"""
from __future__ import annotations

from collections import Counter

from .lexicon import word_counts, words
from .model import Edition


def edition_words(edition: Edition) -> Counter[str]:
    counts: Counter[str] = Counter()
    for b in edition.all_blocks():
        counts.update(words(b.printed()))  # a note reference's number is a word of the source
        for row in b.rows:
            counts.update(words(" ".join(c.printed() for c in row)))
        counts.update(words(b.number))
    return counts


def audit(edition: Edition) -> dict:
    source = edition.source
    raw = word_counts(source.text)
    expected = Counter(raw)  # subtract() keeps negative counts, which the sums below must see
    by_rule: Counter[str] = Counter()
    for r in source.removals:
        w = words(r.text)
        expected.subtract(w)
        by_rule[r.rule] += len(w)
    emendations = edition.emendations
    for e in emendations:
        if e.prints_reading:  # an automatic repair, an accepted review item, an editor's correction
            expected.subtract(words(e.original))
            expected.update(words(e.reading))
    actual = edition_words(edition)
    lost = expected - actual  # Counter's '-': the positive part of the difference
    invented = actual - expected
    return {
        "source": source.slug,
        "raw_words": sum(raw.values()),
        "edition_words": sum(actual.values()),
        "removed_words": dict(sorted(by_rule.items())),
        "emendations": len(emendations),
        "unaccounted": sum(lost.values()),
        "invented": sum(invented.values()),
        "unaccounted_words": dict(sorted(lost.items())),
        "invented_words": dict(sorted(invented.items())),
    }

