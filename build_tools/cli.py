"""The `edition` command: convert sources, build the site, pack the bundle."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import defaultdict
from pathlib import Path

# Builds are staged here and swapped in whole; a failed conversion's docs are kept for inspection.
STAGE = Path(".cache", "edition", "stage")
FAILED = Path(".cache", "edition", "failed")
CONVERSIONS = Path(".cache", "edition", "sources")  # the pipeline's per-source conversion cache
MAX_WARNINGS_PER_FILE = 10


def convert(root: Path) -> None:
    """Convert into a staging folder; docs/ is replaced only when conversion and audit succeed."""
    from build_tools.cache import remove, swap_in

    stage = _fresh(root / STAGE)
    try:
        _convert(root, stage / "docs")
        swap_in([(stage / "docs", root / "docs")], stage / "old")
    finally:
        remove(stage)


def _convert(root: Path, docs: Path):
    # Imported here so that the rendering side works on its own.
    from build_tools.cache import remove
    from build_tools.model import EditionError
    from build_tools.pipeline import convert_all

    report = convert_all(root, docs, cache=root / CONVERSIONS)
    _print_warnings(report)
    print(f"{'source':<36} {'words':>7} {'removed':>8} {'emended':>8} {'unaccounted':>12}", file=sys.stderr)
    for a in report.audits:
        removed = sum(a["removed_words"].values())
        print(f"{a['source']:<36} {a['raw_words']:>7} {removed:>8} {a['emendations']:>8} {a['unaccounted'] + a['invented']:>12}",
              file=sys.stderr)
    lost = [a["source"] for a in report.audits if a["unaccounted"] or a["invented"]]
    if lost:
        kept = root / FAILED / "docs"
        remove(kept)
        kept.parent.mkdir(parents=True, exist_ok=True)
        docs.rename(kept)
        raise EditionError(f"conservation audit failed for {', '.join(lost)}: see {kept / 'data' / 'audit.json'} "
                           "(docs/ was left as it was)")
    return report


def _print_warnings(report) -> None:
    """Each warning once, at most MAX_WARNINGS_PER_FILE per file; note problems as one count per source."""
    by_file: dict[str, list[str]] = defaultdict(list)
    for warning in report.warnings:
        by_file[warning.split(":", 1)[0]].append(warning)
    for file, warnings in by_file.items():
        for warning in warnings[:MAX_WARNINGS_PER_FILE]:
            print(f"edition: warning: {_one_line(warning)}", file=sys.stderr)
        if len(warnings) > MAX_WARNINGS_PER_FILE:
            print(f"edition: warning: {file}: {len(warnings) - MAX_WARNINGS_PER_FILE} more warnings like these",
                  file=sys.stderr)
    for line in report.problems:
        print(f"edition: warning: {line}", file=sys.stderr)


def build(root: Path, force: bool = False) -> None:
    """Convert, render and pack into a staging folder; swap docs/, site/ and the bundle in only on success.

    Skipped when nothing the build reads has changed since the last build (see build_tools/cache.py).
    """
    from build_tools import cache

    start = time.perf_counter()
    options = {"strict": True}
    digest = cache.input_digest(root, options)
    stamp = None if force else cache.up_to_date(root, digest)
    if stamp:
        print(f"edition: nothing changed since the last build (inputs {digest[:12]}): skipped "
              f"in {time.perf_counter() - start:.2f} s; `edition build --force` rebuilds", file=sys.stderr)
        print(root / stamp["required"][0])
        return

    from build_tools import site

    stage = _fresh(root / STAGE)
    try:
        timings = [("inputs hash", time.perf_counter() - start)]
        bundle: list[Path] = []
        for stage_name, run in (
            ("convert", lambda: _convert(root, stage / "docs")),
            ("mkdocs build", lambda: site.build_site(root, docs_dir=stage / "docs", site_dir=stage / "site",
                                                     strict=options["strict"])),
            ("offline bundle", lambda: bundle.append(site.make_offline_bundle(root, site_dir=stage / "site",
                                                                             dist_dir=stage / "dist"))),
        ):
            mark = time.perf_counter()
            run()
            timings.append((stage_name, time.perf_counter() - mark))
            print(f"{stage_name:<15} {timings[-1][1]:7.2f} s", file=sys.stderr)
        target = root / "dist" / bundle[0].name
        cache.swap_in([(stage / "docs", root / "docs"), (stage / "site", root / "site"), (bundle[0], target)],
                      stage / "old")
        cache.record(root, digest, required=[target.relative_to(root).as_posix()])
    finally:
        cache.remove(stage)
    print(f"{'total':<15} {time.perf_counter() - start:7.2f} s", file=sys.stderr)
    print(target)


def _fresh(folder: Path) -> Path:
    from build_tools.cache import remove

    remove(folder)
    folder.mkdir(parents=True)
    return folder


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


def serve(root: Path) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    convert(root)
    # Rebuilds when docs/ changes; rerun `edition convert` after editing sources.
    mkdocs_serve(config_file=str(root / "mkdocs.yml"), livereload=True)


def search(root: Path, query: list[str]) -> None:
    """The site's own search from the command line (build_tools/search.py)."""
    from build_tools.search import command

    command(root, query)


