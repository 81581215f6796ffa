"""What counts as a word: evidence for repairs that join or split tokens.

Two witnesses: the text itself (a form printed whole elsewhere in the same
source; pipeline.convert_source gives each source its own, so sources stay
independent) and the word frequencies of general English (wordfreq ships its
data in the package, so this works offline and deterministically).
"""
from __future__ import annotations

import contextlib
import functools
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from .cache import write_atomically


WORD_RE = re.compile(r"[^\W\d_]+|\d+")


def words(text: str) -> list[str]:
    """Tokens for counting and comparing: letters and digits, case-folded."""
    return [w.casefold() for w in WORD_RE.findall(unicodedata.normalize("NFKC", text))]


@functools.lru_cache(maxsize=2)
def word_counts(text: str) -> Counter[str]:
    """How often each of words(text) occurs. A source's raw text is counted once, though the
    conversion, the audit, the removals' check and the self-check all ask; do not change what it returns."""
    return Counter(words(text))


# word -> its Zipf frequency: those looked up in this process and, through `kept_frequencies`, in
# earlier builds. wordfreq takes 0.2 s to import and 0.1 s to look up a rebuild's few thousand words.
_FREQUENCIES: dict[str, float] = {}
_looked_up = 0


def zipf(word: str) -> float:
    found = _FREQUENCIES.get(word)
    if found is None:
        from wordfreq import zipf_frequency

        global _looked_up
        _looked_up += 1
        found = _FREQUENCIES[word] = zipf_frequency(word, "en")
    return found


@contextlib.contextmanager
def kept_frequencies(folder: Path | None):
    """Within it, zipf knows the words earlier builds looked up (kept in folder for the installed
    wordfreq); what it looks up anew is kept there afterwards."""
    path = load_frequencies(folder)
    before = _looked_up
    yield
    if path and _looked_up != before:
        write_atomically(path, json.dumps(_FREQUENCIES, sort_keys=True))


def load_frequencies(folder: Path | None) -> Path | None:
    """Add the frequencies kept in folder to what zipf knows; returns their file (None without a folder)."""
    if folder is None:
        return None
    from importlib.metadata import version

    path = Path(folder) / f"wordfreq-{version('wordfreq')}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        _FREQUENCIES.update((w, float(f)) for w, f in kept.items() if w not in _FREQUENCIES)
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return path


class Lexicon:
    def __init__(self, corpus_texts: list[str]):
        self.counts: Counter[str] = Counter()
        for text in corpus_texts:
            self.counts.update(word_counts(text))

    def zipf(self, word: str) -> float:
        return zipf(word.casefold())

    def known(self, word: str, *, min_zipf: float = 1.0, min_count: int = 2) -> bool:
        """A word of English, or a form the corpus prints whole more than once.

        min_count is 2 because the damaged form itself occurs once in the corpus.
        """
        w = word.casefold()
        return zipf(w) >= min_zipf or self.counts[w] >= min_count
