"""Bad input, through the `edition` command in a temporary project.

Every refusal is one line, `edition: error: <file>:<line>: ...`, exit 1, and
leaves docs/, site/ and dist/ exactly as they were (checked by hashing).
Recoverable oddities are warnings, and the edition comes out right.

The temporary project holds what a build reads besides the sources: copies of
mkdocs.yml, overrides/, package.json and data/ (without the anchor manifest,
which promises the real sources' anchors, and the registers), and symbolic links to
node_modules/ and build_tools/ (mkdocs.yml names its hooks by path). The
installed `edition` runs with --root.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.model import EditionError
from build_tools.enrich.specs import SPECS
from build_tools.enrich.specs import read_entries as read_register

ROOT = Path(__file__).resolve().parents[1]
EDITION = Path(sys.executable).with_name("edition")
META = "text: raw.txt\nbibliography: {kind: essay, title: %s}\nlayout: {}\n"
PROSE = "A Short Essay\n\nStalin ruled the party and the state. The peasants paid.\n\nA second paragraph, to end.\n"
OUTPUTS = ("docs", "site", "dist")


# ------------------------------------------------------------------ helpers


def make_project(folder: Path) -> Path:
    """An empty project at folder: everything a build reads except the sources."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", folder)
    shutil.copy(ROOT / "package.json", folder)
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    # Not the anchor manifest (it promises the real sources' anchors) nor the registers (being edited;
    # tests that need a register write their own).
    shutil.copytree(ROOT / "data", folder / "data",
                    ignore=shutil.ignore_patterns("anchors-*", *(s.file for s in SPECS)))
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    (folder / "build_tools").symlink_to(ROOT / "build_tools")
    (folder / "sources").mkdir()
    return folder


def add_source(root: Path, name: str, raw: str | bytes = PROSE, meta: str | bytes | None = None) -> Path:
    folder = root / "sources" / name
    folder.mkdir(parents=True, exist_ok=True)
    if meta is None:
        meta = META % f'"{name.title()}"'
    for file, content in (("raw.txt", raw), ("source.yml", meta)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / file).write_bytes(data)
    return folder


