"""Build cost at scale: python benchmarks/scale.py [--scale 1,20,100] [--steps ...] [--work DIR] [--keep]

For each scale (1x = the five sources; Nx = the five sources and N-1 copies
of each, with distinct slugs and titles) it builds a temporary project and
measures, each step in a child process (wall time, and peak resident memory:
of the largest single process, and of all the step's processes together):

  convert        our conversion alone (build_tools.pipeline.convert_all, no cache)
  mkdocs         MkDocs' build of the docs we generated
  naive          `mkdocs build` of a naive baseline: each raw text as bare paragraphs,
                 Material with only its search plugin, no hooks (build_cost.py's)
  build          the whole `edition build`, cold (no .cache, no outputs)
  rebuild        `edition build` again, nothing changed (must be skipped)
  one source     `edition build` after changing the shortest source's text

and prints the ratios against the targets of issue 6: whole build <= 2x the
naive baseline; our own stages <= 25% of the whole build; a no-change rebuild
<= 0.2x the full build; a one-source rebuild costing in proportion to that
source. It also sizes the search index (search/: its files; what a query
reads of it, and how soon its first result appears from file://, is
benchmarks/search_scale.py's to measure).

Not a test: at 100x a run takes many minutes (--steps convert,naive limits
it to the cheaper steps). docs/, site/ and dist/ of the project are never
touched.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # build_cost
PYTHON = sys.executable
EDITION = str(Path(sys.executable).with_name("edition"))
TARGETS = {"whole / naive": 2.0, "own stages / whole": 0.25, "no-change / full": 0.2}
STEPS = ("convert", "mkdocs", "naive", "build", "rebuild", "one")
PAGE = os.sysconf("SC_PAGE_SIZE")


# ----------------------------------------------------------------- running


def tree_rss_mb(root_pid: int) -> tuple[float, float]:
    """Resident memory of a process and all its descendants now (MB), from /proc: the sum of their
    resident sizes, and of their proportional sizes (Pss: a page shared by forked workers counted once)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1]: the parent's pid
        rss[pid] = int(fields[21]) * PAGE  # fields[21]: resident pages
    total, proportional, todo = 0, 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        proportional += _pss(pid)
        todo += children.get(pid, [])
    return total / 2**20, proportional / 2**20


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            return next((int(line.split()[1]) * 1024 for line in f if line.startswith(b"Pss:")), 0)
    except OSError:
        return 0



