"""Metamorphic benchmark of `edition add`: prints figures, asserts nothing.

Each of the five sources is converted once; its plain-text export (one
paragraph per line) is re-laid out in every damage style of tests/relayout.py
(the named styles and a few random mixes, fixed seed), taken in again by
`edition add` with no hand edits, and compared with the export: character
error rate (whitespace collapsed), paragraph boundary recall and precision,
page anchors at the generator's breaks with its numbers, and debris (page
numbers, running heads, boilerplate left in the text). With --reference each
text is also converted with the profile written from what the generator did:
where that fails too, the converter is at fault, not the inference.

Targets (issue 13): CER <= 0.1%, recall >= 95%, every page anchor exact, no debris.

Usage: python benchmarks/relayout.py [--sources SLUG ...] [--styles NAME ...] [--mixes N] [--reference]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools.pipeline import convert_all  # noqa: E402
from tests.relayout import STYLES, Figures, mixed_styles, run, run_reference  # noqa: E402


def clean_texts(slugs: list[str] | None) -> dict[str, str]:
    """Each source's reading text as the edition exports it (docs/data/text/<slug>.txt)."""
    with tempfile.TemporaryDirectory() as tmp:
        convert_all(ROOT, Path(tmp) / "docs")
        folder = Path(tmp) / "docs" / "data" / "text"
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))
                if not slugs or p.stem in slugs}


def row(name: str, f: Figures, seconds: float | None = None) -> str:
    mark = "ok " if f.meets_targets() else "   "
    pages = f"{f.pages_exact}/{f.pages_expected}" + (f" +{f.pages_extra}" if f.pages_extra else "")
    timing = f" {seconds:6.1f}s" if seconds is not None else ""
    return (f"{mark}{name:<34} {f.cer * 100:7.3f}% {f.recall * 100:6.1f} {f.precision * 100:6.1f} "
            f"{pages:>10} {f.debris:>6}{timing}")


HEADER = f"   {'style':<34} {'CER':>8} {'recall':>6} {'prec.':>6} {'pages':>10} {'debris':>6}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", nargs="*", help="slugs (default: all five)")
    parser.add_argument("--styles", nargs="*", help="style names (default: all)")
    parser.add_argument("--mixes", type=int, default=6, help="random mixed styles (fixed seed)")
    parser.add_argument("--reference", action="store_true", help="also convert with the generator's own profile")
    args = parser.parse_args()
    styles = [s for s in STYLES + mixed_styles(args.mixes) if not args.styles or s.name in args.styles]
    texts = clean_texts(args.sources)
    totals: dict[str, list[Figures]] = defaultdict(list)
    for slug, clean in texts.items():
        print(f"\n{slug} ({len(clean.split())} words)\n{HEADER}")
        for style in styles:
            start = time.perf_counter()
            relaid, _, figures, _ = run(clean, style)
            print(row(style.name, figures, time.perf_counter() - start))
            totals[style.name].append(figures)
            if args.reference:
                print(row("  with the reference profile", run_reference(relaid)))
    print(f"\nPer style, all sources (CER: worst; recall, precision: lowest; pages and debris: summed)\n{HEADER}")
    for name, found in totals.items():
        print(row(name, Figures(
            cer=max(f.cer for f in found), recall=min(f.recall for f in found),
            precision=min(f.precision for f in found), pages_exact=sum(f.pages_exact for f in found),
            pages_expected=sum(f.pages_expected for f in found), pages_extra=sum(f.pages_extra for f in found),
            debris=sum(f.debris for f in found))))
    met = sum(all(f.meets_targets() for f in found) for found in totals.values())
    print(f"\n{met} of {len(totals)} styles meet every target on every source")


if __name__ == "__main__":
    main()
