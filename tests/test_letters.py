"""Letters without their accents (build_tools/letters.py), the folding names and words share."""
from __future__ import annotations

import unicodedata

import pytest

from build_tools.letters import without_accents


@pytest.mark.parametrize("text, folded", [
    ("Ežov", "Ezov"), ("Łódź", "Łodz"), ("ﬁne café", "fine cafe"), ("Ἀθῆναι", "Αθηναι"), ("Ё", "Е"),
    ("plain ASCII", "plain ASCII"), ("", ""), ("Stalin’s", "Stalin’s"),
])
def test_accents_go_and_letters_stay(text, folded):
    assert without_accents(text) == folded


def test_it_is_decomposition_without_combining_marks_for_every_character():
    every = "".join(chr(c) for c in range(0x80, 0x3000) if not 0xD800 <= c < 0xE000)
    expected = "".join(c for c in unicodedata.normalize("NFKD", every) if not unicodedata.combining(c))
    assert without_accents(every) == expected
