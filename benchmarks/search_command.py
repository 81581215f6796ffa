"""`edition search` from the command line: python benchmarks/search_command.py [--repeat N] [QUERY ...]

Runs `edition search QUERY --json` over the project's built site/ (build it
first: `edition build`) as a user would, a fresh process each time, and
prints for each query the median and the slowest wall-clock seconds of N
runs (start-up, reading the index files the query needs, ranking, printing)
with the number of entries found. The first run of each query is counted:
there is nothing to warm up but the operating system's file cache.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITION = Path(sys.executable).with_name("edition")
QUERIES = ["Yezhov", "Ezhov", "Trotskii", "Zinovev", "southwest of Kiev", "collectivization peasants", "qwertyuiop"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()
    if not (ROOT / "site" / "search" / "meta.js").is_file():
        sys.exit(f"{ROOT / 'site' / 'search' / 'meta.js'} is missing: run `edition build` first")
    print(f"{'query':<28} {'median s':>9} {'slowest s':>10} {'entries':>8}")
    for query in args.queries:
        times, total = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            done = subprocess.run([str(EDITION), "--root", str(ROOT), "search", *query.split(), "--json"],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            total = json.loads(done.stdout)["total"] if done.stdout else 0
        print(f"{query:<28} {statistics.median(times):9.3f} {max(times):10.3f} {total:8d}")


if __name__ == "__main__":
    main()
