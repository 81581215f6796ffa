"""Stage 1: read the sources folder into Source objects, refusing bad input.

Every refusal is an EditionError whose message is one line naming the file
and, where it applies, the line at fault. Recoverable oddities (a byte-order
mark, CR/CRLF line ends) become warnings on the Source.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import profile
from .model import EditionError, Source
from .patterns import compile_layout

# libyaml's loader when PyYAML has it (ten times faster on the registers), with the same node marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
REQUIRED_BIBLIOGRAPHY = ("title", "kind")
PEOPLE = ("authors", "editors", "translators")

KINDS = ("book", "chapter", "essay", "article")
# A slug becomes a folder of docs/ and site/ and part of every URL of the source.
SLUG_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?")
REGISTER_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# Control characters no text holds (tab, line feed, vertical tab, form feed, CR are whitespace);
# C1 controls (U+0080-U+009F) are the mark of Windows-1252 decoded as Latin-1.
CONTROL_RE = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x9f]")
# Bidirectional embedding, override and isolate controls make text display in another order than it
# is stored, searched and cited; a transcription has no need of them. Refused wherever they are read.
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Limits on what is read: a broken or hostile file must not exhaust the machine.
MAX_TEXT_BYTES = 64 * 2**20  # one raw text: some eighty times the longest book of the edition
MAX_YAML_BYTES = 16 * 2**20  # one YAML file: a hundred times the person register
MAX_ALIAS_VALUES = 10_000  # values that YAML aliases (*name) may add by repeating what an anchor holds


def read_sources(root: Path) -> list[Source]:
    """Every folder under sources/ holding a source.yml, sorted by slug."""
    folder = root / "sources"
    if not folder.is_dir():
        raise EditionError(f"{folder}: no sources folder")
    # Hidden folders (.git, .DS_Store's kin) are never sources.
    candidates = [d for d in sorted(folder.iterdir()) if not d.name.startswith(".")]
    for d in candidates:
        if d.is_symlink():
            raise EditionError(f"{d}: {_link_problem(d)}")
    sources = [read_source(d) for d in candidates if d.is_dir()]
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
    _check_own_file(folder, meta_path)
    if not meta_path.is_file():
        raise EditionError(f"{meta_path}: missing (every source folder needs a source.yml)")
    node, config = load_yaml(meta_path)
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
    _check_bibliography(meta_path, node, bib)
    profile.check(layout, str(meta_path), lambda *keys: _line(node, "layout", *keys))
    text_path = _text_path(meta_path, node, folder, config.get("text", "raw.txt"))
    source = Source(slug=slug, folder=folder, text_path=text_path, meta=bib, layout=layout)
    source.patterns = compile_layout(meta_path, text_path, layout, lambda key: _line(node, "layout", *key.split(".")))
    source.text = decode_text(text_path, source.warnings)
    from .corrections import load  # (it reads YAML with this module's checks)

    source.corrections = load(folder)  # the editor's, checked against their schema here
    return source


def _text_path(meta_path: Path, node, folder: Path, name: Any) -> Path:
    """The raw text named by `text:`: a file inside the source's own folder, never elsewhere."""
    pure = PurePosixPath(str(name)) if isinstance(name, str) else None
    if pure is None or not name.strip() or pure.is_absolute() or ".." in pure.parts or "\\" in name:
        raise EditionError(f"{meta_path}:{_line(node, 'text')}: text must name a file inside {folder} "
                           f"(got {name!r})")
    _check_own_file(folder, folder / pure)
    return folder / pure


def _check_own_file(folder: Path, path: Path) -> None:
    """A source's file is in the source's own folder: no symbolic link on the way, nothing outside.

    Git stores symbolic links, so a contributed folder could otherwise publish any file of the
    machine that builds it.
    """
    step = folder
    for part in path.relative_to(folder).parts:
        step = step / part
        if step.is_symlink():
            raise EditionError(f"{step}: {_link_problem(step)}")
    try:
        real, home = path.resolve(strict=True), folder.resolve(strict=True)
    except FileNotFoundError:
        return  # said where the file is needed
    except (OSError, RuntimeError) as err:
        raise EditionError(f"{path}: cannot be read ({err})") from None
    if not real.is_relative_to(home):
        raise EditionError(f"{path}: resolves to {real}, outside its source folder {home}")


