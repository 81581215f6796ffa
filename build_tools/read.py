"""Stage 1: read the sources folder into Source objects, refusing bad input.

Every refusal is an EditionError whose message is one line naming the file
and, where it applies, the line at fault. Recoverable oddities (a byte-order
mark, CR/CRLF line ends) become warnings on the Source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import profile
from .model import EditionError, Source

# libyaml's loader when PyYAML has it (ten times faster on the registers), with the same node marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
REQUIRED_BIBLIOGRAPHY = ("title", "kind")
KINDS = ("book", "chapter", "essay", "article")
# A slug becomes a folder of docs/ and site/ and part of every URL of the source.
SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?")
# The register: data/persons.yml and data/glossary.yml.
REGISTER_FIELDS = {"persons": ("id", "name"), "glossary": ("id", "term", "definition")}
REGISTER_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# Control characters no text holds (tab, line feed, vertical tab, form feed, CR are whitespace);
# C1 controls (U+0080-U+009F) are the mark of Windows-1252 decoded as Latin-1.
CONTROL_RE = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")


def read_sources(root: Path) -> list[Source]:
    """Every folder under sources/ holding a source.yml, sorted by slug."""
    folder = root / "sources"
    if not folder.is_dir():
        raise EditionError(f"{folder}: no sources folder")
    # Hidden folders (.git, .DS_Store's kin) are never sources.
    sources = [read_source(d) for d in sorted(folder.iterdir()) if d.is_dir() and not d.name.startswith(".")]
    if not sources:
        raise EditionError(f"{folder}: no source folders")
    seen: dict[str, Path] = {}
    for s in sources:
        if s.slug in seen:
            raise EditionError(f"{s.folder / 'source.yml'}: slug {s.slug!r} is already used by {seen[s.slug]}")
        seen[s.slug] = s.folder
    return sorted(sources, key=lambda s: s.slug)


def read_source(folder: Path) -> Source:
    meta_path = folder / "source.yml"
    if not meta_path.is_file():
        raise EditionError(f"{meta_path}: missing (every source folder needs a source.yml)")
    node, config = _load_yaml(meta_path)
    if not isinstance(config, dict):
        raise EditionError(f"{meta_path}:{_line(node)}: expected a mapping of settings")
    bib = config.get("bibliography")
    if not isinstance(bib, dict):
        raise EditionError(f"{meta_path}:{_line(node, 'bibliography')}: missing required section 'bibliography'")
    for key in REQUIRED_BIBLIOGRAPHY:
        line = _line(node, "bibliography", key)
        if bib.get(key) in (None, ""):
            raise EditionError(f"{meta_path}:{line}: bibliography lacks required field {key!r}")
        if not isinstance(bib[key], str) or not bib[key].strip():
            raise EditionError(f"{meta_path}:{line}: bibliography.{key} must be a text (put it in quotes)")
    if bib["kind"] not in KINDS:
        raise EditionError(f"{meta_path}:{_line(node, 'bibliography', 'kind')}: "
                           f"bibliography.kind must be one of {', '.join(KINDS)}")
    slug = config.get("slug") or folder.name
    if not isinstance(slug, str) or not SLUG_RE.fullmatch(slug):
        where = _line(node, "slug") if config.get("slug") else 1
        raise EditionError(f"{meta_path}:{where}: slug {slug!r} must be lower-case letters, digits and hyphens "
                           "(it becomes a folder and part of every URL); set `slug:` in source.yml")
    layout = config.get("layout") or {}
    if not isinstance(layout, dict):
        raise EditionError(f"{meta_path}:{_line(node, 'layout')}: layout must be a mapping of settings")
    profile.check(layout, str(meta_path), lambda *keys: _line(node, "layout", *keys))
    text_path = _text_path(meta_path, node, folder, config.get("text", "raw.txt"))
    source = Source(slug=slug, folder=folder, text_path=text_path, meta=bib, layout=layout)
    source.text = decode_text(text_path, source.warnings)
    return source


def _text_path(meta_path: Path, node, folder: Path, name: Any) -> Path:
    """The raw text named by `text:`: a file inside the source's own folder, never elsewhere."""
    pure = PurePosixPath(str(name)) if isinstance(name, str) else None
    if pure is None or not name.strip() or pure.is_absolute() or ".." in pure.parts or "\\" in name:
        raise EditionError(f"{meta_path}:{_line(node, 'text')}: text must name a file inside {folder} "
                           f"(got {name!r})")
    return folder / pure


def _load_yaml(path: Path) -> tuple[yaml.Node | None, Any]:
    """The YAML document of a file: its node tree (for line numbers) and its value."""
    text = _decode(path, path.read_bytes(), what="YAML")
    try:
        loader = LOADER(text)
        try:
            node = loader.get_single_node()
            value = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(str(err.problem or err.context or "syntax error").split())
        raise EditionError(f"{path}:{line}: not valid YAML ({problem})") from None
    except yaml.YAMLError as err:
        raise EditionError(f"{path}:1: not valid YAML ({' '.join(str(err).split())})") from None
    _check_unique_keys(path, node)
    return node, value


