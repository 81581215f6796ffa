"""The `edition` command: convert sources, build the site, pack the bundle."""

from __future__ import annotations

import argparse
import contextlib
import errno
import fcntl
import logging
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

# Builds are staged here and swapped in whole; a failed conversion's docs are kept for inspection.
STAGE = Path(".cache", "edition", "stage")
FAILED = Path(".cache", "edition", "failed")
LOCK = Path(".cache", "edition", "build.lock")  # held by the one build or convert at work in a project
CONVERSIONS = Path(".cache", "edition", "sources")  # the pipeline's per-source conversion cache
MAX_WARNINGS_PER_FILE = 10
# What to do when the machine refuses a read or a write (the message names the file).
IO_HINTS = {
    errno.EFBIG: "a file-size limit (ulimit -f) stopped the write; raise it and build again",
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is used up; free some space and build again",
    errno.EACCES: "permission denied; make it writable for this user",
    errno.EPERM: "not permitted (an immutable file or folder? see lsattr); make it writable",
    errno.EROFS: "the file system is read-only; build in a writable folder",
    errno.ENOTDIR: "a file stands where the build needs a folder; remove or rename it",
    errno.EEXIST: "a file stands where the build needs a folder; remove or rename it",
    errno.EISDIR: "a folder stands where the build writes a file; remove or rename it",
    errno.ELOOP: "a symbolic link leads back to itself; remove it",
}


def convert(root: Path) -> None:
    """Convert into a staging folder; docs/ is replaced only when conversion and audit succeed."""
    with one_build_at_a_time(root):
        _convert_only(root)


def _convert_only(root: Path) -> None:
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

    report = convert_all(root, docs, cache=root / CONVERSIONS, previous=root / "docs")
    _print_warnings(report)
    print(f"{'source':<36} {'words':>7} {'removed':>8} {'emended':>8} {'unaccounted':>12}", file=sys.stderr)
    for a in report.audits:
        removed = sum(a["removed_words"].values())
        print(f"{a['source']:<36} {a['raw_words']:>7} {removed:>8} {a['emendations']:>8} {a['unaccounted'] + a['invented']:>12}",
              file=sys.stderr)
    _print_check_summaries(report.findings)
    lost = [a["source"] for a in report.audits if a["unaccounted"] or a["invented"]]
    if lost:
        kept = root / FAILED / "docs"
        remove(kept)
        kept.parent.mkdir(parents=True, exist_ok=True)
        docs.rename(kept)
        raise EditionError(f"conservation audit failed for {', '.join(lost)}: see {kept / 'data' / 'audit.json'} "
                           "(docs/ was left as it was)")
    return report


def _print_check_summaries(findings: dict) -> None:
    """The self-check, one line per source; `edition check` prints the details."""
    from build_tools.check import summary

    for slug, found in findings.items():
        print(f"check: {summary(slug, found)}", file=sys.stderr)


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
    with one_build_at_a_time(root):
        _build(root, force)


@contextlib.contextmanager
def one_build_at_a_time(root: Path):
    """Hold the project's build lock, or fail at once with one line.

    Two builds in one folder share .cache/edition/stage and swap docs/, site/ and dist/ in
    under each other. The second one stops instead of waiting: a wait can outlast a build
    that hangs, and the inputs may have changed by the time the first has finished; run it
    again then (it is skipped if nothing changed).
    """
    from build_tools.model import EditionError

    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = " ".join(lock.read().split()) or "another process"
            raise EditionError(f"{path}: another edition build or convert is running in {root} ({holder}); "
                               "wait for it to finish, then run this again") from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}\n")
        lock.flush()
        try:
            yield
        finally:
            lock.seek(0)
            lock.truncate()  # the lock itself goes with the process, whatever happens to it


