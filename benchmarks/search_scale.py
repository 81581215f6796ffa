"""Search at scale: python benchmarks/search_scale.py [--scale 1,20,100] [--repeat N] [QUERY ...]

For each scale (1x = the five sources; Nx = those and N-1 copies of each, as
benchmarks/scale.py makes them) it writes the search index
(build_tools/search_index.py) and prints:

- the index: files, total size, the largest file, and the time and peak
  memory of writing it (in a child process);
- for each query, what a reader downloads for it (the files the query reads,
  the same in Python and in search.js) against Material's single index of
  the same corpus, which the browser had to load whole before the first
  result: 1,481,152 bytes at 1x when Material's search was last built here
  (commit 6a98e6c), and linear in the corpus (25 MB at 20x, 127 MB at 100x,
  measured for issue 17);
- the time from a query entered in the search box to its first result, in
  headless Chromium from file:// (the offline bundle's case): the first query
  of a freshly opened page (it loads search/meta.js too), and the median of N
  fresh pages.

The copies are made of the converted Markdown (docs/ converted once, each
source's folder linked N-1 times under another slug and title): the index
reads docs/, so it is the index an Nx edition gets. The page searched from is
the 1x site's home page with the Nx index in its search/ folder; results are
not followed. docs/, site/ and dist/ of the project are never touched.
Needs the `playwright` package and Debian's Chromium (as the browser tests).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools import search_index  # noqa: E402

MATERIAL_1X = 1_481_152  # bytes of Material's search_index.json for the five sources (see above)
QUERIES = ["Tukhachevsky", "Orgburo", "southwest of Kiev", "Ovsepian", "Stalin's apology", "collectivization"]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

FIRST_RESULT = """async (query) => {
  const input = document.querySelector("input[data-md-component=search-query]");
  const list = document.querySelector(".md-search-result__list");
  return await new Promise(resolve => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!list.querySelector(".md-search-result__item")) return;
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(list, {childList: true, subtree: true});
    input.focus();
    input.value = query;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  });
}"""

WRITE = """
import json, resource, sys, time
from pathlib import Path
from build_tools.search_index import write_index
start = time.perf_counter()
write_index(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def copies(docs: Path, scale: int, out: Path) -> Path:
    """docs/ with scale-1 more copies of every source (hard links; other slugs and titles)."""
    if scale == 1:
        return docs
    shutil.copytree(docs, out, copy_function=os.link)
    sources = json.loads((docs / "data" / "sources.json").read_text(encoding="utf-8"))
    more = []
    for source in sources:
        for k in range(1, scale):
            slug = f"{source['slug']}-copy{k:03d}"
            shutil.copytree(docs / source["slug"], out / slug, copy_function=os.link)
            bibliography = {**source["bibliography"], "title": f"{source['bibliography']['title']} (copy {k})"}
            more.append({**source, "slug": slug, "bibliography": bibliography})
    target = out / "data" / "sources.json"
    target.unlink()
    target.write_text(json.dumps(sources + more, ensure_ascii=False), encoding="utf-8")
    return out


def mib(n: float) -> str:
    return f"{n / 2**20:8.2f} MiB"


def index_figures(folder: Path) -> dict:
    sizes = [p.stat().st_size for p in folder.rglob("*.js")]
    return {"files": len(sizes), "bytes": sum(sizes), "largest": max(sizes)}


def browser_times(site: Path, queries: list[str], repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    home = (site / "index.html").as_uri()
    times: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in queries:
            times[query] = []
            for _ in range(repeat):
                context = browser.new_context()  # nothing cached from the try before
                page = context.new_page()
                page.goto(home, wait_until="load")
                times[query].append(page.evaluate(FIRST_RESULT, query))
                loaded = page.evaluate("() => editionSearch.loaded()")
                context.close()
            times[query + " files"] = loaded
        browser.close()
    return times


def measure(scale: int, docs: Path, site: Path, work: Path, queries: list[str], repeat: int) -> dict:
    docs_n = copies(docs, scale, work / f"docs-x{scale}")
    shutil.rmtree(site / "search", ignore_errors=True)
    written = subprocess.run([sys.executable, "-c", WRITE, str(docs_n), str(site)], cwd=ROOT, check=True,
                             capture_output=True, text=True)
    made = json.loads(written.stdout.strip().splitlines()[-1])
    figures = index_figures(site / "search")
    material = MATERIAL_1X * scale
    print(f"\n== {scale}x: {len(json.loads((docs_n / 'data' / 'sources.json').read_text()))} sources")
    print(f"index written in {made['seconds']:.1f} s, peak {made['peak_mb']:.0f} MB; {figures['files']} files,"
          f" {mib(figures['bytes']).strip()} in all, largest {figures['largest'] / 1024:.0f} KiB"
          f" (Material's single index: about {mib(material).strip()})")
    times = browser_times(site, queries, repeat)
    width = max(map(len, queries)) + 2
    print(f"{'query':<{width}} {'found':>7} {'files':>6} {'KiB read':>9} {'of Material':>11}"
          f" {'first ms':>9} {'median ms':>10}")
    rows = []
    for query in queries:
        index = search_index.Index(site / "search")
        found = index.search(query)
        read = index.bytes_loaded()
        same = sorted(times[query + " files"]) == sorted(index.loaded)
        t = times[query]
        rows.append({"query": query, "bytes": read, "first_ms": t[0], "median_ms": statistics.median(t)})
        print(f"{query!r:<{width}} {found['total']:>7} {len(index.loaded):>6} {read / 1024:>9.0f}"
              f" {100 * read / material:>10.2f}% {t[0]:>9.0f} {statistics.median(t):>10.0f}"
              + ("" if same else "   (the browser read other files!)"))
    return {"scale": scale, **made, **figures, "queries": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1,20,100", help="comma-separated multiples of the five sources")
    parser.add_argument("--repeat", type=int, default=3, help="fresh pages per query (default: 3)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    from build_tools.pipeline import convert_all
    from build_tools.site import build_site

    with tempfile.TemporaryDirectory(prefix="edition-search-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        convert_all(ROOT, work / "docs")
        site = build_site(ROOT, docs_dir=work / "docs", site_dir=work / "site")
        print(f"(converted and built 1x in {time.perf_counter() - start:.0f} s)", file=sys.stderr)
        results = [measure(int(s), work / "docs", site, work, args.queries, args.repeat)
                   for s in args.scale.split(",") if s.strip()]
    print("\n== Summary: worst query per scale")
    for r in results:
        worst = max(r["queries"], key=lambda q: q["median_ms"])
        biggest = max(r["queries"], key=lambda q: q["bytes"])
        print(f"{r['scale']:>4}x  index {mib(r['bytes']).strip()}, first result at most {worst['median_ms']:.0f} ms"
              f" (median, {worst['query']!r}; target < 1000 ms at 20x), at most {biggest['bytes'] / 1024:.0f} KiB"
              f" read ({100 * biggest['bytes'] / (MATERIAL_1X * r['scale']):.2f}% of Material's index)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
