"""The `edition` command: convert sources, build the site, pack the bundle."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path


def convert(root: Path) -> None:
    # Imported here so that the rendering side works on its own.
    from build_tools.model import EditionError
    from build_tools.pipeline import convert_all

    report = convert_all(root, root / "docs")
    for warning in report.warnings:
        print(f"edition: warning: {warning}", file=sys.stderr)
    print(f"{'source':<36} {'words':>7} {'removed':>8} {'emended':>8} {'unaccounted':>12}", file=sys.stderr)
    for a in report.audits:
        removed = sum(a["removed_words"].values())
        print(f"{a['source']:<36} {a['raw_words']:>7} {removed:>8} {a['emendations']:>8} {a['unaccounted'] + a['invented']:>12}",
              file=sys.stderr)
    lost = [a["source"] for a in report.audits if a["unaccounted"] or a["invented"]]
    if lost:
        raise EditionError(f"conservation audit failed for {', '.join(lost)}: see docs/data/audit.json")


def build(root: Path) -> None:
    from build_tools import site

    timings = []
    for stage, run in (
        ("convert", lambda: convert(root)),
        ("mkdocs build", lambda: site.build_site(root)),
        ("offline bundle", lambda: site.make_offline_bundle(root)),
    ):
        start = time.perf_counter()
        result = run()
        timings.append((stage, time.perf_counter() - start))
        print(f"{stage:<15} {timings[-1][1]:7.2f} s", file=sys.stderr)
    print(f"{'total':<15} {sum(t for _, t in timings):7.2f} s", file=sys.stderr)
    print(result)


def serve(root: Path) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    convert(root)
    # Rebuilds when docs/ changes; rerun `edition convert` after editing sources.
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True)


COMMANDS = {
    "build": (build, "convert sources, build site/ and dist/<name>-offline.zip"),
    "serve": (serve, "convert sources, then preview the site with live reload"),
    "convert": (convert, "only convert sources into docs/"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder (default: current directory)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' info messages")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        commands.add_parser(name, help=help_text)
    args = parser.parse_args(argv)

    logging.basicConfig(format="%(levelname)-7s -  %(message)s",
                        level=logging.INFO if args.verbose or args.command == "serve"
                        else logging.WARNING)
    root = args.root.resolve()
    try:
        COMMANDS[args.command][0](root)
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        print(f"edition: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def _is_user_error(exc: Exception) -> bool:
    """Errors whose message is the whole story: no traceback wanted."""
    from mkdocs.exceptions import MkDocsException

    if isinstance(exc, MkDocsException):  # e.g. strict mode aborting on warnings
        return True
    try:
        from build_tools.model import EditionError
    except ImportError:
        return False
    return isinstance(exc, EditionError)


if __name__ == "__main__":
    sys.exit(main())