def _build(root: Path, force: bool) -> None:
    from build_tools import cache
    from build_tools.model import EditionError
    from build_tools.read import read_settings

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

    target = root / "dist" / site.bundle_filename(read_settings(root).bundle_name)
    if target.is_dir() and not target.is_symlink():
        raise EditionError(f"{target}: a folder stands where the offline bundle goes and would be replaced; "
                           "move it out of dist/")
    stage = _fresh(root / STAGE)
    try:
        timings = [("inputs hash", time.perf_counter() - start)]
        bundle: list[Path] = []
        for stage_name, run in (
            ("convert", lambda: _convert(root, stage / "docs")),
            ("mkdocs build", lambda: site.build_site(root, docs_dir=stage / "docs", site_dir=stage / "site",
                                                     strict=options["strict"], previous=root / "site")),
            ("offline bundle", lambda: bundle.append(site.make_offline_bundle(root, site_dir=stage / "site",
                                                                             dist_dir=stage / "dist", previous=target))),
        ):
            mark = time.perf_counter()
            with _writing(stage / {"convert": "docs", "mkdocs build": "site"}.get(stage_name, "dist")):
                run()
            timings.append((stage_name, time.perf_counter() - mark))
            print(f"{stage_name:<15} {timings[-1][1]:7.2f} s", file=sys.stderr)
        cache.swap_in([(stage / "docs", root / "docs"), (stage / "site", root / "site"), (bundle[0], target)],
                      stage / "old")
        cache.record(root, digest, required=[target.relative_to(root).as_posix()])
    finally:
        cache.remove(stage)
    print(f"{'total':<15} {time.perf_counter() - start:7.2f} s", file=sys.stderr)
    print(target)


@contextlib.contextmanager
def _writing(folder: Path):
    """An error of the machine that names no file (a write(2) past a size limit) names what was being written."""
    try:
        yield
    except OSError as err:
        if not err.filename:
            err.filename = str(folder)
        raise


def io_problem(exc: OSError) -> str:
    """One line for a read or write the machine refused: the file at fault, what happened, what to do."""
    if exc.errno is None:
        return str(exc)
    path = exc.filename2 if exc.filename2 and exc.errno in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT) else exc.filename
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and path:
        path = _file_in_the_way(Path(path))
    hint = IO_HINTS.get(exc.errno, "check the file and the disk, then build again")
    return f"{path or '(no file named)'}: {exc.strerror or exc}; {hint}"


def _file_in_the_way(path: Path) -> Path:
    """The first part of path that exists and is not a folder (.cache, where .cache/edition/ must go)."""
    for part in reversed([path, *path.parents]):
        if part.exists() and not part.is_dir():
            return part
    return path


def _fresh(folder: Path) -> Path:
    from build_tools.cache import remove

    remove(folder)
    folder.mkdir(parents=True)
    return folder


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


def serve(root: Path, port: int = 8000) -> None:
    """Build as `edition build` does, serve site/, rebuild and reload on every edit (build_tools/serve.py)."""
    from build_tools.serve import serve as serve_edition

    serve_edition(root, port)


def search(root: Path, query: list[str], limit: int = 10, as_json: bool = False) -> None:
    """The site's own search from the command line, over the site's index (build_tools/search_index.py)."""
    from build_tools.search_index import command

    command(root, query, limit=limit, as_json=as_json)


def check(root: Path, slugs: list[str] | None = None, strict: bool = False, as_json: bool = False) -> None:
    """The self-check's findings for each source (all, or those named), from a fresh conversion (cached)."""
    from build_tools.check import defects
    from build_tools.check.report import details, as_records
    from build_tools.model import EditionError
    from build_tools.pipeline import check_sources

    found = check_sources(root, slugs or [], cache=root / CONVERSIONS)
    print(as_records(found) if as_json else details(found), end="")
    left = {slug: len(defects(f)) for slug, f in found.items() if defects(f)}
    if strict and left:
        raise EditionError("check --strict: " + ", ".join(f"{slug}: {n} to fix" for slug, n in left.items())
                           + " (items marked for review aside)")


def review(root: Path, slugs: list[str] | None = None, as_json: bool = False) -> None:
    """What waits for an editor in each source (all, or those named), with the corrections.yml lines to paste."""
    from build_tools.corrections.review import review as items

    print(items(root, slugs or [], as_json), end="")


def corrections_reference(root: Path, schema: bool = False) -> None:
    """The reference of corrections.yml (CORRECTIONS.md), or its JSON Schema."""
    import json

    from build_tools.corrections import schema as corrections_schema

    print(json.dumps(corrections_schema.schema(), ensure_ascii=False, indent=1) if schema
          else corrections_schema.reference(), end="\n" if schema else "")


