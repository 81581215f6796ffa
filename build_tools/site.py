"""Render the generated Markdown with MkDocs and pack the offline bundle.

One MkDocs build serves both purposes: with `use_directory_urls: false` and
Material's offline plugin the same files work on a web server and from
file://, so the bundle is simply site/ zipped.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import zipfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import yaml_load

# The zip format cannot store dates before 1980.
ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


def build_site(
    root: Path,
    *,
    docs_dir: Path | None = None,
    site_dir: Path | None = None,
    strict: bool = True,
) -> Path:
    """Build root/mkdocs.yml into root/site (or site_dir) and return that folder."""
    root = Path(root).resolve()
    site = Path(site_dir or root / "site").resolve()
    overrides: dict = {"site_dir": str(site), "strict": strict}
    if docs_dir is not None:
        overrides["docs_dir"] = str(Path(docs_dir).resolve())
    with _source_date_epoch(root):
        config = load_config(str(root / "mkdocs.yml"), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return site


def make_offline_bundle(
    root: Path, *, site_dir: Path | None = None, dist_dir: Path | None = None
) -> Path:
    """Zip the built site into dist/<name>-offline.zip, byte for byte reproducibly."""
    root = Path(root).resolve()
    site = Path(site_dir or root / "site")
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site / 'index.html'} does not exist; build the site first")
    name = bundle_name(root)
    dist = Path(dist_dir or root / "dist")
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{name}-offline.zip"
    date = time.gmtime(max(source_date_epoch(root), ZIP_EPOCH))[:6]

    entries = sorted(site.rglob("*"), key=lambda p: p.relative_to(site).as_posix())
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
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
            zf.writestr(info, data)
    os.replace(partial, target)
    return target


def bundle_name(root: Path) -> str:
    with open(Path(root) / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f) or {}
    edition = (config.get("extra") or {}).get("edition") or {}
    return str(edition.get("bundle_name") or "edition")


def source_date_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else 1980-01-01.

    MkDocs stamps the sitemap with the build date; pinning it to the commit
    makes two builds of the same sources byte-identical.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return ZIP_EPOCH


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
