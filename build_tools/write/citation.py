"""Citations of a source from its bibliographic metadata (Chicago author-date-free note style)."""
from __future__ import annotations

from .escape import escape


def names(people: list[dict] | None) -> str:
    people = people or []
    full = [f"{p.get('given', '')} {p['family']}".strip() for p in people]
    if len(full) <= 2:
        return " and ".join(full)
    return ", ".join(full[:-1]) + ", and " + full[-1]


def chicago(meta: dict) -> str:
    """A Chicago bibliography entry in Markdown (titles in italics)."""
    authors = meta.get("authors") or []
    first = authors[0] if authors else None
    lead = f"{first['family']}, {first.get('given', '')}".strip(", ") if first else ""
    if len(authors) > 1:
        lead += ", and " + names(authors[1:])
    title = escape(meta["title"])
    place_pub = ": ".join(x for x in (meta.get("place"), meta.get("publisher")) if x)
    year = str(meta.get("year", "n.d."))
    tail = ", ".join(x for x in (escape(place_pub), year) if x)
    kind = meta["kind"]
    parts = [escape(lead) + "." if lead else ""]
    if kind == "book":
        extra = []
        if meta.get("translators"):
            extra.append("Translated by " + escape(names(meta["translators"])) + ".")
        parts.append(f"*{title}*." + (" " + " ".join(extra) if extra else "") + f" {tail}.")
    elif kind == "chapter":
        eds = f", edited by {escape(names(meta['editors']))}" if meta.get("editors") else ""
        pages = f", {escape(str(meta['pages']))}" if meta.get("pages") else ""
        parts.append(f"“{title}.” In *{escape(meta.get('container_title', ''))}*{eds}{pages}. {tail}.")
    else:
        note = f" {escape(meta['note'])}." if meta.get("note") else ""
        parts.append(f"“{title}.”{note} {year}.")
    if meta.get("isbn"):
        parts.append(f"ISBN {escape(str(meta['isbn']))}.")
    return " ".join(p for p in parts if p).replace("..", ".")
