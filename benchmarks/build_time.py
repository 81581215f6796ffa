"""Time the build stages: python benchmarks/build_time.py [--root DIR] [--repeat N].

Works in a temporary folder, so docs/, site/ and dist/ are left alone.
The best of N runs is shown, the usual way to damp machine noise, with the
peak resident memory of this process after each stage. Conversion runs
without its per-source cache, so this is the cold cost; benchmarks/scale.py
measures whole `edition build` runs (cold, unchanged, one source changed) and
larger corpora.
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

from build_tools.pipeline import convert_all
from build_tools.site import build_site, make_offline_bundle


PEAKS: dict[str, float] = {}  # peak RSS (MB) of this process after each stage, last run


def run_once(root: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        times = {}
        start = time.perf_counter()
        convert_all(root, tmp / "docs")
        times["conversion (convert_all)"] = time.perf_counter() - start
        PEAKS["conversion (convert_all)"] = peak_mb()
        mark = time.perf_counter()
        build_site(root, docs_dir=tmp / "docs", site_dir=tmp / "site")
        times["MkDocs build"] = time.perf_counter() - mark
        PEAKS["MkDocs build"] = peak_mb()
        mark = time.perf_counter()
        make_offline_bundle(root, site_dir=tmp / "site", dist_dir=tmp / "dist")
        times["offline bundle"] = time.perf_counter() - mark
        PEAKS["offline bundle"] = PEAKS["whole build"] = peak_mb()
        times["whole build"] = time.perf_counter() - start
        return times


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    runs = [run_once(args.root.resolve()) for _ in range(args.repeat)]
    width = max(map(len, runs[0]))
    print(f"{'stage':<{width}}  seconds  peak MB")
    print(f"{'-' * width}  -------  -------")
    for stage in runs[0]:
        print(f"{stage:<{width}}  {min(r[stage] for r in runs):7.2f}  {PEAKS.get(stage, 0):7.0f}")


if __name__ == "__main__":
    main()
