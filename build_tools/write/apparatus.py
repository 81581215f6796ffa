"""The edition's apparatus: what every automatic repair and every intervention of the editor
changed, and where."""
from __future__ import annotations

import html
from collections import Counter

from ..check import summary
from ..model import SETTLED, Edition, Emendation
from .escape import escape
from .table import row, rule

EDITORS = ("correction", "comment")  # the kinds of entry only an editor makes (corrections.yml)


def emendation_records(edition: Edition, division_of: dict[str, str]) -> list[dict]:
    slug = edition.source.slug
    return [
        {
            "source": slug,
            "id": e.id,
            "kind": e.kind,
            "rule": e.rule,
            "status": e.status,
            "resp": e.resp,
            "original": e.original,
            "reading": e.reading,
            "note": e.note,
            "editor_note": e.editor_note,
            "by": e.by,
            "date": e.date,
            "line": e.line,
            "page": e.page,
            "url": f"{slug}/{division_of[e.anchor]}.html#{e.anchor}" if e.anchor in division_of else None,
        }
        for e in edition.emendations
    ]


def counts(ems: list[Emendation]) -> dict[str, int]:
    """The apparatus in four numbers: the converter's repairs, the editor's corrections and comments,
    and the review items still open."""
    return {"automatic repairs": sum(e.kind not in EDITORS for e in ems),
            "editor's corrections": sum(e.kind == "correction" for e in ems),
            "comments": sum(e.kind == "comment" for e in ems),
            "open review items": sum(e.status == "review" for e in ems),
            "settled by the editor": sum(e.status in SETTLED for e in ems)}


def _cell(text: str) -> str:
    shown = text.replace("\n", "|") if text else "—"
    return escape(shown)


def render_editorial_notes(edition: Edition, division_of: dict[str, str], audit: dict, findings=()) -> str:
    source = edition.source
    ems = edition.emendations
    kinds = Counter(e.kind for e in ems)
    removed = Counter(r.rule for r in source.removals)
    lines = [f"# Editorial notes: {escape(source.meta['title'])}", ""]
    lines.append(
        "Every automatic repair made to the raw text is listed here, and every intervention of the editor "
        "(the source's `corrections.yml`): what the source reads, the reading, and where. The edition prints "
        "the reading, except where an entry is marked *review* (flagged, not changed), *rejected* or *reverted* "
        "(the editor kept the source's reading) or *sic* (the source's reading is printed, marked [sic]). "
        "Each entry has a stable id, by which it is cited and the editor settles it. A line break in the source "
        "is shown as a vertical bar, a paragraph break as ¶."
    )
    tally = counts(ems)
    lines += ["", "## Summary", "", "; ".join(f"{escape(k[0].upper() + k[1:])}: {n}" for k, n in tally.items()) + "."]
    lines += ["", row(["Entry", "Count"]), rule(2)]
    lines += [row([escape(k), str(n)]) for k, n in sorted(kinds.items())] or [row(["(none)", "0"])]
    lines += ["", "Raw text removed from the reading text by a named rule:", "", row(["Rule", "Lines"]), rule(2)]
    lines += [row([escape(k), str(n)]) for k, n in sorted(removed.items())] or [row(["(none)", "0"])]
    approx = [p for p in source.pages if p.label and not p.exact]
    unseen = [p for p in source.pages if p.label and not p.seen]
    lines += [
        "",
        f"Printed pages with an anchor: {sum(1 for p in source.pages if p.label)}; "
        f"of these {len(unseen)} were never marked in the source and {len(approx)} are placed approximately "
        "(shown in the margin with a question mark).",
        "",
        f"Conservation audit: {audit['raw_words']} words in the raw text, {audit['unaccounted']} unaccounted for.",
    ]
    lines += ["", "## Emendations", "", row(["Id", "Where", "Entry", "Source reads", "Reading", "Note"]), rule(6)]
    for e in ems:
        lines.append(_row(e, division_of))
    if unseen:
        lines += ["", "## Pages without a printed number", "", row(["Page", "Placed", "Evidence"]), rule(3)]
        for p in unseen:
            link = f"[{escape(p.label)}]({_page_link(p.label, division_of)})"
            lines.append(row([link, "exact" if p.exact else "approximate", escape(p.evidence)]))
    lines += ["", *_self_check(edition.source.slug, list(findings), division_of)]
    return "\n".join(lines) + "\n"


def _self_check(slug: str, findings: list, division_of: dict[str, str]) -> list[str]:
    """The self-check's findings (build_tools/check): what an editor should look at, each with its place.
    Its review items are the emendations marked *review* above, not listed twice."""
    # Out of the search index: its quotes repeat the text, and a search should lead to the text itself.
    lines = ["## Self-check { #self-check data-search-exclude }", "",
             "What the converter's own check of the converted text found: "
             + escape(summary(slug, findings).split(": ", 1)[1])
             + (" (the items for review are the emendations marked *review* above)." if any(f.review and not f.settled for f in findings) else ".")]
    listed = [f for f in findings if not f.review]
    if not listed:
        return lines
    lines += ["", row(["Where", "Check", "Found", "Text", "Note"]), rule(5)]
    for f in listed:
        where = f"p. {f.page}" if f.page else f"line {f.line}"
        target = division_of.get(f.anchor)
        link = f"[{escape(where)}]({target}.md#{f.anchor})" if target else escape(where)
        lines.append(row([link, escape(f.check), escape(f.kind), _cell(f.quote), _cell(f.note)]))
    return lines


def _page_link(label: str, division_of: dict[str, str]) -> str:
    page = division_of.get(f"p-{label}")
    return f"{page}.md#p-{label}" if page else "#"


def _row(e: Emendation, division_of: dict[str, str]) -> str:
    where = f"p. {e.page}" if e.page else f"¶ {e.paragraph}" if e.paragraph else f"line {e.line}"
    target = division_of.get(e.anchor)
    link = f"[{escape(where)}]({target}.md#{e.anchor})" if target else escape(where)
    name = html.escape(e.id)
    cell = f'<a class="entry-id" id="{name}" href="#{name}">{name}</a>' if e.id else "—"
    return row([cell, link, _entry(e), _cell(e.original), _cell(e.reading), _notes(e)])


STATUS_SHOWN = {"review": "review", "accepted": "accepted by the editor", "rejected": "rejected by the editor",
                "reverted": "reverted by the editor", "sic": "sic"}


def _entry(e: Emendation) -> str:
    status = STATUS_SHOWN.get(e.status)
    return escape(e.kind) + (f" (*{status}*)" if status else "")


def _notes(e: Emendation) -> str:
    """The converter's note, then what the editor said (and who, and when)."""
    said = [escape(e.note)] if e.note else []
    if e.resp == "editor":
        who = ", ".join(x for x in (e.by, e.date) if x)
        said.append(f"*Editor{' (' + escape(who) + ')' if who else ''}:* {escape(e.editor_note)}".rstrip())
    return " ".join(said)
