"""Search cost: python benchmarks/search.py [--root DIR] [--repeat N] [QUERY ...].

Prints the size of the search index against the size of the text it
indexes (data/text/*.txt), and, in the offline bundle opened from file://
in headless Chromium, the time from typing a query to its first result:
once as soon as the page's HTML is loaded (the search worker still has to
read and index search_index.js) and then the best and median of N tries.

Builds in a temporary folder, so docs/, site/ and dist/ are left alone.
Needs the `playwright` package and Debian's Chromium (as the browser tests).
"""

import argparse
import gzip
import os
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from build_tools.pipeline import convert_all
from build_tools.site import build_site, bundle_name, make_offline_bundle

QUERIES = ["Tukhachevsky", "Orgburo", "southwest of Kiev", "Ovsepian", "Stalin's apology"]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# Set the query as typing would (Material listens for keyup) and time the
# first result item to appear. Warm: a query without results goes first, so
# that the worker is ready, the list empty and no query repeated.
TIME_QUERY = """async ([query, warm]) => {
  const input = document.querySelector("input[data-md-component=search-query]");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const type = value => {
    input.value = value;
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  };
  input.focus();
  if (warm) {
    type("qqqzzzxxx");
    while (list.querySelector(".md-search-result__item") || !/No matching/.test(meta.textContent))
      await new Promise(r => setTimeout(r, 5));
  }
  return await new Promise(resolve => {
    const start = performance.now();
    const observer = new MutationObserver(() => {
      if (!list.querySelector(".md-search-result__item")) return;
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(list, {childList: true, subtree: true});
    type(query);
  });
}"""


def kib(n: int) -> str:
    return f"{n / 1024:8.0f} KiB"


def sizes(site: Path) -> None:
    texts = sorted((site / "data" / "text").glob("*.txt"))
    text = sum(p.stat().st_size for p in texts)
    index = (site / "search" / "search_index.json").read_bytes()
    script = (site / "search" / "search_index.js").stat().st_size
    print(f"text (data/text/*.txt, {len(texts)} files) {kib(text)}")
    print(f"search_index.json                  {kib(len(index))}  {len(index) / text:5.2f} x text")
    print(f"search_index.json, gzipped         {kib(len(gzip.compress(index)))}")
    print(f"search_index.js (offline)          {kib(script)}")


def browser_times(unpacked: Path, queries: list[str], repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    home = (unpacked / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        width = max(map(len, queries)) + 2
        print(f"\n{'query (file://)':<{width}} {'first, ms':>10} {'best of ' + str(repeat) + ', ms':>15} {'median':>8}")
        for query in queries:
            page = browser.new_page()
            page.goto(home, wait_until="domcontentloaded")
            first = page.evaluate(TIME_QUERY, [query, False])  # while the worker reads the index
            warm = [page.evaluate(TIME_QUERY, [query, True]) for _ in range(repeat)]
            print(f"{query!r:<{width}} {first:10.0f} {min(warm):15.0f} {statistics.median(warm):8.0f}")
            page.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    root = args.root.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start = time.perf_counter()
        convert_all(root, tmp / "docs")
        site = build_site(root, docs_dir=tmp / "docs", site_dir=tmp / "site")
        bundle = make_offline_bundle(root, site_dir=site, dist_dir=tmp / "dist")
        print(f"(built in {time.perf_counter() - start:.1f} s)\n", file=sys.stderr)
        sizes(site)
        with zipfile.ZipFile(bundle) as zf:
            zf.extractall(tmp / "unpacked")
        browser_times(tmp / "unpacked" / bundle_name(root), args.queries, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
