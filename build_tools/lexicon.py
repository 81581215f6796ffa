"""What counts as a word: evidence for repairs that join or split tokens.

Two witnesses: the text itself (a form printed whole elsewhere in the same
source; pipeline.convert_source gives each source its own, so sources stay
independent) and the word frequencies of general English (wordfreq ships its
data in the package, so this works offline and deterministically).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache


WORD_RE = re.compile(r"[^\W\d_]+|\d+")


def words(text: str) -> list[str]:
    """Tokens for counting and comparing: letters and digits, case-folded."""
    return [w.casefold() for w in WORD_RE.findall(unicodedata.normalize("NFKC", text))]


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # 0.2 s to import, and a build whose sources are all cached never asks

    return zipf_frequency(word, "en")


class Lexicon:
    def __init__(self, corpus_texts: list[str]):
        self.counts: Counter[str] = Counter()
        for text in corpus_texts:
            self.counts.update(words(text))

    def zipf(self, word: str) -> float:
        return zipf(word.casefold())

    def known(self, word: str, *, min_zipf: float = 1.0, min_count: int = 2) -> bool:
        """A word of English, or a form the corpus prints whole more than once.

        min_count is 2 because the damaged form itself occurs once in the corpus.
        """
        w = word.casefold()
        return zipf(w) >= min_zipf or self.counts[w] >= min_count