def persons(root: Path, candidates: bool = False) -> None:
    """With --candidates: name-like strings in the sources that the registers do not know."""
    from build_tools.enrich.candidates import candidates as find
    from build_tools.enrich.specs import SPECS
    from build_tools.model import EditionError
    from build_tools.pipeline import convert_source
    from build_tools.read import read_sources

    if not candidates:
        raise EditionError("edition persons: say what to list (--candidates)")
    editions = [convert_source(s) for s in read_sources(root)]
    data = root / "data"
    for c in find(editions, [e for spec in SPECS for e in spec.load(data)]):
        evidence = ", ".join(sorted(c.evidence)) or "no evidence but the capitals"
        print(f"{c.count:5d}  {c.name}  [{evidence}]  first at {c.where}")


def profile_reference(root: Path, schema: bool = False) -> None:
    """The layout profile's reference (PROFILE.md), or its JSON Schema."""
    import json

    from build_tools import profile

    print(json.dumps(profile.schema(), ensure_ascii=False, indent=1) if schema else profile.reference(), end="\n" if schema else "")


def add(root: Path, path: Path, slug: str, title: str | None = None, author: list[str] | None = None,
        year: int | None = None, kind: str | None = None) -> None:
    """A new source: its file copied, its layout inferred from the text, then built on its own."""
    from build_tools.onboard.add import add_source

    add_source(root, path, slug, title=title, authors=author, year=year, kind=kind)


COMMANDS = {
    "build": (build, "convert sources, build site/ and dist/<name>-offline.zip"),
    "serve": (serve, "build as edition build does, serve the site, rebuild and reload when sources, "
                     "registers, profiles, overrides or mkdocs.yml change"),
    "convert": (convert, "only convert sources into docs/"),
    "search": (search, "search the built site/ as its search box does: edition search QUERY"),
    "check": (check, "the self-check: what an editor should look at in each converted source"),
    "review": (review, "what waits for an editor in each source, with the corrections.yml line that settles it"),
    "persons": (persons, "edition persons --candidates: names the person register does not know yet"),
    "profile": (profile_reference, "print the layout profile's reference (PROFILE.md), or with --schema its JSON Schema"),
    "corrections": (corrections_reference, "print the reference of sources/<slug>/corrections.yml (CORRECTIONS.md), "
                                           "or with --schema its JSON Schema"),
    "add": (add, "add a source: edition add PATH --slug SLUG [--title T --author 'Family, Given' --year Y --kind K]"),
}


# Per-command arguments: (name, argparse keywords); each reaches the command as a keyword argument
# named after its dest.
OPTIONS: dict[str, list[tuple[str, dict]]] = {
    "serve": [("--port", {"type": int, "default": 8000, "help": "the port to serve on (default: 8000)"})],
    "build": [("--force", {"action": "store_true", "help": "rebuild even if nothing changed since the last build"})],
    "search": [("query", {"nargs": "+", "help": "words to look for, as typed in the site's search box"}),
               ("--limit", {"type": int, "default": 10, "metavar": "N", "help": "pages to show (default: 10)"}),
               ("--json", {"action": "store_true", "dest": "as_json",
                           "help": "print the results as JSON: pages, each with its hits' location, printed page, "
                                   "text and snippet"})],
    "persons": [("--candidates", {"action": "store_true", "help": "list name-like strings missing from the register"})],
    "profile": [("--schema", {"action": "store_true", "help": "print the JSON Schema instead"})],
    "check": [("slugs", {"nargs": "*", "metavar": "SLUG", "help": "sources to check (default: all)"}),
              ("--strict", {"action": "store_true", "help": "exit non-zero when anything but review items is found"}),
              ("--json", {"action": "store_true", "dest": "as_json", "help": "print the findings as JSON records"})],
    "review": [("slugs", {"nargs": "*", "metavar": "SLUG", "help": "sources to review (default: all)"}),
               ("--json", {"action": "store_true", "dest": "as_json", "help": "print the items as JSON records"})],
    "corrections": [("--schema", {"action": "store_true", "help": "print the JSON Schema instead"})],
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
    except OSError as exc:
        print(f"edition: error: {_one_line(io_problem(exc))}", file=sys.stderr)
        return 1
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
