"""`edition add` on each of the five raw files against the committed profiles: prints figures, asserts nothing.

For each source the raw text is added to a scratch project with no hand
edits, and its edition compared with the edition of the committed profile:
words and the audit, paragraphs, headings, page anchors (and how many stand
where the committed edition has them), notes and references linked, and the
reading text's difference (CER against the committed edition's). Then the
settings in which the two profiles differ.

Usage: python benchmarks/onboard.py [SLUG ...]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from build_tools.audit import audit  # noqa: E402
from build_tools.model import Edition, NoteRef  # noqa: E402
from build_tools.onboard.add import add_source  # noqa: E402
from build_tools.pipeline import convert_source  # noqa: E402
from build_tools.read import read_source  # noqa: E402
from build_tools.write.text import reading_text  # noqa: E402


def figures(edition: Edition) -> dict:
    blocks = [b for d in edition.divisions for b in d.blocks]
    result = audit(edition)
    anchors = {}
    for b in blocks:
        for page in b.pages():
            if page.label:
                anchors[page.label] = (b.anchor, page.exact)
    return {
        "words": result["edition_words"], "unaccounted": result["unaccounted"] + result["invented"],
        "parts": len(edition.divisions), "paragraphs": sum(b.kind in ("para", "lines") for b in blocks),
        "headings": sum(b.kind == "heading" for b in blocks),
        "pages": len(anchors), "pages exact": sum(e for _, e in anchors.values()),
        "notes": sum(len(d.notes) + len(d.unreferenced_notes) for d in edition.divisions),
        "references linked": sum(1 for b in blocks for r in b.of(NoteRef) if r.note),
        "_anchors": anchors, "_text": " ".join(reading_text(edition).split()),
    }


def flat(mapping: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def main(slugs: list[str]) -> None:
    for folder in sorted((ROOT / "sources").iterdir()):
        if slugs and folder.name not in slugs:
            continue
        committed = read_source(folder)
        mine = figures(convert_source(committed))
        with tempfile.TemporaryDirectory() as tmp:
            added = add_source(Path(tmp), folder / "raw.txt", folder.name, title=committed.meta["title"],
                               kind=committed.meta["kind"], say=lambda s: None, enrich=False)
            theirs = figures(added.edition)
            inferred = read_source(added.folder).layout
        print(f"\n{folder.name}\n  {'':<20} {'committed':>10} {'inferred':>10}")
        for key in mine:
            if not key.startswith("_"):
                print(f"  {key:<20} {mine[key]:>10} {theirs[key]:>10}")
        same = sum(1 for label, spot in theirs["_anchors"].items() if mine["_anchors"].get(label, (None,))[0] == spot[0])
        print(f"  {'page anchors in the same paragraph':<36} {same} of {len(mine['_anchors'])}")
        distance = Levenshtein.distance(mine["_text"], theirs["_text"])
        print(f"  {'reading text differs by':<36} {distance} characters ({distance / max(1, len(mine['_text'])):.3%})")
        a, b = flat(committed.layout), flat(inferred)
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                print(f"  differs: {key}: committed {a.get(key)!r}; inferred {b.get(key)!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
