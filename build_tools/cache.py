"""Skip a build whose inputs have not changed: a content hash of everything a build reads.

The key is a SHA-256 over the *contents* (never the timestamps) of:

- sources/ (every raw text and source.yml) and data/ (registers, manifests),
- mkdocs.yml (and the files it names with `INHERIT:`) and overrides/,
- the code of build_tools (the package that runs, and root/build_tools, which
  mkdocs.yml names as its hooks),
- the installed Python distributions and their versions, and the Python itself,
- SOURCE_DATE_EPOCH as the build would set it (it dates the sitemap and zip),
- the options of the build (e.g. strict mode).

After a successful build the key is written to .cache/edition/build.json
together with a listing of the outputs (docs/, site/, dist/: path, size and
modification time). The next build is skipped when the key is the same and
the outputs are still exactly those it left; anything else rebuilds.

This module imports neither MkDocs nor the pipeline, so that deciding to skip
is cheap. It also holds `swap_in`, which puts a staged build in place.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

STAMP = Path(".cache", "edition", "build.json")
INPUT_TREES = ("sources", "data", "overrides", "build_tools")
INPUT_FILES = ("mkdocs.yml",)
OUTPUTS = ("docs", "site", "dist")
SKIP_NAMES = {"__pycache__", ".DS_Store"}
SKIP_SUFFIXES = (".pyc", ".pyo")
# The zip format cannot store dates before 1980.
ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


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


def _files(top: Path):
    """Every file under top, in a stable order. A symbolic link inside top is an entry of its own,
    never followed (a link loop would never end, a link to a device never stop reading); the
    build refuses a source that links out anyway (read.py)."""
    if top.is_file():
        yield top
        return
    for folder, dirs, files in os.walk(top):
        links = [d for d in dirs if Path(folder, d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in SKIP_NAMES and d not in links)
        for name in sorted(files + links):
            if name not in SKIP_NAMES and not name.endswith(SKIP_SUFFIXES):
                yield Path(folder, name)


def _hash_file(h, path: Path) -> None:
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)


def file_digest(path) -> str:
    """A file's content digest, as KeepingWriter and the offline bundle's manifest record it."""
    digest = hashlib.blake2b(digest_size=16)
    _hash_file(digest, path)
    return digest.hexdigest()


def data_digest(data: bytes) -> str:
    """file_digest of a file holding data."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def mark(path) -> str:
    """Which file stands at path, and since when: its inode, size and time of last writing. A file
    left alone, linked or renamed keeps its mark; one written again, in place or anew, does not (as
    make and rsync judge a file unchanged). A manifest records the mark beside the digest, so that
    the next build need not read an unchanged file to know its digest."""
    st = os.stat(path)
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def known_digest(path, kept: tuple[str, str] | None = None) -> tuple[str, str]:
    """(digest, mark) of a file; the digest is taken from kept, a (digest, mark) a manifest recorded,
    when the file still has that mark, and read otherwise."""
    now = mark(path)
    if kept and kept[1] == now:
        return kept[0], now
    return file_digest(path), now


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write a file whole or not at all: into a partial file beside it, then renamed onto it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    if isinstance(data, str):
        partial.write_text(data, encoding="utf-8")
    else:
        partial.write_bytes(data)
    os.replace(partial, path)


@functools.cache  # the code a process runs does not change under it
def code_fingerprint() -> str:
    """Every module of build_tools: what a build made with other code is not reused."""
    digest = hashlib.sha256()
    code = Path(__file__).parent
    for path in sorted(code.rglob("*.py")):
        digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def installed_distributions() -> list[str]:
    """The distributions Python can import, as their metadata folders name them, with their versions
    (`mkdocs-1.6.1.dist-info`): an upgrade renames the folder. Reading each one's metadata instead
    was a tenth of a second of every build."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip, or gone
            continue
        found.update(name for name in names if name.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def input_digest(root: Path, options: dict | None = None) -> str:
    """The content hash of every input of a build of root (see the module's docstring)."""
    import build_tools
    from build_tools.read import settings_files

    root = Path(root).resolve()
    h = hashlib.sha256()

    def add(label: str, value: str) -> None:
        data = value.encode("utf-8", "surrogateescape")
        h.update(f"{label}\0{len(data)}\0".encode())
        h.update(data)

    trees = [(name, root / name) for name in INPUT_TREES + INPUT_FILES]
    # mkdocs.yml may take settings from other files (`INHERIT:`): an edit there changes the site too.
    trees += [(f"<inherited by mkdocs.yml {i}>", path) for i, path in enumerate(settings_files(root)[1:], 1)]
    package = Path(build_tools.__file__).resolve().parent
    if package != (root / "build_tools").resolve():
        trees.append(("<package build_tools>", package))
    for label, top in trees:
        if not top.exists():
            add("absent", label)
            continue
        for path in _files(top):
            rel = path.relative_to(top).as_posix()
            add("file", f"{label}/{rel}")
            if path != top and path.is_symlink():
                add("symlink", os.readlink(path))
            elif not path.is_file():
                add("special", "not a regular file")
            else:
                file_hash = hashlib.sha256()
                _hash_file(file_hash, path)
                add("sha256", file_hash.hexdigest())
    add("distributions", json.dumps(installed_distributions()))
    add("python", f"{sys.implementation.name} {sys.version}")
    add("SOURCE_DATE_EPOCH", str(source_date_epoch(root)))
    add("options", json.dumps(options or {}, sort_keys=True))
    return h.hexdigest()


def output_listing(root: Path) -> dict[str, list[int]]:
    """Every output file with its size and modification time: a cheap proof they are untouched."""
    root = Path(root)
    listing: dict[str, list[int]] = {}
    for name in OUTPUTS:
        top = root / name
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top):
            dirs.sort()
            prefix = os.path.relpath(folder, root).replace(os.sep, "/") + "/"
            for f in sorted(files):
                st = os.stat(os.path.join(folder, f))
                listing[prefix + f] = [st.st_size, st.st_mtime_ns]
    return listing