def persons(root: Path, candidates: bool = False) -> None:
    """With --candidates: name-like strings in the sources that the registers do not know."""
    from build_tools.enrich.candidates import candidates as find
    from build_tools.enrich.registers import load_glossary, load_persons
    from build_tools.model import EditionError
    from build_tools.pipeline import convert_source
    from build_tools.read import read_sources

    if not candidates:
        raise EditionError("edition persons: say what to list (--candidates)")
    editions = [convert_source(s) for s in read_sources(root)]
    data = root / "data"
    for name, count, slug in find(editions, load_persons(data / "persons.yml"), load_glossary(data / "glossary.yml")):
        print(f"{count:5d}  {name}  ({slug})")


def add(root: Path, path: Path, slug: str, title: str | None = None, author: list[str] | None = None,
        year: int | None = None, kind: str | None = None) -> None:
    """A new source: its file copied, its layout inferred from the text, then built on its own."""
    from build_tools.onboard.add import add_source

    add_source(root, path, slug, title=title, authors=author, year=year, kind=kind)


COMMANDS = {
    "build": (build, "convert sources, build site/ and dist/<name>-offline.zip"),
    "serve": (serve, "convert sources, then preview the site with live reload"),
    "convert": (convert, "only convert sources into docs/"),
    "search": (search, "search the built site/ as its search box does: edition search QUERY"),
    "persons": (persons, "edition persons --candidates: names the person register does not know yet"),
    "add": (add, "add a source: edition add PATH --slug SLUG [--title T --author 'Family, Given' --year Y --kind K]"),
}


# Per-command arguments: (name, argparse keywords); each reaches the command as a keyword argument
# named after its dest.
OPTIONS: dict[str, list[tuple[str, dict]]] = {
    "build": [("--force", {"action": "store_true", "help": "rebuild even if nothing changed since the last build"})],
    "search": [("query", {"nargs": "+", "help": "words to look for, as typed in the site's search box"})],
    "persons": [("--candidates", {"action": "store_true", "help": "list name-like strings missing from the register"})],
    "add": [("path", {"type": Path, "help": "the text file to add (copied unchanged to sources/SLUG/raw.txt)"}),
            ("--slug", {"required": True, "help": "the source's folder and URL name: lower-case letters, digits, hyphens"}),
            ("--title", {"help": "the title (default: the text's first line)"}),
            ("--author", {"action": "append", "help": "an author as 'Family, Given' (repeat for several)"}),
            ("--year", {"type": int, "help": "year of publication"}),
            ("--kind", {"choices": ["book", "chapter", "article", "essay"], "help": "what the source is"})],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edition", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder (default: current directory)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' info messages")
    commands = parser.add_subparsers(dest="command", required=True)
    dests: dict[str, list[str]] = {}
    for name, (_, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text)
        dests[name] = [sub.add_argument(arg, **kw).dest for arg, kw in OPTIONS.get(name, ())]
    args = parser.parse_args(argv)

    logging.basicConfig(format="%(levelname)-7s -  %(message)s",
                        level=logging.INFO if args.verbose or args.command == "serve"
                        else logging.WARNING)
    root = args.root.resolve()
    options = {dest: getattr(args, dest) for dest in dests[args.command]}
    try:
        COMMANDS[args.command][0](root, **options)
    except Exception as exc:
        if not _is_user_error(exc):
            raise
        print(f"edition: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def _is_user_error(exc: Exception) -> bool:
    """Errors whose message is the whole story: no traceback wanted."""
    from mkdocs.exceptions import MkDocsException

    if isinstance(exc, MkDocsException):  # e.g. strict mode aborting on warnings
        return True
    from build_tools.model import EditionError

    return isinstance(exc, EditionError)


if __name__ == "__main__":
    sys.exit(main())
