"""Parts of ids (HTML id attributes, URL fragments) taken from the text, in a safe alphabet.

A note's id is made from its printed number; a page's anchor from its printed
label. Whatever a profile pattern captures, what reaches an id is ASCII
letters, digits and '_' only.
"""
from __future__ import annotations

import re

UNSAFE = re.compile(r"[^A-Za-z0-9]")


def id_token(text: str) -> str:
    """text as part of an id: itself when it is letters and digits (12, 3a, xiv), otherwise
    each other character written as _<hex>_, so that two different texts never share an id."""
    return UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", text)


# A printed page label: digits, or a roman numeral; it becomes the anchor p-<label>.
PAGE_LABEL = re.compile(r"[0-9]+|[ivxlcIVXLC]+")


def page_label(source, label: str | None, pattern, line: int) -> str | None:
    """The label a page marker took, refused unless it is a page number (None: not printed)."""
    if label is None or PAGE_LABEL.fullmatch(label):
        return label
    from .model import EditionError

    raise EditionError(f"{source.text_path}:{line}: page label {label!r} is not a page number (digits or a roman "
                       f"numeral i, v, x, l, c); make (?P<label>...) of layout.{pattern.key} ({pattern.where}) "
                       "take the number only")
