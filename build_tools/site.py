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
import json
import os
import shutil
import struct
import time
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from . import search_index
from .cache import ZIP_EPOCH, file_digest, known_digest, mark, remove as _remove, source_date_epoch, swap_in, write_atomically
from .read import read_settings
from .site_check import check_site

# Each page's search entries and terms, for the next build (build_tools/search_index.py).
SEARCH_CACHE = Path(".cache", "edition", "search")
# What the site check read of each page (build_tools/site_check.py).
CHECK_CACHE = Path(".cache", "edition", "checks")
# What the published offline bundle holds, each file's digest (make_offline_bundle).
BUNDLE_MANIFEST = Path(".cache", "edition", "bundle.manifest")
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
    root: Path, *, site_dir: Path | None = None, dist_dir: Path | None = None, previous: Path | None = None
) -> Path:
    """Zip the built site into dist/<name>-offline.zip, byte for byte reproducibly.

    previous: the bundle published before (by default the one being replaced). What the
    manifest in .cache says it holds is taken from it as it is, compressed: the whole bundle
    when no file of the site changed, otherwise the files that did not.
    """
    root = Path(root).resolve()
    site = Path(site_dir or root / "site")
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site / 'index.html'} does not exist; build the site first")
    search_index.require_index(site)
    name = bundle_name(root)
    dist = Path(dist_dir or root / "dist")
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / bundle_filename(name)
    if previous is None and dist_dir is None:
        previous = target
    date = time.gmtime(max(source_date_epoch(root), ZIP_EPOCH))[:6]
    manifest = root / BUNDLE_MANIFEST if previous else None

    kept = _kept_bundle(Path(previous), manifest) if manifest else None
    held, marked = (kept["form"]["entries"], kept["marks"]) if kept else ({}, {})
    entries = []  # (name in the zip, the file or None for a folder, the file's digest); not the bytes: memory at scale
    marks = {}  # each file's mark (cache.mark): the next build need not read a file that keeps it
    for rel in _tree(site):
        if rel.endswith("/"):
            entries.append((f"{name}/{rel[:-1]}", None, ""))
            continue
        arcname, path = f"{name}/{rel}", os.path.join(site, rel)
        digest, marks[arcname] = known_digest(path, (held[arcname], marked.get(arcname)) if arcname in held else None)
        entries.append((arcname, path, digest))
    form = {"date": list(date), "level": BUNDLE_COMPRESSION, "entries": {a: d for a, _, d in entries}}
    partial = target.with_name(target.name + ".partial")
    try:
        if kept and kept["form"] == form:  # nothing changed: the bundle is the published one
            elsewhere = Path(previous).resolve() != target.resolve()
            if elsewhere:
                shutil.copyfile(previous, partial)
                os.replace(partial, target)
            if elsewhere or marks != marked:
                _keep_bundle(manifest, target, form, marks, kept["bundle"])
            return target
        _write_bundle(partial, entries, date, Path(previous) if kept else None, held)
        if manifest:
            _keep_bundle(manifest, partial, form, marks)
        os.replace(partial, target)
    finally:
        _remove(partial)
    return target


def _tree(top: Path) -> list[str]:
    """Every file and folder under top (a folder's name ends in "/"), in the order the zip lists them:
    "glossary/" after "glossary.html"."""
    found = []
    for folder, dirs, files in os.walk(top):
        rel = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found += [prefix + d + "/" for d in dirs] + [prefix + f for f in files]
    return sorted(found)


def _write_bundle(bundle: Path, entries: list, date: tuple, previous: Path | None, held: dict[str, str]) -> None:
    """Write the zip; an entry the previous bundle holds with the same digest is copied from it compressed."""
    raw = _raw_entries(previous) if previous else {}
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf, \
            (open(previous, "rb") if previous else contextlib.nullcontext()) as old:
        for arcname, path, digest in entries:
            if path is None:
                info = zipfile.ZipInfo(arcname + "/", date)
                info.external_attr = (0o40755 << 16) | 0x10  # unix dir + MS-DOS dir flag
            else:
                info = zipfile.ZipInfo(arcname, date)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever machine builds it
            if path is not None and held.get(arcname) == digest and arcname in raw:
                _copy_entry(zf, info, raw[arcname], old)
            else:
                zf.writestr(info, Path(path).read_bytes() if path else b"", compresslevel=BUNDLE_COMPRESSION)


def _raw_entries(bundle: Path) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(bundle) as zf:
        return {i.filename: i for i in zf.infolist() if i.compress_type == zipfile.ZIP_DEFLATED and not i.is_dir()}


def _copy_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, found: zipfile.ZipInfo, old) -> None:
    """Append an entry whose compressed bytes are taken from another zip, as ZipFile.writestr would
    have written them (zipfile has no public way to add compressed bytes; its mkdir does the same)."""
    old.seek(found.header_offset)
    header = old.read(zipfile.sizeFileHeader)
    fields = struct.unpack(zipfile.structFileHeader, header)
    old.seek(found.header_offset + zipfile.sizeFileHeader + fields[zipfile._FH_FILENAME_LENGTH]
             + fields[zipfile._FH_EXTRA_FIELD_LENGTH])
    compressed = old.read(found.compress_size)
    info.CRC, info.compress_size, info.file_size = found.CRC, found.compress_size, found.file_size
    info.flag_bits = 0
    info.header_offset = zf.fp.tell()
    zf._writecheck(info)
    zf._didModify = True
    zf.fp.write(info.FileHeader(info.file_size * 1.05 > zipfile.ZIP64_LIMIT))
    zf.fp.write(compressed)
    zf.start_dir = zf.fp.tell()
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info


def _kept_bundle(previous: Path, manifest: Path) -> dict | None:
    """The manifest of the previous bundle, if it is that bundle's (the bundle's digest matches)."""
    try:
        kept = json.loads(manifest.read_text(encoding="utf-8"))
        if isinstance(kept["marks"], dict) and \
                known_digest(previous, (kept["bundle"], kept["bundle_mark"]))[0] == kept["bundle"]:
            return kept
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _keep_bundle(manifest: Path, bundle: Path, form: dict, marks: dict[str, str], digest: str | None = None) -> None:
    """Record what the bundle holds (form), its digest and mark, and the marks of the site's files."""
    write_atomically(manifest, json.dumps({"bundle": digest or file_digest(bundle), "bundle_mark": mark(bundle),
                                           "form": form, "marks": marks}, sort_keys=True))


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
