"""Find register forms (names, terms) in text, token by token.

A form is a sequence of tokens (words, or initials such as "N."); it
matches where the text has the same tokens separated only by spaces. A
token may carry a possessive ("Stalin’s"); a derived word ("Stalinist",
"Stalin-era") is a different token and never matches. Lookup is by first
token, so the cost grows with the text, not with the size of the register.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass

TOKEN = re.compile(r"[A-Z]\.|[^\W\d_]+(?:[-’'][^\W\d_]+)*")
POSSESSIVE = re.compile(r"[’']s$")
# Lower-case words that belong to a surname inside a name ("Erik van Ree", "Charles de Gaulle").
PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "des", "la", "le", "ten", "ter",
             "al", "el", "bin", "ibn"}


# A text repeats its words: keying each distinct token once is most of the matcher's speed.
@lru_cache(maxsize=1 << 18)
def key(token: str) -> str:
    token = POSSESSIVE.sub("", token).replace("’", "'")
    return unicodedata.normalize("NFC", token).casefold()


def form_keys(form: str) -> tuple[str, ...]:
    return tuple(key(t) for t in TOKEN.findall(form))


@dataclass
class Match:
    start: int
    end: int  # end of the name, possessive excluded
    form: tuple[str, ...]
    text: str


class Matcher:
    def __init__(self, forms: dict[tuple[str, ...], object], *, plural: bool = False, case: str = "capital"):
        """forms: token keys -> payload. case: "capital" (text tokens must start upper case, but for a
        surname's particles), "first" (its first token must: "House of Soviets") or "any"."""
        self.payload = forms
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for f in sorted(forms, key=len, reverse=True):
            if f:
                self.by_first.setdefault(f[0], []).append(f)
        self.plural = plural
        self.case = case

    def find(self, text: str, boundaries: list[int] = ()) -> list[Match]:
        """Forms in the text; none runs across a boundary (where a page break, a note reference,
        italics or a link begins or ends)."""
        cuts = sorted(boundaries)
        tokens, keys = _split(text, tuple(cuts))
        found: list[Match] = []
        starts, plural = self.by_first, self.plural
        i = 0
        while i < len(tokens):
            k = keys[i]
            # Most tokens start no form: skip them without the call (the matcher's hot loop).
            if k not in starts and not (plural and k.endswith("s")):
                i += 1
                continue
            m = self._match_at(text, tokens, keys, i, cuts)
            if m:
                found.append(m)
                i += len(m.form)
            else:
                i += 1
        return found

    def _match_at(self, text, tokens, keys, i, cuts) -> Match | None:
        k = keys[i]
        candidates = self.by_first.get(k, [])
        if not candidates and self.plural and k.endswith("s"):
            candidates = [f for f in self.by_first.get(k.rstrip("s"), []) + self.by_first.get(k[:-2], []) if len(f) == 1]
        for form in candidates:
            n = len(form)
            window = keys[i : i + n]
            if len(window) < n:
                continue
            if n == 1 and window[0] != form[0] and not (self.plural and window[0] in (form[0] + "s", form[0] + "es")):
                continue
            if n > 1 and tuple(window) != form:
                continue
            if self.case == "first" and not tokens[i].group(0)[0].isupper():
                continue
            if self.case == "capital" and not all(t.group(0)[0].isupper() or (j and key(t.group(0)) in PARTICLES)
                                                  for j, t in enumerate(tokens[i : i + n])):
                continue
            if any(not _joins(text, tokens[j], tokens[j + 1], cuts) for j in range(i, i + n - 1)):
                continue
            start, last = tokens[i].start(), tokens[i + n - 1]
            end = last.start() + len(POSSESSIVE.sub("", last.group(0)))
            return Match(start, end, form, text[start:end])
        return None


@dataclass
class Token:
    """A word of the text (a TOKEN match, cut where a boundary falls inside it)."""

    text: str
    begin: int

    def group(self, _: int = 0) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.begin + len(self.text)


def _joins(text: str, a: Token, b: Token, cuts: list[int]) -> bool:
    """Two words of one name: only space (or nothing) between them, and no boundary."""
    gap = text[a.end():b.start()]
    if gap and not gap.isspace():
        return False
    i = bisect.bisect_left(cuts, a.end())
    return i == len(cuts) or cuts[i] > b.start()


def forget() -> None:
    """Let go of the texts split so far (Enrichment.apply, once an edition is read)."""
    _split.cache_clear()


@lru_cache(maxsize=1 << 14)  # every register's matcher reads the same blocks: each is split once
def _split(text: str, cuts: tuple[int, ...]) -> tuple[list, list[str]]:
    """The words of the text (_tokens) and their keys."""
    tokens = _tokens(text, cuts)
    return tokens, [key(t.group(0)) for t in tokens]


def _tokens(text: str, cuts) -> list:
    """The words of the text (matches, or Tokens where a boundary cut one); cuts in order."""
    if not cuts:
        return list(TOKEN.finditer(text))
    out = []
    after = 0  # the first cut after the word before: words and cuts both come in order
    for m in TOKEN.finditer(text):
        start, end = m.start(), m.end()
        while after < len(cuts) and cuts[after] <= start:
            after += 1
        if after == len(cuts) or cuts[after] >= end:
            out.append(m)
            continue
        inside = list(cuts[after:bisect.bisect_left(cuts, end, after)])
        for a, b in zip([start] + inside, inside + [end]):
            piece = TOKEN.search(text, a, b)  # what TOKEN takes of the piece, as it would alone
            while piece:
                out.append(Token(piece.group(0), piece.start()))
                piece = TOKEN.search(text, piece.end(), b)
    return out
