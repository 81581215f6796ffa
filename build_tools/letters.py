"""Letters without their accents, as every comparison of names and words folds them."""
from __future__ import annotations

import unicodedata


class _Marks(dict):
    """str.translate's table: a combining mark to nothing, any other character to itself (each
    character asked about once; translate then runs at C speed)."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_MARKS = _Marks()


def without_accents(text: str) -> str:
    """The text decomposed (NFKD) without its combining marks: "Ežov" -> "Ezov", "ﬁ" -> "fi"."""
    if text.isascii():  # nothing to decompose
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)