def run(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run cmd to completion: wall seconds, peak memory (MB), output.

    Two peaks: `peak_mb`, the largest single process of the tree (wait4's ru_maxrss), and
    `tree_peak_mb`, the largest sum over the whole tree (the parent and its worker processes
    at once), sampled every 0.2 s from /proc; `tree_pss_mb` the same with pages the forked
    workers share with the parent counted once.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out, err, tree = [], [], [0.0, 0.0]
    finished = threading.Event()

    def sample() -> None:
        while not finished.wait(0.2):
            tree[:] = map(max, tree, tree_rss_mb(proc.pid))

    # Read both pipes without deadlock, then reap the child with wait4 for its own rusage.
    threads = [threading.Thread(target=lambda s=s, b=b: b.append(s.read())) for s, b in
               ((proc.stdout, out), (proc.stderr, err))]
    sampler = threading.Thread(target=sample, daemon=True)
    for t in threads + [sampler]:
        t.start()
    for t in threads:
        t.join()
    finished.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    result = {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "tree_peak_mb": max(tree[0], usage.ru_maxrss / 1024),
              "tree_pss_mb": tree[1],
              "stdout": "".join(out), "stderr": "".join(err), "returncode": proc.returncode}
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{result['stderr'][-3000:]}")
    return result


def py(code: str, root: Path, **kw) -> dict:
    """Run Python code in a child; it prints a JSON object of timings measured inside."""
    result = run([PYTHON, "-c", code], cwd=root, **kw)
    result["inside"] = json.loads(result["stdout"].strip().splitlines()[-1])
    return result


CONVERT = """
import json, time
from pathlib import Path
start = time.perf_counter()
from build_tools.pipeline import convert_all
imported = time.perf_counter()
report = convert_all(Path('.'), Path('{out}'))
print(json.dumps({{"import": imported - start, "convert": time.perf_counter() - imported,
                  "sources": len(report.audits)}}))
"""
MKDOCS = """
import json, time
from pathlib import Path
start = time.perf_counter()
from build_tools.site import build_site
imported = time.perf_counter()
build_site(Path('.'), docs_dir=Path('{docs}'), site_dir=Path('{site}'), strict={strict})
print(json.dumps({{"import": imported - start, "build": time.perf_counter() - imported}}))
"""
STAGE = re.compile(r"^(inputs hash|convert|mkdocs build|offline bundle|total)\s+([\d.]+) s$", re.M)


def stages(stderr: str) -> dict[str, float]:
    return {name: float(seconds) for name, seconds in STAGE.findall(stderr)}


# --------------------------------------------------------------- projects


def make_project(folder: Path, scale: int) -> Path:
    """A project with the five sources and scale-1 copies of each (distinct slug and title)."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy(ROOT / name, folder)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    # Not the anchor manifest: it fails the build whenever anchors are mid-change, and checking it is cheap.
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("anchors-*"))
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    (folder / "build_tools").symlink_to(ROOT / "build_tools")
    for original in sorted((ROOT / "sources").iterdir()):
        if not (original / "source.yml").is_file():
            continue
        for k in range(scale):
            target = folder / "sources" / (original.name if k == 0 else f"{original.name}-copy{k:03d}")
            target.mkdir(parents=True)
            meta = yaml.safe_load((original / "source.yml").read_text(encoding="utf-8"))
            if k:
                meta["bibliography"]["title"] = f"{meta['bibliography']['title']} (copy {k})"
            (target / "source.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")
            raw = original / (meta.get("text") or "raw.txt")
            try:
                os.link(raw, target / raw.name)  # same bytes, no disk; edits below replace, never write through
            except OSError:
                shutil.copy(raw, target / raw.name)
    return folder


def make_naive_project(project: Path, folder: Path) -> Path:
    """The baseline (issue #17's): every raw text as bare paragraphs, Material with only its search
    plugin, no hooks (benchmarks/build_cost.py makes it)."""
    from build_cost import naive_project

    return naive_project(project, folder)


def shortest_source(project: Path) -> Path:
    return min((p for p in (project / "sources").glob("*/raw.txt")), key=lambda p: (p.stat().st_size, str(p)))


def change(path: Path) -> None:
    """Change a text by one sentence, replacing the file (so hard-linked copies keep theirs)."""
    text = path.read_text(encoding="utf-8") + "\nA sentence added by the benchmark.\n"
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# ----------------------------------------------------------------- search


def search_index(site: Path) -> dict:
    """The search index's files (build_tools/search_index.py): a query reads a few of them."""
    sizes = [p.stat().st_size for p in (site / "search").rglob("*.js")]
    return {"json_mb": sum(sizes) / 2**20, "files": len(sizes), "largest_kb": max(sizes, default=0) / 1024}


# -------------------------------------------------------------------- main


def measure(scale: int, work: Path, steps: tuple[str, ...] = STEPS) -> dict:
    project = make_project(work / f"x{scale}", scale)
    raw_bytes = sum(p.stat().st_size for p in (project / "sources").glob("*/raw.txt"))
    r: dict = {"scale": scale, "sources": len(list((project / "sources").iterdir())), "raw_mb": raw_bytes / 2**20}
    print(f"\n== {scale}x: {r['sources']} sources, {r['raw_mb']:.1f} MB of raw text ({project})", flush=True)

    if "convert" not in steps and "mkdocs" not in steps:
        r["convert"] = r["convert_peak_mb"] = float("nan")
    else:
        _convert(r, work, scale, project)
    if "mkdocs" in steps:
        _mkdocs(r, work, scale, project)
    if "naive" in steps:
        _naive(r, work, scale, project)
    if "build" in steps:
        _builds(r, project, steps)
    return r


def _peaks(result: dict) -> str:
    once = f"{result['tree_pss_mb']:6.0f} MB" if result["tree_pss_mb"] else "not sampled (too short)"
    return f"peak {result['peak_mb']:6.0f} MB (all processes {result['tree_peak_mb']:6.0f} MB; shared pages once {once})"


def _convert(r: dict, work: Path, scale: int, project: Path) -> None:
    convert = py(CONVERT.format(out=work / f"x{scale}-docs" / "docs"), project)
    r["convert"] = convert["inside"]["convert"]
    r["convert_peak_mb"], r["convert_tree_mb"] = convert["peak_mb"], convert["tree_peak_mb"]
    print(f"convert (in-process)     {r['convert']:8.2f} s   {_peaks(convert)}", flush=True)


def _mkdocs(r: dict, work: Path, scale: int, project: Path) -> None:
    mk = py(MKDOCS.format(docs=work / f"x{scale}-docs" / "docs", site=work / f"x{scale}-site", strict=True), project)
    r["mkdocs"] = mk["inside"]["build"]
    r["mkdocs_peak_mb"] = mk["peak_mb"]
    print(f"mkdocs, our docs         {r['mkdocs']:8.2f} s   {_peaks(mk)}", flush=True)


def _naive(r: dict, work: Path, scale: int, project: Path) -> None:
    naive_root = make_naive_project(project, work / f"x{scale}-naive")
    naive = run([str(Path(PYTHON).with_name("mkdocs")), "build", "-q"], cwd=naive_root)
    r["naive"] = naive["seconds"]
    r["naive_peak_mb"] = naive["peak_mb"]
    print(f"mkdocs, naive baseline   {r['naive']:8.2f} s   {_peaks(naive)}", flush=True)


def _builds(r: dict, project: Path, steps: tuple[str, ...]) -> None:
    # cold: the mkdocs step renders with the project's hooks, which keep bodies and pages in its .cache
    shutil.rmtree(project / ".cache", ignore_errors=True)
    build = run([EDITION, "--root", str(project), "build"])
    r["build"], r["build_peak_mb"], r["build_stages"] = build["seconds"], build["peak_mb"], stages(build["stderr"])
    r["build_tree_mb"] = build["tree_peak_mb"]
    print(f"edition build (cold)     {r['build']:8.2f} s   {_peaks(build)}   {r['build_stages']}",
          flush=True)

    if "rebuild" in steps:
        again = run([EDITION, "--root", str(project), "build"])
        r["rebuild"], r["rebuild_skipped"] = again["seconds"], "skipped" in again["stderr"]
        print(f"edition build, no change {r['rebuild']:8.2f} s   {_peaks(again)}   "
              f"{'skipped' if r['rebuild_skipped'] else 'NOT skipped'}", flush=True)

    if "one" in steps:
        short = shortest_source(project)
        change(short)
        one = run([EDITION, "--root", str(project), "build"])
        r["one"], r["one_stages"], r["one_source"] = one["seconds"], stages(one["stderr"]), short.parent.name
        r["one_share"] = short.stat().st_size / (r["raw_mb"] * 2**20)
        print(f"edition build, 1 changed {r['one']:8.2f} s   {_peaks(one)}   {r['one_stages']} "
              f"({short.parent.name}: {100 * r['one_share']:.2f}% of the raw text)", flush=True)

    r["search"] = search_index(project / "site")
    s = r["search"]
    print(f"search index             {s['json_mb']:8.1f} MB in {s['files']} files, the largest {s['largest_kb']:.0f} KB",
          flush=True)
    site_mb = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file()) / 2**20
    zips = list((project / "dist").glob("*.zip"))
    r["site_mb"], r["zip_mb"] = site_mb, (zips[0].stat().st_size / 2**20 if zips else 0)
    print(f"site {site_mb:.0f} MB, offline bundle {r['zip_mb']:.0f} MB", flush=True)


def report(results: list[dict]) -> None:
    nan = float("nan")
    print("\n== Ratios against the targets")
    print(f"{'scale':>5}  {'whole/naive':>11}  {'own/whole':>9}  {'no-change/full':>14}  "
          f"{'1-src convert/full convert':>26}  {'its share':>9}  {'1-src build/full':>16}")
    for r in results:
        st, one = r.get("build_stages") or {}, r.get("one_stages") or {}
        whole = st.get("total", r.get("build", nan))
        own = whole - st.get("mkdocs build", nan)
        print(f"{r['scale']:>4}x  {whole / r.get('naive', nan):>11.2f}  {own / whole:>9.2f}  "
              f"{r.get('rebuild', nan) / r.get('build', nan):>14.3f}  "
              f"{one.get('convert', nan) / st.get('convert', nan):>26.3f}  {r.get('one_share', nan):>9.4f}  "
              f"{one.get('total', r.get('one', nan)) / whole:>16.2f}")
    print(f"targets: whole/naive <= {TARGETS['whole / naive']}, own/whole <= {TARGETS['own stages / whole']}, "
          f"no-change/full <= {TARGETS['no-change / full']}, one-source convert ~ its share of the text")
    print("\n== Scaling")
    print(f"{'scale':>5} {'raw MB':>7} {'convert s':>9} {'conv. MB':>8} {'mkdocs s':>9} {'naive s':>8} {'build s':>8} "
          f"{'build peak MB':>13} {'(all procs)':>11} {'index MB':>8} {'site MB':>8}")
    for r in results:
        print(f"{r['scale']:>4}x {r['raw_mb']:>7.1f} {r.get('convert', nan):>9.2f} {r.get('convert_peak_mb', nan):>8.0f} "
              f"{r.get('mkdocs', nan):>9.2f} {r.get('naive', nan):>8.2f} {r.get('build', nan):>8.2f} "
              f"{r.get('build_peak_mb', nan):>13.0f} {r.get('build_tree_mb', nan):>11.0f} "
              f"{(r.get('search') or {}).get('json_mb', nan):>8.1f} "
              f"{r.get('site_mb', nan):>8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="1,20,100", help="comma-separated multiples of the five sources")
    parser.add_argument("--work", type=Path, help="folder for the temporary projects (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated steps to run (default: all of {','.join(STEPS)})")
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    args = parser.parse_args()
    scales = [int(s) for s in args.scale.split(",") if s.strip()]
    work = Path(args.work or tempfile.mkdtemp(prefix="edition-scale-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; working in {work}")
    try:
        steps = tuple(s.strip() for s in args.steps.split(",") if s.strip())
        unknown = set(steps) - set(STEPS)
        if unknown:
            parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
        results = [measure(scale, work, steps) for scale in scales]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
