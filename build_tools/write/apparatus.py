"""The edition's apparatus: what every automatic repair changed, and where."""
from __future__ import annotations

from collections import Counter

from ..check import summary
from ..model import Edition, Emendation
from .changes import change_id, shown
from .escape import escape
from .table import row, rule


def emendation_records(edition: Edition, division_of: dict[str, str]) -> list[dict]:
    slug = edition.source.slug
    return [
        {
            "source": slug,
            "kind": e.kind,
            "status": e.status,
            "original": e.original,
            "reading": e.reading,
            "note": e.note,
            "line": e.line,
            "page": e.page,
            "url": f"{slug}/{division_of[e.anchor]}.html#{e.anchor}" if e.anchor in division_of else None,
        }
        for e in edition.emendations
    ]


def _cell(text: str) -> str:
    return escape(shown(text))


def render_editorial_notes(edition: Edition, division_of: dict[str, str], audit: dict, findings=(),
                           heading_opening: str = "") -> str:
    """heading_opening: Markdown that opens the heading (write/place.py: the source)."""
    source = edition.source
    ems = edition.emendations
    kinds = Counter(e.kind for e in ems)
    removed = Counter(r.rule for r in source.removals)
    lines = [f"# {heading_opening}Editorial notes", ""]
    lines.append(
        "Every automatic repair made to the raw text is listed here: what the source reads, what the edition "
        "reads, and where. Entries marked *review* were flagged but not changed. A line break in the source is "
        "shown as a vertical bar, a paragraph break as ¶."
    )
    lines += ["", "## Summary", "", row(["Repair", "Count"]), rule(2)]
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
    lines += ["", "## Emendations", "", row(["Where", "Repair", "Source reads", "Edition reads", "Note"]), rule(5)]
    for n, e in enumerate(ems, start=1):
        lines.append(_row(e, n, division_of))
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
             + (" (the items for review are the emendations marked *review* above)." if any(f.review for f in findings) else ".")]
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


def _row(e: Emendation, number: int, division_of: dict[str, str]) -> str:
    """One emendation; its row's anchor is where the reading text's marked change links (write/changes.py)."""
    where = f"p. {e.page}" if e.page else f"¶ {e.paragraph}" if e.paragraph else f"line {e.line}"
    target = division_of.get(e.anchor)
    link = f'<span id="{change_id(number)}"></span>' + (
        f"[{escape(where)}]({target}.md#{e.anchor})" if target else escape(where))
    kind = escape(e.kind) + (" (*review*)" if e.status == "review" else "")
    return row([link, kind, _cell(e.original), _cell(e.reading), escape(e.note)])
