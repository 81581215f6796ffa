"""Compare two built sites: python benchmarks/site_diff.py BEFORE_SITE AFTER_SITE [--show N] [--article]

For every HTML page of either site it compares what a reader and a citation
depend on, not the bytes: the text (tags gone, entities read, white space
collapsed), the ids (every anchor), and the links (the page each leads to,
relative paths resolved), each in page order. It prints, per kind, how many pages differ and the first
differences, and exits 1 if any page differs. Used to check a change of
renderer (issue #17: MkDocs' Python-Markdown → build_tools/page_body.py).
"""
from __future__ import annotations

import argparse
import difflib
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from build_tools.site_check import link_target  # noqa: E402

SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
HREF = re.compile(r"""\shref=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def resolved(url: str, href: str) -> str:
    """A link as the page it leads to ("../persons/v.html#x" from persons/ is "persons/v.html#x")."""
    found = link_target(url, href)
    if found is None:
        return href
    target, fragment = found
    return target + ("#" + fragment if fragment else "")


ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def facets(url: str, page: str, article: bool = False) -> dict[str, list[str]]:
    """article: only the page's <article> (what the theme wraps), as when two themes are compared."""
    if article:
        page = " ".join(ARTICLE.findall(page))
    body = SCRIPT.sub(" ", page)
    text = " ".join(html.unescape(TAG.sub(" ", body)).split())
    return {
        "text": re.findall(r"\S+", text),
        "ids": [html.unescape(next(g for g in m.groups() if g is not None)) for m in ID.finditer(body)],
        "links": [resolved(url, html.unescape(next(g for g in m.groups() if g is not None)))
                  for m in HREF.finditer(body)],
    }


def compare(before: Path, after: Path, show: int = 5, article: bool = False) -> int:
    pages = sorted({p.relative_to(before).as_posix() for p in before.rglob("*.html")}
                   | {p.relative_to(after).as_posix() for p in after.rglob("*.html")})
    differing: dict[str, list[str]] = {"missing": [], "text": [], "ids": [], "links": []}
    examples: dict[str, list[str]] = {k: [] for k in differing}
    for url in pages:
        a, b = before / url, after / url
        if not a.is_file() or not b.is_file():
            differing["missing"].append(url)
            examples["missing"].append(f"{url}: only in {'after' if b.is_file() else 'before'}")
            continue
        fa = facets(url, a.read_text(encoding="utf-8"), article)
        fb = facets(url, b.read_text(encoding="utf-8"), article)
        for kind in ("text", "ids", "links"):
            if fa[kind] != fb[kind]:
                differing[kind].append(url)
                if len(examples[kind]) < show:
                    diff = [d for d in difflib.unified_diff(fa[kind], fb[kind], lineterm="", n=2)][2:14]
                    examples[kind].append(f"{url}:\n      " + "\n      ".join(diff))
    print(f"{len(pages)} pages compared ({before} → {after})")
    for kind, urls in differing.items():
        print(f"{kind:>8}: {len(urls)} pages differ")
        for example in examples[kind]:
            print(f"    {example}")
    return 1 if any(differing.values()) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=5)
    parser.add_argument("--article", action="store_true", help="compare only each page's <article>")
    args = parser.parse_args()
    sys.exit(compare(args.before, args.after, args.show, args.article))


if __name__ == "__main__":
    main()
