"""A source's citation as Markdown, from the one formatter of the edition (build_tools/cite.py)."""
from __future__ import annotations

import html
import re

from .. import cite
from .escape import escape


def chicago(meta: dict) -> str:
    """cite.chicago gives HTML (titles in <i>); the same text as inert Markdown."""
    pieces = re.split(r"(</?i>)", cite.chicago({"bibliography": meta}))
    return "".join("*" if p in ("<i>", "</i>") else escape(html.unescape(p)) for p in pieces)
