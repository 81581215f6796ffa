"""Growth for a doubling of each input dimension: python benchmarks/doubling.py

A linear stage doubles its work when its input doubles (a factor near 2);
one that rescans what it has already seen shows a factor near 4. Measured
side by side in one run, CPU time (least of three), for:

  source length     Bazhanov's raw text, once and twice in one source
                    (the second copy's page labels offset so they stay distinct)
  sources           the conversion of all five sources, and of ten
                    (each source twice, with its own slug)
  register size     enriching the five converted sources with the
                    registers, and with every register twice as long (each
                    entry doubled under a made-up name that occurs nowhere)

and, for the stages after the conversion, the converted edition of the five
sources against that of ten (benchmarks/scale.py's projects at 1x and 2x),
each stage with nothing kept from an earlier build:

  rendering         build_site: MkDocs and our page bodies, the search index,
                    the site check
  search index      search_index.write_index alone
  offline bundle    make_offline_bundle (the site zipped)

Paragraph length has its own benchmark (benchmarks/growth.py); the whole
build at 1x, 20x and 100x the corpus is benchmarks/scale.py. Target of
issue #17: no factor above about 2.2.
"""
from __future__ import annotations

import copy
import dataclasses
import gc
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale  # noqa: E402  (the projects at 1x and 2x)
from build_tools import search_index, site  # noqa: E402

from build_tools import pipeline  # noqa: E402
from build_tools.enrich import Enrichment  # noqa: E402
from build_tools.enrich.specs import SPECS  # noqa: E402
from build_tools.read import read_sources  # noqa: E402


def least(runs: int, work, prepare=lambda: None) -> float:
    """The least CPU time of `work(prepared)` over runs; what `prepare` makes is not timed."""
    times = []
    for _ in range(runs):
        made = prepare()
        gc.collect()  # not the garbage of what was prepared, or of the run before
        start = time.process_time()
        work(made)
        times.append(time.process_time() - start)
    return min(times)


def doubled_text(text: str) -> str:
    """The text and a copy whose printed page numbers go on after the first's."""
    offset = 1000
    return text + "\n\n" + re.sub(r"(?m)^(Page )(\d+)$", lambda m: f"{m.group(1)}{int(m.group(2)) + offset}", text)


def source_length() -> tuple[float, float]:
    source = next(s for s in read_sources(ROOT) if s.slug.startswith("bazhanov"))
    source = dataclasses.replace(source, promises=None, corrections=None)
    twice = dataclasses.replace(source, text=doubled_text(source.text))
    return (least(3, pipeline.convert_source, lambda: copy.deepcopy(source)),
            least(3, pipeline.convert_source, lambda: copy.deepcopy(twice)))


def sources() -> tuple[float, float]:
    five = [dataclasses.replace(s, promises=None, corrections=None) for s in read_sources(ROOT)]
    ten = five + [dataclasses.replace(s, slug=s.slug + "-copy") for s in five]
    convert_all = lambda group: [pipeline.convert_source(s) for s in group]  # noqa: E731
    return (least(5, convert_all, lambda: copy.deepcopy(five)), least(5, convert_all, lambda: copy.deepcopy(ten)))


def doubled_register(entries: list) -> list:
    """Each entry again under a made-up name (so the finders have twice the forms, none of them found)."""
    more = []
    for n, e in enumerate(entries):
        twin = copy.deepcopy(e)
        made_up = f"Zzq{n:04d}x"
        for name in ("id",):
            setattr(twin, name, f"{getattr(e, name)}-{made_up.lower()}")
        fields = {f.name for f in dataclasses.fields(twin)}
        for field_name in ("name", "term", "sort"):
            if field_name in fields and isinstance(getattr(twin, field_name), str):
                setattr(twin, field_name, made_up)
        if hasattr(twin, "index"):
            twin.index = []  # the printed index's headings stay the original's
        if hasattr(twin, "variants"):
            twin.variants = [f"{made_up} {k}" for k in range(len(e.variants or []))]
        more.append(twin)
    return entries + more


def register_size() -> tuple[float, float]:
    editions = [pipeline.convert_source(dataclasses.replace(s, promises=None, corrections=None))
                for s in read_sources(ROOT)]
    entries = {s.name: s.load(ROOT / "data") for s in SPECS}
    once = Enrichment(entries)
    twice = Enrichment({name: doubled_register(list(found)) for name, found in entries.items()})
    return (least(3, lambda eds: [once.apply(e) for e in eds], lambda: copy.deepcopy(editions)),
            least(3, lambda eds: [twice.apply(e) for e in eds], lambda: copy.deepcopy(editions)))


class Converted:
    """The five sources and ten, converted once (not timed), for the stages after the conversion."""

    def __init__(self):
        self.work = Path(tempfile.mkdtemp(prefix="doubling-"))
        self.projects = [scale.make_project(self.work / f"{k}x", k) for k in (1, 2)]
        for project in self.projects:
            subprocess.run([str(Path(sys.executable).with_name("edition")), "--root", str(project), "convert"],
                           check=True, capture_output=True)

    def pair(self, stage) -> tuple[float, float]:
        return tuple(least(3, lambda p: stage(p), lambda p=p: self.fresh(p)) for p in self.projects)

    @staticmethod
    def fresh(project: Path) -> Path:
        """Nothing kept from the run before: no cache, no site, no bundle."""
        for name in (".cache", "site", "dist", "index-only"):
            shutil.rmtree(project / name, ignore_errors=True)
        return project


def rendering(converted: Converted) -> tuple[float, float]:
    return converted.pair(lambda p: site.build_site(p))


def index(converted: Converted) -> tuple[float, float]:
    return converted.pair(lambda p: search_index.write_index(p / "docs", p / "index-only"))


def bundle(converted: Converted) -> tuple[float, float]:
    for project in converted.projects:  # a site to zip, built once
        site.build_site(project, site_dir=project / "zipped-site")
    return converted.pair(lambda p: site.make_offline_bundle(p, site_dir=p / "zipped-site"))


def main() -> None:
    print(f"{'dimension':<16} {'1x (s)':>8} {'2x (s)':>8} {'factor':>7}")
    worst = 0.0
    converted = Converted()
    stages = (("source length", source_length), ("sources", sources), ("register size", register_size),
              ("rendering", lambda: rendering(converted)), ("search index", lambda: index(converted)),
              ("offline bundle", lambda: bundle(converted)))
    try:
        measured = [(name, *measure()) for name, measure in stages]
    finally:
        shutil.rmtree(converted.work, ignore_errors=True)
    for name, a, b in measured:
        factor = b / a if a else float("nan")
        worst = max(worst, factor)
        print(f"{name:<16} {a:8.2f} {b:8.2f} {factor:7.2f}")
    print(f"largest factor {worst:.2f} (target: about 2.2 or less)")


if __name__ == "__main__":
    main()
