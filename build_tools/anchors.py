"""Citation anchors are a promise: once published, `page.html#p-76` must keep working.

data/anchors-manifest.txt lists every published anchor (`url#anchor`, one a
line, sorted): printed pages (p-76), paragraphs (para-76-1) and notes
(fn:ch07-3). Each build checks that all of them still exist; an anchor that
has gone must be declared in data/anchors-moved.yml (`old url#anchor: new
url#anchor`), and the site then sends readers from the old address to the new
one (a small script, since a fragment never reaches a server).

The MkDocs hook collects the anchors from the rendered pages and calls
`check_manifest`; after a deliberate change, rewrite the manifest with

    python -m build_tools.anchors --update [--site site]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

from build_tools.model import EditionError

MANIFEST = Path("data", "anchors-manifest.txt")
MOVED = Path("data", "anchors-moved.yml")
# The anchors readers cite; headings and back-references are not promised.
CITABLE = re.compile(r"""\bid="((?:p|para)-[^"\s]+|fn:[^"\s]+)\"""")
# A page of the site and an anchor on it: what anchors-moved.yml may name, and all it may name.
SITE_ADDRESS = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._/-]*\.html#[A-Za-z0-9][A-Za-z0-9:._-]*")


def anchors_in(html: str) -> set[str]:
    return set(CITABLE.findall(html))


def published_in(site: Path) -> dict[str, set[str]]:
    """{page url: its citable anchors} for a built site folder."""
    found = {}
    for page in sorted(Path(site).rglob("*.html")):
        ids = anchors_in(page.read_text(encoding="utf-8"))
        if ids:
            found[page.relative_to(site).as_posix()] = ids
    return found


def read_manifest(root: Path) -> list[str]:
    path = Path(root) / MANIFEST
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def read_moved(root: Path) -> dict[str, str]:
    """The declared moves, each `page.html#anchor: page.html#anchor` within the site.

    The redirect script sends readers to the new address, so anything else (a javascript: or
    another site's address, a path out of the site) is refused here, naming its line.
    """
    from build_tools.read import load_yaml

    path = Path(root) / MOVED
    if not path.is_file():
        return {}
    node, moved = load_yaml(path)
    if moved is None:
        return {}
    form = "expected lines of the form `old/page.html#anchor: new/page.html#anchor`"
    if not isinstance(moved, dict) or not isinstance(node, yaml.MappingNode):
        raise EditionError(f"{path}:1: {form}")
    for k, v in node.value:
        for item in (k, v):
            if not isinstance(item, yaml.ScalarNode) or not SITE_ADDRESS.fullmatch(item.value) \
                    or ".." in item.value.split("#")[0].split("/"):
                raise EditionError(f"{path}:{item.start_mark.line + 1}: {item.value!r} is not an address in the "
                                   f"site; {form}")
    return {str(k): str(v) for k, v in moved.items()}


def _exists(target: str, published: dict[str, set[str]]) -> bool:
    url, _, anchor = target.partition("#")
    return anchor in published.get(url, ())


def check_manifest(root: Path, published: dict[str, set[str]]) -> dict[str, str]:
    """Fail unless every anchor of the manifest is still published or declared moved.

    Returns the redirects (old `url#anchor` -> new `url#anchor`) the site must serve.
    """
    moved = read_moved(root)
    missing, bad_moves = [], []
    # A source that is not in this build at all (an edition made from other
    # sources, or one withdrawn on purpose) has no promises to keep here.
    present = {url.split("/")[0] for url in published}
    for entry in read_manifest(root):
        if _exists(entry, published) or entry.split("/")[0] not in present:
            continue
        if entry not in moved:
            missing.append(entry)
        elif not _exists(moved[entry], published):
            bad_moves.append(f"{entry} -> {moved[entry]}")
    problems = []
    if missing:
        problems.append(f"{len(missing)} published anchor(s) no longer exist and are not declared "
                        f"in {MOVED}:\n  " + "\n  ".join(missing))
    if bad_moves:
        problems.append(f"{MOVED} sends anchors to places that do not exist:\n  " + "\n  ".join(bad_moves))
    if problems:
        raise EditionError("\n".join(problems) + f"\nCited links would break. Restore the anchors, declare where "
                           f"they moved in {MOVED}, or (before publication only) rewrite {MANIFEST} "
                           f"with `python -m build_tools.anchors --update`.")
    return {old: new for old, new in moved.items() if not _exists(old, published)}


def unlisted(root: Path, published: dict[str, set[str]]) -> int:
    """How many published anchors the manifest does not promise yet."""
    listed = set(read_manifest(root))
    return sum(f"{url}#{a}" not in listed for url, ids in published.items() for a in ids)


def write_manifest(root: Path, published: dict[str, set[str]]) -> Path:
    """Promise every anchor now published; moves stay declared in anchors-moved.yml."""
    path = Path(root) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = sorted(f"{url}#{a}" for url, ids in published.items() for a in ids)
    header = "# Published citation anchors: url#anchor. Never remove a line; see build_tools/anchors.py.\n"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def redirects_script(redirects: dict[str, str]) -> str:
    """The map edition.js reads to send old anchors to new ones (a script, not
    JSON: fetch() is refused from file://)."""
    data = json.dumps(redirects, ensure_ascii=False, sort_keys=True, indent=0).replace("<", "\\u003c")
    return f"// Generated from {MOVED.as_posix()}: old page#anchor -> new page#anchor.\nvar __edition_moved = {data};\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.anchors", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--site", type=Path, help="built site (default: ROOT/site)")
    parser.add_argument("--update", action="store_true", help="rewrite the manifest from the built site")
    args = parser.parse_args(argv)
    site = args.site or args.root / "site"
    published = published_in(site)
    if not published:
        print(f"no pages with anchors under {site}; build the site first", file=sys.stderr)
        return 1
    if args.update:
        print(write_manifest(args.root, published))
        return 0
    try:
        check_manifest(args.root, published)
    except EditionError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"all {len(read_manifest(args.root))} promised anchors exist; "
          f"{unlisted(args.root, published)} newer ones not yet in {MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
