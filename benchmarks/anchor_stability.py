"""What becomes of published paragraph anchors when a source's paragraphs are edited: prints
figures, asserts nothing (tests/test_anchor_edits.py asserts).

For the Hellerman essay (an insertion near the top, as the issue tried) and page 76 of Bazhanov,
each kind of edit (insert, delete, split, merge, reorder, emend) is applied to a copy of the
raw text, and every paragraph anchor the original build published is followed:

- kept: it opens the same paragraph (the emended one, for an emendation);
- re-pointed: it opens other text, and the build passes: a citation silently goes wrong;
- named, text gone: the build fails naming it, and its text is indeed gone;
- named, text still there: the build fails naming it though its text is still published
  (a misleading error: the issue found the last anchor of the page named for a deletion).

"before": ids from position alone, checked only for existence (the build before reconciliation);
"after": ids reconciled with the manifest (build_tools/anchors.py).

Usage: python benchmarks/anchor_stability.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.anchor_edits import outcome, paragraph_lines  # noqa: E402
from tests.test_anchor_edits import REAL, apply, convert_copy, copy_of, edits  # noqa: E402

COLUMNS = ("kept", "re-pointed silently", "named, text gone", "named, text still there")


def main() -> None:
    print(f"{'source':<10} {'edit':<8} {'mode':<7} " + " ".join(f"{c:>24}" for c in COLUMNS))
    for name, (slug, after, before, opening, later) in REAL.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = copy_of(slug, Path(tmp))
            raw = (folder / "raw.txt").read_text(encoding="utf-8")
            region = paragraph_lines(raw, after, before)
            original = convert_copy(folder, raw)(None)
            for edit in edits(opening, later):
                for mode in ("before", "after"):
                    result = outcome(original, convert_copy(folder, apply(edit, raw, region)), edit,
                                     reconcile=mode == "after")
                    print(f"{name:<10} {edit.name:<8} {mode:<7} " + " ".join(f"{result.counts[c]:>24}" for c in COLUMNS))


if __name__ == "__main__":
    main()