def edition(root: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([str(EDITION), "--root", str(root), *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})


def outputs(root: Path) -> dict[str, str]:
    """sha256 of every file of docs/, site/ and dist/."""
    found = {}
    for name in OUTPUTS:
        for path in sorted((root / name).rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def error_line(result: subprocess.CompletedProcess) -> str:
    """The one error line; no traceback, nothing after it."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [l for l in result.stderr.splitlines() if l.startswith("edition: error:")]
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1] == errors[0]
    return errors[0]


def warnings(result: subprocess.CompletedProcess) -> list[str]:
    return [l for l in result.stderr.splitlines() if l.startswith("edition: warning:")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with two good sources, built once."""
    root = make_project(tmp_path_factory.mktemp("good") / "project")
    add_source(root, "alpha")
    add_source(root, "beta", PROSE.replace("Stalin", "Lenin"))
    result = edition(root, "build")
    assert result.returncode == 0, result.stderr
    assert (root / "dist" / "stalin-edition-offline.zip").is_file()
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A fresh copy of the built project, to break."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    return root


def assert_refused(root: Path, file: str, line: int | None, *words: str, command: str = "build") -> str:
    """The build fails with one error line naming file (and line), and changes no output."""
    before, listing = outputs(root), sorted(os.listdir(root))
    message = error_line(edition(root, command))
    path = str(root / file)
    assert f"edition: error: {path}" in message, message
    if line is not None:
        assert f"{path}:{line}:" in message, message
    for word in words:
        assert word.lower() in message.lower(), message
    assert outputs(root) == before, "a failed build changed docs/, site/ or dist/"
    assert sorted(os.listdir(root)) == listing, "a failed build left files in the project"
    return message


# ------------------------------------------------------------ the raw text


def test_empty_source(project):
    add_source(project, "gamma", " \n\n  \n")
    assert_refused(project, "sources/gamma/raw.txt", 1, "empty")


def test_binary_file(project):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    add_source(project, "gamma", png)
    assert_refused(project, "sources/gamma/raw.txt", 3, "binary")  # two line ends before the first NUL


def test_binary_file_without_nul_bytes(project):
    add_source(project, "gamma", "Title\n\ntext \x1b[31m red \x07 bell\n")
    assert_refused(project, "sources/gamma/raw.txt", 3, "control character")


@pytest.mark.parametrize("encoding, line", [("cp1252", 3), ("latin-1", 4)])
def test_not_utf8_names_the_line_of_the_first_bad_byte(project, encoding, line):
    text = "A Title\n\nplain ascii line\n" if encoding == "latin-1" else "A Title\n\n"
    text += "“Stalin’s” régime — café\n\nmore.\n"
    add_source(project, "gamma", text.encode(encoding, errors="replace"))
    message = assert_refused(project, "sources/gamma/raw.txt", line, "not UTF-8", "convert", "Windows-1252")
    assert "iconv" in message


def test_mojibake_is_refused(project):
    # Windows-1252 bytes decoded as Latin-1 and saved as UTF-8: C1 control characters.
    add_source(project, "gamma", "Title\n\n" + "“quoted”".encode("cp1252").decode("latin-1") + "\n")
    assert_refused(project, "sources/gamma/raw.txt", 3, "Windows-1252")


def test_private_use_characters_are_text_like_any_other(project):
    # Structure travels beside the text, never inside it: characters that once marked page
    # breaks inside the converter are now only characters, and reach the reader as printed.
    add_source(project, "gamma", "Title\n\nplain\nforged \ue0005\ue001 page\n")
    result = edition(project, "convert")
    assert result.returncode == 0, result.stderr
    text = (project / "docs" / "data" / "text" / "gamma.txt").read_text(encoding="utf-8")
    assert "forged \ue0005\ue001 page" in text
    assert 'id="p-5"' not in (project / "docs" / "gamma" / "index.md").read_text(encoding="utf-8")


def test_bom_and_crlf_are_warnings_and_the_edition_is_the_same(project):
    reference = edition(project, "convert")
    assert reference.returncode == 0
    expected = (project / "docs" / "alpha" / "index.md").read_text(encoding="utf-8")
    expected_text = (project / "docs" / "data" / "text" / "alpha.txt").read_text(encoding="utf-8")
    raw = b"\xef\xbb\xbf" + PROSE.replace("\n", "\r\n").encode("utf-8")
    (project / "sources" / "alpha" / "raw.txt").write_bytes(raw)
    (project / "sources" / "beta" / "raw.txt").write_bytes(PROSE.replace("Stalin", "Lenin").replace("\n", "\r").encode())
    result = edition(project, "build")
    assert result.returncode == 0, result.stderr
    found = warnings(result)
    alpha, beta = project / "sources" / "alpha" / "raw.txt", project / "sources" / "beta" / "raw.txt"
    assert f"edition: warning: {alpha}:1: byte-order mark ignored" in found
    assert f"edition: warning: {alpha}:1: CR/CRLF line ends read as LF" in found
    assert f"edition: warning: {beta}:1: CR/CRLF line ends read as LF" in found
    assert (project / "docs" / "alpha" / "index.md").read_text(encoding="utf-8") == expected
    assert (project / "docs" / "data" / "text" / "alpha.txt").read_text(encoding="utf-8") == expected_text
    html = (project / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "\ufeff" not in html and "\r" not in html


# ------------------------------------------------------------- source.yml


def test_missing_source_yml(project):
    (project / "sources" / "alpha" / "source.yml").unlink()
    assert_refused(project, "sources/alpha/source.yml", None, "missing")


def test_source_yml_not_yaml(project):
    add_source(project, "gamma", meta="text: raw.txt\nbibliography: {kind: essay, title: [unclosed\nlayout: {}\n")
    assert_refused(project, "sources/gamma/source.yml", 3, "not valid YAML")


def test_source_yml_not_utf8(project):
    add_source(project, "gamma", meta=(META % "Café").encode("latin-1"))
    assert_refused(project, "sources/gamma/source.yml", 2, "not UTF-8")


def test_source_yml_not_a_mapping(project):
    add_source(project, "gamma", meta="- just\n- a list\n")
    assert_refused(project, "sources/gamma/source.yml", 1, "mapping")


@pytest.mark.parametrize("meta, line, field", [
    ("text: raw.txt\nlayout: {}\n", 1, "bibliography"),
    ("text: raw.txt\nbibliography:\n  kind: essay\nlayout: {}\n", 2, "'title'"),
    ("text: raw.txt\nbibliography:\n  title: X\n  kind:\n", 4, "'kind'"),
    ("text: raw.txt\nbibliography:\n  title: X\n  kind: novel\n", 4, "kind must be one of"),
    ("text: raw.txt\nbibliography:\n  title: 1984\n  kind: essay\n", 3, "must be a text"),
])
def test_source_yml_lacks_required_fields(project, meta, line, field):
    add_source(project, "gamma", meta=meta)
    assert_refused(project, "sources/gamma/source.yml", line, field)


def test_two_sources_with_the_same_slug(project):
    add_source(project, "gamma", meta=META % "Gamma" + "slug: alpha\n")
    message = assert_refused(project, "sources/gamma/source.yml", None, "already used")
    assert str(project / "sources" / "alpha") in message


@pytest.mark.parametrize("setting", ["slug: ../../escape", "slug: Has Spaces", "text: /etc/passwd",
                                     "text: ../alpha/raw.txt"])
def test_a_source_stays_in_its_folder(project, setting):
    add_source(project, "gamma", meta=f"bibliography: {{kind: essay, title: Gamma}}\nlayout: {{}}\n{setting}\n")
    assert_refused(project, "sources/gamma/source.yml", 3, setting.split(":")[0])


def test_repeated_keys_in_source_yml(project):
    add_source(project, "gamma", meta=META % "Gamma" + "text: other.txt\n")
    assert_refused(project, "sources/gamma/source.yml", 4, "key 'text' repeated", "line 1")


@pytest.mark.parametrize("layout, words", [
    ("layout: {pages: {marker: 'Page (\\d+'}}", ("layout.pages.marker", "regular expression")),
    ("layout: {pages: {marker: 'Page \\d+'}}", ("layout.pages.marker", "(?P<label>")),
    ("layout: {boilerplate: {lines: ['[unclosed']}}", ("layout.boilerplate.lines", "regular expression")),
    ("layout: [not, a, mapping]", ("layout must be a mapping",)),
])
def test_bad_layout_settings(project, layout, words):
    add_source(project, "gamma", meta="text: raw.txt\nbibliography: {kind: essay, title: X}\n" + layout + "\n")
    assert_refused(project, "sources/gamma/source.yml", 3, *words)


def test_hidden_folders_under_sources_are_ignored(project):
    (project / "sources" / ".git").mkdir()
    (project / "sources" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert edition(project, "convert").returncode == 0


# ---------------------------------------------------------- warnings only


def test_references_to_missing_notes_are_counted_once_per_source(project):
    meta = """text: raw.txt
bibliography: {kind: essay, title: Notes}
layout:
  headings: {strategies: [title-lines], notes: Notes}
  notes: {heading: Notes, number: '(\\d{1,3})\\.\\s', references: superscript}
"""
    superscript = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    refs = " ".join(f"word{str(n).translate(superscript)}" for n in range(2, 201))
    add_source(project, "gamma", f"A Title\n\nStalin ruled¹ and {refs}.\n\nNotes\n\n1. The one note printed.\n", meta)
    result = edition(project, "build")
    assert result.returncode == 0, result.stderr
    raw = project / "sources" / "gamma" / "raw.txt"
    found = [w for w in warnings(result) if str(raw) in w]
    assert found == [f"edition: warning: {raw}: 199 note references lead to no note (listed in gamma/editorial-notes)"]
    notes = (project / "docs" / "gamma" / "editorial-notes.md").read_text(encoding="utf-8")
    assert notes.count("reference without note") == 199 + 1  # each listed, and the summary row


def test_page_markers_repeated_or_out_of_order_are_warnings(project):
    meta = META % "Pages" + "layout: {pages: {marker: 'Page (?P<label>\\d+)'}}\n"
    raw = "A Title\n\nPage 1\n\nOne.\n\nPage 2\n\nTwo.\n\nPage 2\n\nThree.\n\nPage 1\n\nFour.\n"
    add_source(project, "gamma", raw, meta.replace("layout: {}\n", ""))
    result = edition(project, "build")
    assert result.returncode == 0, result.stderr
    path = project / "sources" / "gamma" / "raw.txt"
    assert warnings(result) == [
        f"edition: warning: {path}:11: page 2 after page 2: marker repeated or out of order",
        f"edition: warning: {path}:15: page 1 after page 2: marker repeated or out of order",
    ]
    html = (project / "site" / "gamma" / "index.html").read_text(encoding="utf-8")
    assert all(word in html for word in ("One.", "Two.", "Three.", "Four."))


def test_many_warnings_for_one_file_are_capped(project):
    meta = META % "Pages" + "layout: {pages: {marker: 'Page (?P<label>\\d+)'}}\n"
    raw = "A Title\n\n" + "".join(f"Page 1\n\nParagraph {n}.\n\n" for n in range(40))
    add_source(project, "gamma", raw, meta.replace("layout: {}\n", ""))
    result = edition(project, "convert")
    assert result.returncode == 0, result.stderr
    found = warnings(result)
    assert len(found) == 11
    assert found[-1].endswith(": 29 more warnings like these")


# ------------------------------------------------ staging and the build cache


def test_a_failure_after_conversion_leaves_every_output_as_it_was(project):
    (project / "sources" / "alpha" / "raw.txt").write_text(PROSE + "\nA new paragraph.\n", encoding="utf-8")
    shutil.rmtree(project / "overrides")  # MkDocs refuses: theme.custom_dir does not exist
    before, listing = outputs(project), sorted(os.listdir(project))
    result = edition(project, "build")
    error_line(result)
    assert "convert" in result.stderr  # the conversion ran; MkDocs failed after it
    assert outputs(project) == before
    assert sorted(os.listdir(project)) == listing


def test_a_refused_convert_leaves_docs_as_it_was(project):
    add_source(project, "zeta", b"")
    assert_refused(project, "sources/zeta/raw.txt", 1, "empty", command="convert")


def test_no_change_rebuild_is_skipped_and_a_change_rebuilds(project):
    # The copy has new modification times everywhere: first build again, then nothing changed.
    first = edition(project, "build")
    assert first.returncode == 0, first.stderr
    before = outputs(project)
    again = edition(project, "build")
    assert again.returncode == 0, again.stderr
    assert "nothing changed since the last build" in again.stderr and "skipped" in again.stderr
    assert again.stdout.strip() == str(project / "dist" / "stalin-edition-offline.zip")
    assert outputs(project) == before
    # Timestamps are not content: touching a source changes nothing.
    os.utime(project / "sources" / "alpha" / "raw.txt")
    assert "skipped" in edition(project, "build").stderr
    # A changed source rebuilds, and the change is published.
    (project / "sources" / "alpha" / "raw.txt").write_text(PROSE + "\nA brand-new paragraph.\n", encoding="utf-8")
    changed = edition(project, "build")
    assert changed.returncode == 0 and "skipped" not in changed.stderr, changed.stderr
    assert "A brand-new paragraph." in (project / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
    # Outputs that went missing are rebuilt, and --force always rebuilds.
    shutil.rmtree(project / "site")
    assert "skipped" not in edition(project, "build").stderr
    assert (project / "site" / "index.html").is_file()
    assert "skipped" not in edition(project, "build", "--force").stderr


# ------------------------------------------------------------- the register


def register(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


PERSONS = """\
- id: stalin-iosif
  name: Iosif Stalin
  variants: [Stalin, Koba, "I. V. Stalin"]
- id: bazhanov-boris
  name: Boris Bazhanov
"""
GLOSSARY = """\
- id: nep
  term: NEP
  definition: The New Economic Policy, 1921-1928.
  variants: [New Economic Policy]
"""


def test_register_good_files(tmp_path):
    persons = read_register(register(tmp_path, "persons.yml", PERSONS))
    assert [p["id"] for p in persons] == ["stalin-iosif", "bazhanov-boris"]
    assert persons[0]["variants"] == ["Stalin", "Koba", "I. V. Stalin"]
    assert read_register(register(tmp_path, "glossary.yml", GLOSSARY))[0]["term"] == "NEP"
    assert read_register(register(tmp_path, "persons.yml", "")) == []


@pytest.mark.parametrize("name, text, line, words", [
    ("persons.yml", "id: x\nname: y\n", 1, ("expected a list",)),
    ("persons.yml", PERSONS + "- just a string\n", 6, ("not a mapping",)),
    ("persons.yml", PERSONS + "- id: molotov\n  variants: [Molotov]\n", 6, ("'molotov'", "lacks required key 'name'")),
    ("persons.yml", PERSONS + "- id: molotov\n  name: ''\n", 7, ("'name' must be a non-empty text",)),
    ("persons.yml", PERSONS + "- id: molotov\n  name: [V, M]\n", 7, ("'name' must be a non-empty text",)),
    ("persons.yml", PERSONS + "- name: Molotov\n", 6, ("lacks required key 'id'",)),
    ("persons.yml", PERSONS + "- id: stalin-iosif\n  name: Stalin again\n", 6,
     ("duplicate id 'stalin-iosif'", "first used on line 1")),
    ("persons.yml", PERSONS + "- id: molotov\n  name: M\n  name: N\n", 8, ("key 'name' repeated", "line 7")),
    ("persons.yml", PERSONS + "- {id: molotov, name: M, variants: []}\n- {id: 7, name: N}\n", 7,
     ("'id' must be a non-empty text",)),
    ("persons.yml", PERSONS + "- id: molotov\n  name: M\n  variants: Molotov\n", 8, ("variants must be a list",)),
    ("persons.yml", PERSONS + "- id: molotov\n  name: M\n  variants: [Molotov, 3]\n", 8, ("variants must be a list",)),
    ("persons.yml", PERSONS + "- id: mo lotov\n  name: M\n", 6, ("id 'mo lotov'",)),
    ("persons.yml", PERSONS + "- id: molotov\n  name: [unclosed\n", 8, ("not valid YAML",)),
    ("glossary.yml", GLOSSARY + "- id: gulag\n  term: Gulag\n", 5, ("lacks required key 'definition'",)),
    ("glossary.yml", GLOSSARY + "- id: nep\n  term: N\n  definition: D\n", 5, ("duplicate id 'nep'",)),
])
def test_register_errors_name_the_file_and_the_entry_line(tmp_path, name, text, line, words):
    path = register(tmp_path, name, text)
    with pytest.raises(EditionError) as error:
        read_register(path)
    message = str(error.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert "\n" not in message
    for word in words:
        assert word in message, message


def test_register_not_utf8(tmp_path):
    path = register(tmp_path, "persons.yml", PERSONS.encode() + "- id: x\n  name: Café\n".encode("latin-1"))
    with pytest.raises(EditionError, match=re.escape(f"{path}:7: not UTF-8")):
        read_register(path)


def test_register_kind_comes_from_the_name_or_is_given(tmp_path):
    path = register(tmp_path, "people.yml", PERSONS)
    with pytest.raises(EditionError, match="unknown register"):
        read_register(path)
    assert len(read_register(path, kind="persons")) == 2
