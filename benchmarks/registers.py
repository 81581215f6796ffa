"""How well the person finder reads the sources: prints figures, asserts nothing.

1. Agreement with the printed index of Bazhanov (002): for every person the
   index lists (the narrator excepted), the printed page locators against the
   pages where the finder sees a mention. Share of printed locators the finder
   confirms; mismatches are listed for review (the printed index has errors).
2. Precision and recall on the hand-labelled sample tests/data/mentions-sample.yml.

Usage: python benchmarks/registers.py [--mismatches N]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools.pipeline import convert_all  # noqa: E402

NARRATOR = "bazhanov-boris"
BOOK = "bazhanov-damnation-of-stalin"
LOCATOR = re.compile(r"^(\d+)(?:-(\d+))?$")


def index_entries(raw: str) -> list[str]:
    """The printed index, one entry per line: wrapped lines joined (after a comma, or before a locator)."""
    lines = [l.strip() for l in raw[raw.rindex("\nIndex\n"):].splitlines() if l.strip()]
    entries: list[str] = []
    for line in lines:
        if entries and (entries[-1].endswith(",") or re.match(r"(n\s?\d|\d)", line)):
            entries[-1] += " " + line
        else:
            entries.append(line)
    return entries


def printed_locators(raw: str, headings: dict[str, str]) -> dict[str, set[str]]:
    """Person id -> page labels the printed index gives (page locators only; notes excluded)."""
    found: dict[str, set[str]] = {}
    current = None
    for entry in index_entries(raw):
        key = next((h for h in headings if entry.startswith(h)), None)
        if key:
            current = headings[key]
        elif not entry[:1].islower():
            current = None  # another main entry (or a "- " subentry naming someone else)
        if current is None:
            continue
        for part in entry.split(", "):
            m = LOCATOR.match(part.strip().rstrip("."))
            if m:
                start, end = int(m.group(1)), m.group(2)
                # "191-92" ends on 192, "98-101" on 101
                stop = (int(end) if len(end) >= len(str(start)) else int(str(start)[: -len(end)] + end)) if end else start
                found.setdefault(current, set()).update(str(p) for p in range(start, stop + 1))
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mismatches", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = convert_all(ROOT, Path(tmp) / "docs")
    reg = report.registers
    persons = {p.id: p for p in reg.persons}
    headings = {h: p.id for p in reg.persons for h in p.index}
    raw = (ROOT / "sources" / BOOK / "raw.txt").read_text(encoding="utf-8")
    printed = printed_locators(raw, dict(sorted(headings.items(), key=lambda kv: -len(kv[0]))))
    seen: dict[str, set[str]] = {}
    for m in reg.mentions:
        if m.source == BOOK and m.person and m.page:
            seen.setdefault(m.person, set()).add(m.page)
    total = confirmed = 0
    missing: list[tuple[str, str]] = []
    for pid, pages in sorted(printed.items()):
        if pid == NARRATOR:
            continue
        for page in sorted(pages, key=int):
            total += 1
            if page in seen.get(pid, set()):
                confirmed += 1
            else:
                missing.append((persons[pid].name, page))
    print(f"printed index of {BOOK}: {len(printed)} persons, {total} page locators")
    print(f"  confirmed by the finder: {confirmed} ({confirmed / max(total, 1):.1%})")
    for name, page in missing[: args.mismatches]:
        print(f"    not seen: {name}, p. {page}")
    if len(missing) > args.mismatches:
        print(f"    … and {len(missing) - args.mismatches} more")

    sample = yaml.safe_load((ROOT / "tests" / "data" / "mentions-sample.yml").read_text(encoding="utf-8"))
    precision, recall, counts = evaluate(sample, reg.mentions)
    print(f"hand-labelled sample: {counts['gold']} mentions in {counts['passages']} passages")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  (true {counts['tp']}, found {counts['found']})")
    for kind, items in (("missed", counts["missed"]), ("wrong", counts["wrong"])):
        for item in items[: args.mismatches]:
            print(f"    {kind}: {item}")


def evaluate(sample: dict, mentions) -> tuple[float, float, dict]:
    """Compare (source, raw line, person) triples inside the labelled passages."""
    gold: Counter = Counter()
    ranges: dict[str, list[tuple[int, int]]] = {}
    for p in sample["passages"]:
        ranges.setdefault(p["source"], []).append(tuple(p["lines"]))
        for m in p.get("mentions") or []:
            gold[(p["source"], m["line"], m["person"])] += 1
    inside = lambda src, line: any(a <= line <= b for a, b in ranges.get(src, []))
    found: Counter = Counter((m.source, m.line, m.person) for m in mentions if inside(m.source, m.line))
    tp = sum((gold & found).values())
    counts = {"gold": sum(gold.values()), "found": sum(found.values()), "tp": tp, "passages": len(sample["passages"]),
              "missed": sorted(map(str, (gold - found).elements())), "wrong": sorted(map(str, (found - gold).elements()))}
    return tp / max(sum(found.values()), 1), tp / max(sum(gold.values()), 1), counts


if __name__ == "__main__":
    main()
