"""Small text predicates shared by structure rules."""
from __future__ import annotations

import re

from ..model import Inline

TERMINAL = tuple(".!?:;…”’\"')]*")
FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "nor",
    "as", "that", "which", "who", "whom", "whose", "his", "her", "its", "their", "our", "my", "your", "was",
    "were", "is", "be", "been", "had", "has", "have", "into", "than", "if", "not", "no", "so", "this", "these",
    "those", "such", "very", "more", "most", "would", "could", "should", "will", "shall", "may", "might",
}


def plain(text: Inline) -> str:
    """The text as printed (note reference numbers included), without surrounding space."""
    return text.printed().strip()


def ends_open(text: Inline) -> bool:
    """The text stops mid-sentence: no terminal punctuation at its end."""
    t = plain(text)
    return bool(t) and not t.endswith(TERMINAL)


def last_word(text: Inline) -> str:
    """The last word of the reading text (a note reference's number is not one)."""
    words = re.findall(r"[A-Za-z]+", text.text)
    return words[-1].lower() if words else ""


def starts_lower(text: Inline) -> bool:
    t = plain(text).lstrip("“‘\"'([")
    return bool(t) and t[0].islower()


def slugify(text: str) -> str:
    text = text.strip().lower().replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].rstrip("-")  # an id, not a copy of the text
