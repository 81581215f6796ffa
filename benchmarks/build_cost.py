"""Build cost against a naive build, paired: python benchmarks/build_cost.py [--rounds N] [--scale K]

Issue #17's measure. Each round runs, one after the other on the same machine,
and takes the CPU time (user + system, of the process and its children):

  naive      `mkdocs build` of the same raw texts as bare paragraphs (a page a
             source, blank-line blocks as paragraphs), Material with only its
             search plugin and no hooks;
  cold       `edition build --force` with no .cache (nothing kept: every source
             converted, every page rendered);
  render     `edition build --force` with the sources' conversions kept and every
             rendering cache gone (page bodies, pages, templates, search, checks):
             every page rendered again, as the issue's 4.0x forced build did;
  full       `edition build --force` with the caches of the build before
             (what a forced build costs once anything has been built);
  one        `edition build` after one sentence is added to the shortest source;
  floor      `mkdocs build` of one page of one line, as naive is configured: what
             any build through MkDocs + Material costs, whatever it renders.

and prints each round and the median ratios: cold/naive, render/naive,
full/naive, one/full, one/render and one/cold. Last it prints what the two
targets leave a one-source rebuild if "whole" and "full" build are one build
(0.2 x 1.5 x naive) beside the floor: when the floor is larger, no build that
runs MkDocs + Material meets both at this scale. Rounds interleave the steps,
so a busy machine slows both sides of a ratio alike. Works in a temporary
folder (benchmarks/scale.py makes the project: K copies of the five sources).
"""
from __future__ import annotations

import argparse
import html
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402  (the project maker and the one-sentence change)
from build_tools.cli import CONVERSIONS  # noqa: E402  (the sources' conversions, in .cache/edition)

EDITION = str(Path(sys.executable).with_name("edition"))
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


# As on a reader's machine, Python keeps the modules it compiled: a sandbox that sets
# PYTHONDONTWRITEBYTECODE would compile every changed module of ours again in every build.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu(cmd: list[str], cwd: Path | None = None) -> float:
    """CPU seconds (user + system) a command and its children used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def naive_project(project: Path, folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    index = ["# Naive baseline", ""]
    for source in sorted((project / "sources").iterdir()):
        meta = yaml.safe_load((source / "source.yml").read_text(encoding="utf-8"))
        raw = (source / (meta.get("text") or "raw.txt")).read_text(encoding="utf-8")
        paragraphs = [html.escape(" ".join(p.split()), quote=False) for p in raw.split("\n\n") if p.strip()]
        title = html.escape(meta["bibliography"]["title"], quote=False)
        (docs / f"{source.name}.md").write_text(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        index.append(f"- [{title}]({source.name}.md)")
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(material_config("Naive"), encoding="utf-8")
    return folder


def material_config(site_name: str) -> str:
    """Material with only its search plugin, no hooks: the naive build's configuration."""
    return f"site_name: {site_name}\ntheme:\n  name: material\nplugins:\n  - search\n"


def floor_project(folder: Path) -> Path:
    """The naive build's configuration over one page of one line."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Floor\n\nOne line.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(material_config("Floor"), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="build-cost-"))
    try:
        project = scale.make_project(work / "project", args.scale)
        naive = naive_project(project, work / "naive")
        floor = floor_project(work / "floor")
        env_root = ["--root", str(project)]
        cpu([EDITION, *env_root, "build", "--force"])  # warm the disk, the imports and the caches
        rows = []
        for n in range(args.rounds):
            r = {"naive": cpu([MKDOCS, "build", "-q"], cwd=naive)}
            shutil.rmtree(project / ".cache", ignore_errors=True)
            r["cold"] = cpu([EDITION, *env_root, "build", "--force"])
            for kept in sorted((project / ".cache" / "edition").iterdir()):
                if kept.name != CONVERSIONS.name:
                    shutil.rmtree(kept) if kept.is_dir() else kept.unlink()
            r["render"] = cpu([EDITION, *env_root, "build", "--force"])
            r["full"] = cpu([EDITION, *env_root, "build", "--force"])
            scale.change(scale.shortest_source(project))
            r["one"] = cpu([EDITION, *env_root, "build"])
            r["floor"] = cpu([MKDOCS, "build", "-q"], cwd=floor)
            rows.append(r)
            print(f"round {n + 1}: " + "  ".join(f"{k} {v:6.2f} s" for k, v in r.items()), flush=True)
        ratio = {name: statistics.median(a / b for a, b in ((r[x], r[y]) for r in rows))
                 for name, (x, y) in {"cold / naive": ("cold", "naive"), "render / naive": ("render", "naive"),
                                      "full / naive": ("full", "naive"), "one / full": ("one", "full"),
                                      "one / render": ("one", "render"), "one / cold": ("one", "cold")}.items()}
        print(f"\n{args.scale}x, {os.cpu_count()} cores, median of {args.rounds} paired rounds (CPU time):")
        for name, value in ratio.items():
            print(f"  {name:<13} {value:5.2f}")
        print("targets (issue #17): whole build <= 1.5x naive; one-source rebuild <= 0.2x a full build")
        naive_s, floor_s = (statistics.median(r[k] for r in rows) for k in ("naive", "floor"))
        print(f"both, with one build as whole and full: a one-source rebuild <= 0.2 x 1.5 x naive = "
              f"{0.3 * naive_s:.2f} s; MkDocs + Material building one page (floor): {floor_s:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