def up_to_date(root: Path, digest: str) -> dict | None:
    """The stamp of the last build if it had these inputs and its outputs are intact, else None."""
    try:
        stamp = json.loads((Path(root) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("inputs") != digest:
        return None
    outputs = stamp.get("outputs") or {}
    if not outputs or output_listing(root) != outputs:
        return None
    required = stamp.get("required")
    if not isinstance(required, list) or not required or not all((Path(root) / p).is_file() for p in required):
        return None
    return stamp


def record(root: Path, digest: str, required: list[str] | None = None) -> None:
    """Write the stamp of a build that has just succeeded."""
    stamp = {"inputs": digest, "required": required or [], "outputs": output_listing(root)}
    write_atomically(Path(root) / STAMP, json.dumps(stamp, indent=0, sort_keys=True) + "\n")


# ------------------------------------------------------------- staging


class KeepingWriter:
    """Writes files into a new tree, linking each whose bytes the previous tree already holds at the
    same place instead of writing it again: a link costs a seventh of a write, and most files of a
    rebuilt tree are the same. The previous tree is only read; nothing is ever written through a link
    (a file is written only where none stands), so a failed build leaves the published tree as it was.

    With a manifest (a file in the cache), what each file was made of is kept for the next build:
    its digest and mark (`mark`), so an unchanged file is known without reading it, and the key of
    its data (`write_made`), so an unchanged file is not even made. A tree made from the same inputs
    as the previous one is linked whole without being made (`reuse`). salt: what else the files
    depend on (the code that makes them); a manifest with another salt is not used."""

    def __init__(self, out: Path, previous: Path | None = None, manifest: Path | None = None, salt: str = ""):
        self.out = Path(out)
        self.previous = Path(previous) if previous and Path(previous).resolve() != self.out.resolve() else None
        self.manifest = Path(manifest) if manifest else None
        self.salt = salt
        self.digests: dict[str, str] = {}
        self.marks: dict[str, str] = {}
        self.keys: dict[str, str] = {}
        self.kept = self._kept()

    def _kept(self) -> dict:
        """The previous tree's manifest, if there is one for it, made with this salt."""
        if self.previous is None or self.manifest is None:
            return {}
        try:
            kept = json.loads(self.manifest.read_text(encoding="utf-8"))
            if kept.get("salt") != self.salt or not all(isinstance(kept.get(k), dict) for k in ("files", "marks", "keys")):
                return {}
        except (OSError, ValueError, AttributeError):
            return {}
        return kept

    def _kept_file(self, name: str, digest: str | None = None) -> bool:
        """Whether the previous tree still holds, as the manifest recorded it, the file `name`
        (with that digest, if given); if so it is linked into the new tree."""
        if not self.kept or (digest is not None and self.kept["files"].get(name) != digest):
            return False
        try:
            if mark(self.previous / name) != self.kept["marks"].get(name):
                return False
            os.link(self.previous / name, self.out / name)
        except (OSError, TypeError):
            return False
        self.digests[name], self.marks[name] = self.kept["files"][name], self.kept["marks"][name]
        return True

    def write(self, name: str, data: bytes) -> None:
        target = self.out / name
        digest = self.digests[name] = data_digest(data)
        if self._kept_file(name, digest):
            return
        if self.previous is not None:
            old = self.previous / name
            try:
                if old.stat().st_size == len(data) and old.read_bytes() == data:
                    os.link(old, target)
                    self.marks[name] = mark(target)
                    return
            except OSError:  # none there, not a file, or another file system: written instead
                pass
        target.write_bytes(data)
        self.marks[name] = mark(target)

    def write_made(self, name: str, key: str, make) -> None:
        """Write the bytes make() returns, unless the previous tree holds the file made from data
        with the same key (a digest of everything make reads): then it is linked, and not made."""
        self.keys[name] = key
        if self.kept.get("keys", {}).get(name) == key and self._kept_file(name):
            return
        self.write(name, make())

    def reuse(self, inputs: str) -> bool:
        """Link the whole previous tree if the manifest says it was made from `inputs` and no file
        of it has changed since; otherwise leave out empty and return False."""
        if not self.kept or self.kept.get("inputs") != inputs:
            return False
        files, marks = self.kept["files"], self.kept["marks"]
        try:
            if any(not _inside(name) for name in files):
                return False
            if any(known_digest(self.previous / name, (digest, marks.get(name)))[0] != digest
                   for name, digest in files.items()):
                return False
            for folder in sorted({(self.out / name).parent for name in files}):
                folder.mkdir(parents=True, exist_ok=True)
            for name in files:
                os.link(self.previous / name, self.out / name)
        except (OSError, TypeError):
            pass
        else:
            self.digests, self.marks, self.keys = dict(files), dict(marks), dict(self.kept["keys"])
            return True
        for path in sorted(self.out.rglob("*"), reverse=True):  # undo a partial reuse
            if path.is_file():
                path.unlink()
        return False

    def record(self, inputs: str) -> None:
        """Note in the manifest what the tree now written was made from, and each file's digest,
        mark and key."""
        if self.manifest is not None:
            write_atomically(self.manifest, json.dumps({"inputs": inputs, "salt": self.salt, "files": self.digests,
                                                        "marks": self.marks, "keys": self.keys}, sort_keys=True))


def _inside(name: str) -> bool:
    """A name of a file within a tree: relative, and never up out of it."""
    return isinstance(name, str) and not name.startswith("/") and ".." not in name.split("/")


def swap_in(moves: list[tuple[Path, Path]], trash: Path) -> None:
    """Move each staged path onto its target, all of them or none.

    The targets being replaced are first moved into `trash` (same file
    system, so every step is a rename); if any step fails, what was done is
    undone. The trash is removed at the end.
    """
    trash = Path(trash)
    remove(trash)
    trash.mkdir(parents=True)
    done: list[tuple[Path, Path, Path | None]] = []  # (staged, target, where the old target went)
    try:
        for i, (staged, target) in enumerate(moves):
            staged, target = Path(staged), Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            old = None
            if target.exists() or target.is_symlink():
                old = trash / f"{i}-{target.name}"
                os.replace(target, old)
            try:
                os.replace(staged, target)
            except BaseException:
                if old is not None:
                    os.replace(old, target)
                raise
            done.append((staged, target, old))
    except BaseException:
        for staged, target, old in reversed(done):
            os.replace(target, staged)
            if old is not None:
                os.replace(old, target)
        raise
    finally:
        remove(trash)


def remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


class ContentCache:
    """What a build made of one piece of content (a page's body, its search entries), by the content's
    digest, one file each in `folder`: JSON, or with binary a pickle (for what JSON cannot hold, as
    arrays; the cache is the build's own, like the sources' pickles). `prune()` removes what this
    build did not ask for, so the folder holds one build's worth. A damaged or unreadable entry is
    made again."""

    def __init__(self, folder: Path, salt: str = "", binary: bool = False):
        self.folder, self.salt, self.binary = Path(folder), salt, binary
        self.suffix = ".pickle" if binary else ".json"
        self.used: set[str] = set()
        self.made = 0

    def key(self, content: str) -> str:
        return hashlib.sha256((self.salt + "\0" + content).encode("utf-8")).hexdigest()

    def get(self, key: str):
        self.used.add(key)
        try:
            if self.binary:
                return pickle.loads((self.folder / f"{key}{self.suffix}").read_bytes())
            return json.loads((self.folder / f"{key}{self.suffix}").read_text(encoding="utf-8"))
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, IndexError):
            return None

    def has(self, key: str) -> bool:
        """Whether an entry is kept (it counts as used; `get` reads it)."""
        self.used.add(key)
        return (self.folder / f"{key}{self.suffix}").is_file()

    def put(self, key: str, data) -> None:
        self.used.add(key)
        self.made += 1
        write_atomically(self.folder / f"{key}{self.suffix}",
                         pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL) if self.binary
                         else json.dumps(data, ensure_ascii=False))

    def prune(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.suffix == self.suffix and path.stem not in self.used:
                    path.unlink(missing_ok=True)
