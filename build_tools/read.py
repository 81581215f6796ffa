"""Stage 1: read the sources folder into Source objects, refusing bad input."""
from __future__ import annotations

from pathlib import Path

import yaml

from .model import EditionError, Source

REQUIRED_BIBLIOGRAPHY = ("title", "kind")
KINDS = ("book", "chapter", "essay", "article")


def read_sources(root: Path) -> list[Source]:
    """Every folder under sources/ holding a source.yml, sorted by slug."""
    folder = root / "sources"
    if not folder.is_dir():
        raise EditionError(f"{folder}: no sources folder")
    sources = [read_source(d) for d in sorted(folder.iterdir()) if d.is_dir()]
    if not sources:
        raise EditionError(f"{folder}: no source folders")
    seen: dict[str, Path] = {}
    for s in sources:
        if s.slug in seen:
            raise EditionError(f"{s.folder / 'source.yml'}: slug {s.slug!r} is already used by {seen[s.slug]}")
        seen[s.slug] = s.folder
    return sources


def read_source(folder: Path) -> Source:
    meta_path = folder / "source.yml"
    if not meta_path.is_file():
        raise EditionError(f"{meta_path}: missing (every source folder needs a source.yml)")
    config = _load_yaml(meta_path)
    if not isinstance(config, dict):
        raise EditionError(f"{meta_path}:1: expected a mapping of settings")
    bib = config.get("bibliography")
    if not isinstance(bib, dict):
        raise EditionError(f"{meta_path}:1: missing required section 'bibliography'")
    for key in REQUIRED_BIBLIOGRAPHY:
        if not bib.get(key):
            raise EditionError(f"{meta_path}:1: bibliography lacks required field {key!r}")
    if bib["kind"] not in KINDS:
        raise EditionError(f"{meta_path}:1: bibliography.kind must be one of {', '.join(KINDS)}")
    text_name = config.get("text", "raw.txt")
    text_path = folder / text_name
    source = Source(
        slug=str(config.get("slug") or folder.name),
        folder=folder,
        text_path=text_path,
        meta=bib,
        layout=config.get("layout") or {},
    )
    source.text = decode_text(text_path, source.warnings)
    return source


def _load_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise EditionError(f"{path}:{line}: not valid YAML ({err.problem})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise EditionError(f"{path}:1: not valid YAML ({err})") from None


def decode_text(path: Path, warnings: list[str]) -> str:
    """The raw text as str; the file itself is never changed."""
    if not path.is_file():
        raise EditionError(f"{path}: raw text file is missing")
    data = path.read_bytes()
    if not data.strip():
        raise EditionError(f"{path}:1: the source text is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise EditionError(f"{path}:{line}: binary data (NUL byte), not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append(f"{path}:1: byte-order mark ignored")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise EditionError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x}); "
            "convert the file to UTF-8 (it may be Windows-1252 or Latin-1)"
        ) from None
    if "\r" in text:
        warnings.append(f"{path}:1: CR/CRLF line ends read as LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