def _link_problem(link: Path) -> str:
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    state = "a loop" if _loops(link) else "missing" if not link.exists() else "elsewhere"
    return (f"is a symbolic link (to {target}, {state}); a source's files must be in its own folder: "
            "copy the file there instead of linking it")


def _loops(link: Path) -> bool:
    try:
        link.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as err:
        return err.errno == errno.ELOOP
    return False


def _check_bibliography(meta_path: Path, node, bib: dict) -> None:
    """What the citations need of the bibliography: texts, a year, and people as family and given names."""
    def where(*keys) -> str:
        return f"{meta_path}:{_line(node, 'bibliography', *keys)}: bibliography.{'.'.join(keys)}"

    for key, value in bib.items():
        if key in PEOPLE:
            if not isinstance(value, list) or not all(isinstance(p, dict) for p in value):
                raise EditionError(f"{where(key)} must be a list of persons, e.g. [{{family: Bazhanov, "
                                   "given: Boris}]")
            for person in value:
                if not isinstance(person.get("family"), str) or not person["family"].strip() \
                        or not isinstance(person.get("given", ""), str):
                    raise EditionError(f"{where(key)}: each person needs family (and may have given) as texts, "
                                       f"e.g. {{family: Bazhanov, given: Boris}}")
        elif key == "year":
            if isinstance(value, bool) or not isinstance(value, int):
                raise EditionError(f"{where(key)} must be a year in digits (e.g. 1990); say 'circa' in a note")
        elif value is not None and not isinstance(value, str):
            raise EditionError(f"{where(key)} must be a text (put it in quotes)")


def load_yaml(path: Path) -> tuple[yaml.Node | None, Any]:
    """The YAML document of a file: its node tree (for line numbers) and its value."""
    node = _yaml_node(path)
    _check_unique_keys(path, node)
    loader = LOADER("")
    try:
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        raise EditionError(f"{path}:{_mark_line(err)}: not valid YAML ({_problem(err)})") from None
    except yaml.YAMLError as err:
        raise EditionError(f"{path}:1: not valid YAML ({' '.join(str(err).split())})") from None
    finally:
        loader.dispose()
    return node, value


