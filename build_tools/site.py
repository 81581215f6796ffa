"""Render the generated Markdown with MkDocs and pack the offline bundle.

One MkDocs build serves both purposes: with `use_directory_urls: false` and
Material's offline plugin the same files work on a web server and from
file://, so the bundle is simply site/ zipped.

Nothing is half-written: MkDocs builds into a sibling folder that replaces
the site folder only when the build succeeded, the bundle is written to a
.partial file first, and `swap_in` puts a whole staged build in place.

Source text is data, also where MkDocs and Material treat it as HTML: the
converter escapes the few titles it writes into docs/.nav.yml (groups of
sources; a page's title is its own escaped heading), and the hooks make
Jinja's `striptags` escape what it unescapes (build_tools/mkdocs_hooks.py).
"""

from __future__ import annotations

import contextlib
import os
import time
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from . import search_index
from .cache import ZIP_EPOCH, remove as _remove, source_date_epoch, swap_in
from .read import read_settings
from .site_check import check_site

# Each page's search entries and terms, for the next build (build_tools/search_index.py).
SEARCH_CACHE = Path(".cache", "edition", "search")
# What the site check read of each page (build_tools/site_check.py).
CHECK_CACHE = Path(".cache", "edition", "checks")
# Deflate level 1: a quarter of level 6's time for a bundle a fifth larger (3.3 MB, not 2.7 MB).
BUNDLE_COMPRESSION = 1


def build_site(
    root: Path,
    *,
    docs_dir: Path | None = None,
    site_dir: Path | None = None,
    strict: bool = True,
    previous: Path | None = None,
) -> Path:
    """Build root/mkdocs.yml into root/site (or site_dir) and return that folder.

    MkDocs writes into a sibling folder `<site>.partial`, which replaces the
    site folder only once the build has succeeded: a failed build leaves the
    previous site exactly as it was. previous: the site published before
    (by default the one being replaced), whose unchanged files are reused.
    """
    root = Path(root).resolve()
    site = Path(site_dir or root / "site").resolve()
    previous = Path(previous).resolve() if previous else site
    partial = site.with_name(site.name + ".partial")
    _remove(partial)
    overrides: dict = {"site_dir": str(partial), "strict": strict}
    if docs_dir is not None:
        overrides["docs_dir"] = str(Path(docs_dir).resolve())
    try:
        with _source_date_epoch(root):
            config = load_config(str(root / "mkdocs.yml"), **overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        # After MkDocs, from docs/ (not from its HTML): no renderer's hook is needed to write it.
        search_index.write_index(Path(config.docs_dir), partial, cache=root / SEARCH_CACHE, previous=previous)
        search_index.require_index(partial)
        # whatever rendered it: fails unless the site holds its citations, anchors and scripts
        check_site(root, partial, cache=root / CHECK_CACHE)
        swap_in([(partial, site)], site.with_name(site.name + ".old"))
    finally:
        _remove(partial)
    return site


def make_offline_bundle(
    root: Path, *, site_dir: Path | None = None, dist_dir: Path | None = None
) -> Path:
    """Zip the built site into dist/<name>-offline.zip, byte for byte reproducibly."""
    root = Path(root).resolve()
    site = Path(site_dir or root / "site")
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site / 'index.html'} does not exist; build the site first")
    search_index.require_index(site)
    name = bundle_name(root)
    dist = Path(dist_dir or root / "dist")
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / bundle_filename(name)
    date = time.gmtime(max(source_date_epoch(root), ZIP_EPOCH))[:6]

    # In the order of the names the zip lists: a folder's ends in "/" ("glossary/" after "glossary.html").
    entries = sorted(site.rglob("*"), key=lambda p: p.relative_to(site).as_posix() + ("/" if p.is_dir() else ""))
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in entries:
                arcname = f"{name}/{path.relative_to(site).as_posix()}"
                if path.is_dir():
                    info = zipfile.ZipInfo(arcname + "/", date)
                    info.external_attr = (0o40755 << 16) | 0x10  # unix dir + MS-DOS dir flag
                    data = b""
                else:
                    info = zipfile.ZipInfo(arcname, date)
                    info.external_attr = 0o100644 << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    data = path.read_bytes()
                info.create_system = 3  # unix, whatever machine builds it
                zf.writestr(info, data, compresslevel=BUNDLE_COMPRESSION)
        os.replace(partial, target)
    finally:
        _remove(partial)
    return target


def bundle_name(root: Path) -> str:
    return read_settings(root).bundle_name


def bundle_filename(name: str) -> str:
    """The offline bundle's file in dist/; it unpacks into a folder called name."""
    return f"{name}-offline.zip"


@contextlib.contextmanager
def _source_date_epoch(root: Path):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(root))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
