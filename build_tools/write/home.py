"""The home page: what each source is and how it was edited, and how to read the edition.

Each source says it in its own words (its bibliography) and in the edition's
figures (its parts, pages and notes; the converter's repairs and removals).
Past `navigation_group_size` sources the home page gives each source one line,
under the same groups as the navigation: a page that describes hundreds of
sources at length is one nobody reads.
"""
from __future__ import annotations

from collections import Counter

from ..model import Edition
from ..structure.missing_pages import label_value
from .escape import escape

KINDS = {"book": "A book", "chapter": "A chapter", "essay": "An essay", "article": "An article"}
MOST_OFTEN = 3  # kinds of repair named on the home page; the editorial notes list them all


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def what_it_is(edition: Edition) -> str:
    """'A book, in 27 parts with 230 notes and its printed index. Translation and commentary by …'"""
    meta, divisions = edition.source.meta, edition.divisions
    kind = KINDS.get(meta.get("kind"), "A text")
    if meta.get("kind") == "chapter" and meta.get("container_title"):
        kind += f" of *{escape(meta['container_title'])}*"
    notes = sum(1 for d in divisions for n in d.notes + d.unreferenced_notes if not n.missing_text)
    has = [_plural(notes, "note")] if notes else []
    if any(d.kind == "index" for d in divisions):
        has.append("its printed index")
    parts = f"in {_plural(len(divisions), 'part')}" if len(divisions) > 1 else ""
    extent = " ".join(x for x in (parts, "with " + " and ".join(has) if has else "") if x)
    said = kind + (", " + extent if extent else "") + "."
    if meta.get("note") and meta.get("kind") in ("book", "chapter"):  # an essay's note is in its citation
        said += " " + escape(meta["note"].rstrip(".")) + "."
    return said


def how_it_was_edited(edition: Edition, audit: dict, notes_link: str) -> str:
    """The converter's work on this source, in figures, and where each repair is listed."""
    source = edition.source
    labels = [p.label for p in source.pages if p.label]
    if labels:
        ordered = sorted(set(labels), key=_page_order)
        span = ordered[0] if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"
        pages = f"its printed page numbers (pp. {escape(span)}) stand in the margin, where each page can be cited"
    else:
        pages = "it prints no page numbers, so its paragraphs are numbered (¶) and cited by number"
    applied = Counter(e.kind for e in edition.emendations if e.status == "applied")
    review = sum(1 for e in edition.emendations if e.status == "review")
    if applied:
        common = "; ".join(f"{escape(kind)}, {n:,}" for kind, n in applied.most_common(MOST_OFTEN))
        repairs = f"the converter made {_plural(sum(applied.values()), 'repair')} (most often: {common})"
    else:
        repairs = "the converter changed none of its words"
    if review:
        repairs += f" and marked {_plural(review, 'place')} for an editor to review"
    removed = audit.get("removed_words") or {}
    if removed:
        rules = ", ".join(escape(rule) for rule in sorted(removed))
        repairs += f"; {_plural(sum(removed.values()), 'word')} that are not its text were set aside ({rules})"
    return (f"Converted from a plain-text transcription, which is kept as received: {pages}; {repairs}. "
            f"Every change is listed with the source's own reading in the [editorial notes]({notes_link}).")


def _page_order(label: str) -> tuple[int, int, str]:
    try:
        series, n = label_value(label)
    except (ValueError, KeyError):
        return (2, 0, label)
    return (0 if series == "roman" else 1, n, label)


def source_entry(label: str, link: str, citation: str, what: str, how: str) -> str:
    """A source on the home page: its name, its full citation, what it is, how it was edited."""
    return "\n\n".join([f"### [{label}]({link})", citation, f"**What it is.** {what}", f"**How it was edited.** {how}"])


def source_line(label: str, link: str, what: str) -> str:
    """A source in one line, for a home page of many sources."""
    return f"- [{label}]({link}): {what}"


def legend(person: tuple[str, str] | None, term: tuple[str, str] | None,
           place: tuple[str, str] | None = None) -> list[str]:
    """How to read the edition, once: (name, address) of a person, a term and a place to show their links."""
    lines = [
        "## How to read this edition",
        "",
        "- **Where you are.** The navigation lists each source under the name a historian gives it "
        "(author, short title); every page names its source above its title, and the links at its foot lead "
        "through the source and on to the next one.",
        "- **Pages and paragraphs.** The printed page numbers stand in the margin (a question mark where the "
        "place of a page break is inferred); a paragraph shows its number (¶) when you point at it. Both are "
        "links to cite, and *Cite this page* at the foot of the window cites the page you are reading.",
    ]
    names = []
    if person:
        names.append(f"[{escape(person[0])}]({person[1]}) is a person: a link with a solid underline, to the person's "
                     "entry in the [register of persons](persons.md), with every mention in every source")
    if term:
        names.append(f"[{escape(term[0])}]({term[1]}) is a term: a dotted underline; point at it for its definition, "
                     "follow it to the [glossary](glossary.md)")
    if place:
        names.append(f"[{escape(place[0])}]({place[1]}) is a place: a dashed underline, to the place's entry in "
                     "the [register of places](places.md)")
    if names:
        lines.append("- **Names and terms.** " + "; ".join(names) + ". Each is linked where a section first "
                     "names it, not at every mention.")
    lines.append("- **Editorial changes.** The reading text is the converter's; what it changed is listed in each "
                 "source's editorial notes, and *Show editorial changes* (at the top of each text) marks every "
                 "changed place in the text, with the source's own reading.")
    return lines


def home_page(title: str, description: str, explained: list[str], entries: list[str],
              groups: list[tuple[str, list[str]]] | None = None, registers: tuple[str, ...] = ()) -> str:
    """The home page: the site's title and description (mkdocs.yml, escaped by the caller), how to
    read it, then every source: described at length, or (groups given) a line each, by group;
    registers: those the edition has ("persons", "glossary"), whose data it links."""
    lines = [f"# {title}", "", (description + " " if description else "")
             + "Each text was converted from a plain-text transcription, kept as received; every page, "
             "paragraph and note has a stable, citable address.", ""]
    lines += explained + ["", "## Sources", ""]
    if groups:
        for name, group in groups:
            lines += [f"### {name}", "", *group, ""]
    else:
        lines += [part for entry in entries for part in (entry, "")]
    data = ["[emendations](data/emendations.json)", "[conservation audit](data/audit.json)",
            "[sources](data/sources.json)"] + [f"[{name}](data/{name}.json)" for name in registers]
    lines += ["## Data", "", "The edition's data: " + ", ".join(data) + "; the plain texts under `data/text/`, TEI P5 under `data/tei/`."]
    return "\n".join(lines) + "\n"
