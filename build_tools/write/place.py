"""Where the reader is: every page of a source names its source.

A source is named as a historian names it in a short note (build_tools/cite.py:
"Bazhanov, *Damnation of Stalin*"): the navigation heads the source's section
with it, each page's first heading opens with it (linked to the source's first
page), and the browser tab and Material's header print "part – source". All of
it is written into the Markdown and the navigation data (docs/.nav.yml); the
theme prints it as it is, no hook makes it.
"""
from __future__ import annotations

import html

import yaml

from .. import cite
from .escape import escape

SEPARATOR = " \u2013 "


def _record(meta: dict) -> dict:
    return {"bibliography": meta}


def label_html(meta: dict) -> str:
    """For the navigation, which the theme prints as HTML."""
    return cite.short_form(_record(meta))


def label_markdown(meta: dict) -> str:
    return cite.short_form(_record(meta), escape, lambda text: f"*{text}*")


def label_text(meta: dict) -> str:
    """Plain, not escaped (for a title that is escaped where it is written)."""
    return cite.short_form_text(_record(meta))


def tab_title(part: str | None, source: str) -> str:
    """'7. I Become Anticommunist – Bazhanov, Damnation of Stalin'; a source's first page: the source."""
    return f"{part}{SEPARATOR}{source}" if part else source


def front_matter(title: str) -> str:
    """The page's title for the browser tab and Material's header, which print it as HTML: escaped here."""
    data = yaml.safe_dump({"title": html.escape(" ".join(title.split()))}, allow_unicode=True, width=1 << 30)
    return f"---\n{data}---\n\n"


def heading_source(label: str, link: str | None) -> str:
    """What opens a page's first heading: its source (Markdown), on a line of its own (edition.css).
    The separator is hidden on the page; it keeps the two apart where the heading is read as one line
    of text (search results, a screen reader's list of headings)."""
    name = f"[{label}]({link})" if link else label
    return f'<span class="edition-source">{name}<span class="edition-source__sep">: </span></span>'


def nav_title(text: str) -> str:
    """A page's title in the navigation, which the theme prints as HTML."""
    return html.escape(" ".join(text.split()))