def _check_unique_keys(path: Path, node) -> None:
    """YAML keeps the last of two equal keys without a word: refuse them instead."""
    stack = [node] if node is not None else []
    seen_nodes: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen_nodes:  # aliases share nodes
            continue
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            first: dict[str, int] = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in first:
                        raise EditionError(f"{path}:{k.start_mark.line + 1}: key {k.value!r} repeated "
                                           f"(first on line {first[k.value]})")
                    first[k.value] = k.start_mark.line + 1
                stack += [k, v]
        elif isinstance(n, yaml.SequenceNode):
            stack += n.value


def _line(node, *keys: str) -> int:
    """1-based line of the value at keys in a mapping node (or of the nearest parent found)."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                node, line = v, k.start_mark.line + 1
                break
        else:
            break
    return line


def _decode(path: Path, data: bytes, *, what: str = "text") -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise EditionError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x}); convert the file to UTF-8 "
            f"(it may be Windows-1252 or Latin-1: iconv -f WINDOWS-1252 -t UTF-8)"
        ) from None


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
        warnings.append(f"{path}:1: byte-order mark ignored")
    text = _decode(path, data)
    if not text.strip():
        raise EditionError(f"{path}:1: the source text is empty")
    control = CONTROL_RE.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        code = ord(control.group())
        hint = ("the file was probably converted from Windows-1252 as if it were Latin-1; "
                "convert the original again with iconv -f WINDOWS-1252 -t UTF-8") if code >= 0x80 else \
            "binary data or a damaged file, not a text"
        raise EditionError(f"{path}:{line}: control character U+{code:04X}: {hint}")
    if "\r" in text:
        warnings.append(f"{path}:1: CR/CRLF line ends read as LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# ---------------------------------------------------------- edition settings


@dataclass(frozen=True)
class Settings:
    """What the converter takes from mkdocs.yml: the site's own words and `extra.edition`."""

    title: str = "A digital edition"  # site_name
    description: str = ""  # site_description
    bundle_name: str = "edition"
    navigation_group_size: int | None = None  # see pipeline.navigation


def read_settings(root: Path) -> Settings:
    """The settings in root/mkdocs.yml (the defaults without one).

    They sit beside the renderer's configuration so that one file describes the site.
    """
    from mkdocs.utils import yaml_load  # MkDocs' loader: it knows the tags mkdocs.yml may hold

    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return Settings()
    try:
        with open(path, encoding="utf-8") as f:
            config = yaml_load(f) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise EditionError(f"{path}{f':{mark.line + 1}' if mark else ''}: not valid YAML") from None
    edition = (config.get("extra") or {}).get("edition") or {}
    if not isinstance(edition, dict):
        raise EditionError(f"{path}: extra.edition must be a mapping of settings")
    size = edition.get("navigation_group_size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 2):
        raise EditionError(f"{path}: extra.edition.navigation_group_size must be a whole number of at least 2")
    return Settings(title=str(config.get("site_name") or Settings.title),
                    description=" ".join(str(config.get("site_description") or "").split()),
                    bundle_name=str(edition.get("bundle_name") or Settings.bundle_name),
                    navigation_group_size=size)


# --------------------------------------------------------------- the register


def read_register(path: Path, kind: str | None = None) -> list[dict]:
    """The entries of a register file (data/persons.yml, data/glossary.yml), checked.

    A YAML list of mappings; each has the required keys of its kind (persons:
    id, name; glossary: id, term, definition) as non-empty texts, an id unique
    in the file (letters, digits, '.', '_', '-'), and, if present, `variants`:
    a list of non-empty texts. The kind is the file's name unless given.
    Errors name the file and the line of the entry (or key) at fault.
    """
    path = Path(path)
    kind = kind or path.stem
    if kind not in REGISTER_FIELDS:
        raise EditionError(f"{path}: unknown register {kind!r} (expected one of {', '.join(REGISTER_FIELDS)})")
    if not path.is_file():
        raise EditionError(f"{path}: register file is missing")
    node, data = _load_yaml(path)
    if node is None or data is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        raise EditionError(f"{path}:{node.start_mark.line + 1}: expected a list of entries (`- id: ...`)")
    required = REGISTER_FIELDS[kind]
    seen: dict[str, int] = {}
    for item, entry in zip(node.value, data):
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode) or not isinstance(entry, dict):
            raise EditionError(f"{path}:{line}: entry is not a mapping of keys (`id: ...`, `{required[1]}: ...`)")
        keys = {k.value: k.start_mark.line + 1 for k, _ in item.value if isinstance(k, yaml.ScalarNode)}
        label = f"entry {entry['id']!r}" if isinstance(entry.get("id"), str) else "entry"
        for key in required:
            value = entry.get(key)
            if key not in entry:
                raise EditionError(f"{path}:{line}: {label} lacks required key {key!r}")
            if not isinstance(value, str) or not value.strip():
                raise EditionError(f"{path}:{keys[key]}: {label}: {key!r} must be a non-empty text")
        rid = entry["id"]
        if not REGISTER_ID_RE.fullmatch(rid):
            raise EditionError(f"{path}:{keys['id']}: id {rid!r} may hold only letters, digits, '.', '_' and '-'")
        if rid in seen:
            raise EditionError(f"{path}:{line}: duplicate id {rid!r} (first used on line {seen[rid]})")
        seen[rid] = line
        if "variants" in entry:
            variants = entry["variants"]
            if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
                raise EditionError(f"{path}:{keys['variants']}: {label}: variants must be a list of non-empty texts")
    return data
