"""Smoke build with Zensical: python benchmarks/zensical_smoke.py [--version 0.0.73]

Zensical (Material's makers' successor) reads mkdocs.yml but runs no MkDocs
hook. This installs it into a temporary virtual environment, builds the
current docs/ with it, and prints what the built site has and lacks:
build_tools/site_check.py's verdict (citations, redirects, titles, links)
and benchmarks/site_diff.py's comparison of each page's <article> with site/
as `edition build` made it. The README's list of what works comes from here.
Needs `edition build` first (docs/ and site/), and the package registry.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.site_diff import compare  # noqa: E402
from build_tools.model import EditionError  # noqa: E402
from build_tools.site_check import check_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.0.73", help="0.1.x needs zensical-ui, which the registry lacks here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zensical-"))
    try:
        subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
        subprocess.run([str(work / "venv" / "bin" / "pip"), "install", "-q", f"zensical=={args.version}"], check=True)
        project = work / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "overrides", "docs"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
        (project / "build_tools").symlink_to(ROOT / "build_tools")
        subprocess.run([str(work / "venv" / "bin" / "zensical"), "build"], cwd=project, check=True)
        print(f"\nZensical {args.version} built {sum(1 for _ in (project / 'site').rglob('*.html'))} pages")
        try:
            check_site(project, project / "site")
            print("site_check: passed")
        except EditionError as refused:
            print(f"site_check refuses it:\n{refused}")
        print(f"search index: {'present' if (project / 'site' / 'search').is_dir() else 'absent'}"
              " (written by `edition build` after the renderer)")
        compare(ROOT / "site", project / "site", show=2, article=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