def _yaml_node(path: Path) -> yaml.Node | None:
    """The node tree of a YAML file, checked for what a loader would not refuse: size, bidirectional
    controls, and aliases that repeat an anchor's content past any use (a "billion laughs")."""
    text = _decode(path, _read_file(path, MAX_YAML_BYTES, "a YAML file"), what="YAML")
    _refuse_bidi(path, text)
    try:
        loader = LOADER(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        raise EditionError(f"{path}:{_mark_line(err)}: not valid YAML ({_problem(err)})") from None
    except (yaml.YAMLError, RecursionError) as err:
        raise EditionError(f"{path}:1: not valid YAML ({' '.join(str(err).split())})") from None
    _check_aliases(path, node)
    return node


def _mark_line(err: yaml.MarkedYAMLError) -> int:
    mark = err.problem_mark or err.context_mark
    return mark.line + 1 if mark else 1


def _problem(err: yaml.MarkedYAMLError) -> str:
    return " ".join(str(err.problem or err.context or "syntax error").split())


def _check_aliases(path: Path, node) -> None:
    """Count the values the document holds once its aliases are expanded, without expanding them."""
    if node is None:
        return
    size: dict[int, int] = {}  # node -> values it stands for, expanded
    first_repeated = None
    stack: list[tuple[Any, bool]] = [(node, False)]
    open_nodes: set[int] = set()
    while stack:
        n, done = stack.pop()
        key = id(n)
        if done:
            open_nodes.discard(key)
            children = _children(n)
            size[key] = 1 + sum(size[id(c)] for c in children)
            continue
        if key in open_nodes:
            raise EditionError(f"{path}:{n.start_mark.line + 1}: an alias repeats the structure that holds it "
                               "(a value that contains itself); write the value out")
        if key in size:
            first_repeated = first_repeated or n
            continue
        open_nodes.add(key)
        stack.append((n, True))
        stack += [(c, False) for c in _children(n)]
    written = len(size)
    expanded = size[id(node)]
    if expanded - written > MAX_ALIAS_VALUES:
        line = first_repeated.start_mark.line + 1 if first_repeated is not None else 1
        raise EditionError(f"{path}:{line}: aliases (*name) repeat this anchor's content into {expanded:,} values, "
                           f"more than {MAX_ALIAS_VALUES:,} beyond the {written:,} written; write the values out")


def _children(n) -> list:
    if isinstance(n, yaml.MappingNode):
        return [x for pair in n.value for x in pair]
    if isinstance(n, yaml.SequenceNode):
        return list(n.value)
    return []


def _read_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most limit bytes; anything else is refused."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise EditionError(f"{path}: missing") from None
    except (OSError, RuntimeError) as err:
        raise EditionError(f"{path}: cannot be read ({err})") from None
    if not stat.S_ISREG(info.st_mode):
        raise EditionError(f"{path}: not a regular file")
    too_big = f"{path}: larger than {limit // 2**20} MB, the limit for {what} (read.py); split or shorten it"
    if info.st_size > limit:
        raise EditionError(too_big)
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise EditionError(too_big)
    return data


def _refuse_bidi(path: Path, text: str) -> None:
    found = BIDI_RE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise EditionError(f"{path}:{line}: bidirectional control character U+{ord(found.group()):04X} makes the "
                           "text display in another order than it is written; remove it")


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
    return node_line(node, keys)


def node_line(node, keys: tuple) -> int:
    """1-based line of the value at keys (mapping keys, list indexes) under node, or of the nearest found."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    node, line = v, k.start_mark.line + 1
                    break
            else:
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
    data = _read_file(path, MAX_TEXT_BYTES, "a raw text")
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
    _refuse_bidi(path, text)
    if "\r" in text:
        warnings.append(f"{path}:1: CR/CRLF line ends read as LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# ---------------------------------------------------------- edition settings


# The offline bundle is <bundle_name>-offline.zip and unpacks into <bundle_name>/.
BUNDLE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# extra.edition.base_url: it is printed in citations, <meta> tags and JSON-LD.
BASE_URL_RE = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")


@dataclass(frozen=True)
class Settings:
    """What the converter takes from mkdocs.yml: the site's own words and `extra.edition`."""

    title: str = "A digital edition"  # site_name
    description: str = ""  # site_description
    bundle_name: str = "edition"
    navigation_group_size: int | None = None  # see pipeline.navigation
    base_url: str = ""  # extra.edition.base_url: the edition's public address
    licence: str = ""  # extra.edition.licence: the text's licence, as the TEI export states it


def read_settings(root: Path) -> Settings:
    """The settings in root/mkdocs.yml (the defaults without one).

    They sit beside the renderer's configuration so that one file describes the site.
    """
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import yaml_load  # MkDocs' loader: it knows the tags mkdocs.yml may hold

    path = Path(root) / "mkdocs.yml"
    if not path.is_file():
        return Settings()
    settings_files(root)  # each checked as our own YAML files are, before MkDocs' loader sees it
    try:
        with open(path, encoding="utf-8") as f:
            config = yaml_load(f) or {}
    except (yaml.YAMLError, ConfigurationError) as e:
        mark = getattr(e, "problem_mark", None)
        raise EditionError(f"{path}{f':{mark.line + 1}' if mark else ''}: not valid YAML ({_one_line(e)})") from None
    if not isinstance(config, dict):
        raise EditionError(f"{path}:1: expected a mapping of settings")
    edition = (config.get("extra") or {}).get("edition") or {}
    if not isinstance(edition, dict):
        raise EditionError(f"{path}: extra.edition must be a mapping of settings")
    size = edition.get("navigation_group_size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 2):
        raise EditionError(f"{path}: extra.edition.navigation_group_size must be a whole number of at least 2")
    for key in ("site_name", "site_description"):
        if config.get(key) is not None and not isinstance(config[key], str):
            raise EditionError(f"{path}: {key} must be a text (put it in quotes)")
    name = edition.get("bundle_name") or Settings.bundle_name
    if not isinstance(name, str) or not BUNDLE_NAME_RE.fullmatch(name):
        raise EditionError(f"{path}: extra.edition.bundle_name {name!r} must be a plain file name: letters, digits, "
                           "'.', '_' and '-', not starting with '.' (it names the zip and the folder in it)")
    base = edition.get("base_url") or ""
    if not isinstance(base, str) or base and not BASE_URL_RE.fullmatch(base):
        raise EditionError(f"{path}: extra.edition.base_url {base!r} must be an http(s) address such as "
                           "https://example.org/edition/ (letters, digits and . _ ~ % - / only)")
    licence = edition.get("licence") or ""
    if not isinstance(licence, str):
        raise EditionError(f"{path}: extra.edition.licence must be a text (put it in quotes)")
    return Settings(title=str(config.get("site_name") or Settings.title),
                    description=" ".join(str(config.get("site_description") or "").split()),
                    bundle_name=name, navigation_group_size=size, base_url=base,
                    licence=" ".join(licence.split()))


def settings_files(root: Path) -> list[Path]:
    """mkdocs.yml and the files it inherits from (`INHERIT:`), each checked; empty without mkdocs.yml."""
    path = Path(root) / "mkdocs.yml"
    files: list[Path] = []
    while path.is_file():
        node = _yaml_node(path)
        files.append(path.resolve())
        inherit = next((v for k, v in (node.value if isinstance(node, yaml.MappingNode) else [])
                        if isinstance(k, yaml.ScalarNode) and k.value == "INHERIT"), None)
        if inherit is None:
            break
        where = f"{path}:{inherit.start_mark.line + 1}"
        if not isinstance(inherit, yaml.ScalarNode) or not inherit.value:
            raise EditionError(f"{where}: INHERIT must name a file")
        path = path.resolve().parent / inherit.value
        if not path.is_file():
            raise EditionError(f"{where}: INHERIT names {path}, which does not exist")
        if path.resolve() in files:
            raise EditionError(f"{where}: INHERIT leads back to {path.resolve()}, already read; break the circle")
    return files


def _one_line(message) -> str:
    return " ".join(str(message).split())


# --------------------------------------------------------------- the register


@dataclass(frozen=True)
class RegisterFields:
    """What an entry of one register must hold (each register's spec gives its own: enrich/specs.py)."""

    required: tuple[str, ...]  # non-empty texts; the first is "id"
    texts: tuple[str, ...] = ()  # optional texts (null allowed)
    years: tuple[str, ...] = ()  # optional: a year or a text
    lists: tuple[str, ...] = ("variants", "index")  # optional lists of non-empty texts
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a required key and the values it may take
    coordinates: tuple[str, ...] = ()  # optional [latitude, longitude] in decimal degrees


def read_register(path: Path, fields: RegisterFields) -> list[dict]:
    """The entries of a register file (data/persons.yml, data/glossary.yml, data/places.yml), checked.

    A YAML list of mappings; each has the required keys of its register as
    non-empty texts, an id unique in the file (letters, digits, '.', '_', '-'),
    and, if present, its lists as lists of non-empty texts, its texts as texts,
    its years as a year or a text, its choices among their values, its
    coordinates as [latitude, longitude]. Errors name the file and the line of
    the entry (or key) at fault.
    """
    path = Path(path)
    if not path.is_file():
        raise EditionError(f"{path}: register file is missing")
    node, data = load_yaml(path)
    if node is None or data is None:
        return []
    if not isinstance(node, yaml.SequenceNode) or not isinstance(data, list):
        raise EditionError(f"{path}:{node.start_mark.line + 1}: expected a list of entries (`- id: ...`)")
    required = fields.required
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
        for key in fields.lists:
            values = entry.get(key)
            if key in entry and values is not None and (
                    not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values)):
                raise EditionError(f"{path}:{keys[key]}: {label}: {key} must be a list of non-empty texts")
        for key in fields.texts + fields.years:
            value = entry.get(key)
            if value is not None and not (isinstance(value, str) or key in fields.years and isinstance(value, int)
                                          and not isinstance(value, bool)):
                kind_of = "a year or a text" if key in fields.years else "a text"
                raise EditionError(f"{path}:{keys[key]}: {label}: {key!r} must be {kind_of} (put it in quotes)")
        for key, allowed in fields.choices:
            if entry[key] not in allowed:
                raise EditionError(f"{path}:{keys[key]}: {label}: {key} {entry[key]!r} must be one of {', '.join(allowed)}")
        for key in fields.coordinates:
            if entry.get(key) is not None and not _coordinates(entry[key]):
                raise EditionError(f"{path}:{keys[key]}: {label}: {key} must be [latitude, longitude] in decimal "
                                   "degrees (-90 to 90, -180 to 180), or left out")
    return data


def _coordinates(value) -> bool:
    numbers = isinstance(value, list) and len(value) == 2 and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    return numbers and -90 <= value[0] <= 90 and -180 <= value[1] <= 180
