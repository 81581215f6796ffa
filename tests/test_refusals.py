"""Inputs that once ended in a Python traceback, and files from outside a source.

Each is refused through `edition build` in a built temporary project (see
test_bad_input.py): exit 1, one `edition: error:` line naming the file (and
the line where there is one), no traceback, and docs/, site/ and dist/ exactly
as they were. These are the contract a profile schema must keep.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_bad_input import (EDITION, PROSE, add_source, assert_refused, built, edition,  # noqa: F401
                                  error_line, outputs, project)

ESSAY = "text: raw.txt\nbibliography:\n  kind: essay\n  title: Gamma\n"
MARKER = "layout:\n  pages: {marker: 'Page (?P<label>\\S+)'}\n"
TEXT_WITH = "A Title\n\nThe first page.\n\n%s\n\nThe second page.\n"  # %s is on line 5


# ------------------------------------------------------------- source.yml and the raw text

@pytest.mark.parametrize("meta, raw, file, line, words", [
    pytest.param(ESSAY + MARKER, TEXT_WITH % "Page 12a", "raw.txt", 5, ("'12a'", "not a page number", "source.yml:6"),
                 id="page label 12a"),
    pytest.param(ESSAY + MARKER, TEXT_WITH % "Page ²", "raw.txt", 5, ("'²'", "not a page number"),
                 id="superscript page label"),
    pytest.param(ESSAY + "layout:\n  pages:\n    first: 'A1'\n", PROSE, "source.yml", 7, ("pages.first", "'A1'"),
                 id="pages.first A1"),
    pytest.param(ESSAY + "  authors: Bazhanov\n", PROSE, "source.yml", 5, ("authors", "list of persons"),
                 id="authors a string"),
    pytest.param(ESSAY + "  authors: [Bazhanov, Doyle]\n", PROSE, "source.yml", 5, ("authors", "list of persons"),
                 id="authors a list of strings"),
    pytest.param(ESSAY + "  authors: [{given: Boris}]\n", PROSE, "source.yml", 5, ("authors", "family"),
                 id="author without a family name"),
    pytest.param(ESSAY + "  year: circa 1990\n", PROSE, "source.yml", 5, ("year", "digits"), id="year circa 1990"),
    pytest.param(ESSAY + "layout:\n  headings:\n    strategies: [chapter-numbers]\n", PROSE, "source.yml", 7,
                 ("headings.strategies", "chapter-numbers"), id="unknown heading strategy"),
    pytest.param(ESSAY + "layout:\n  headings:\n    strategies: all-caps\n", PROSE, "source.yml", 7,
                 ("headings.strategies", "list"), id="heading strategies not a list"),
    pytest.param(ESSAY + "layout:\n  notes:\n    heading: 'Notes ('\n", PROSE, "source.yml", 7,
                 ("notes.heading", "regular expression"), id="invalid notes.heading"),
    pytest.param(ESSAY + "layout:\n  headings:\n    notes: '[Notes'\n", PROSE, "source.yml", 7,
                 ("headings.notes", "regular expression"), id="invalid headings.notes"),
    pytest.param(ESSAY + "layout:\n  notes:\n    number: '\\d+\\.\\s'\n", PROSE, "source.yml", 7,
                 ("notes.number", "group"), id="notes.number without a group"),
    pytest.param(ESSAY + "layout:\n  pages:\n    blank_run: lots\n", PROSE, "source.yml", 7,
                 ("blank_run", "whole number"), id="blank_run lots"),
    pytest.param(ESSAY + "layout:\n  wrapping: hrad\n", PROSE, "source.yml", 6, ("wrapping", "hrad"),
                 id="wrapping misspelt"),
])
def test_profile_and_text_errors_are_one_line(project, meta, raw, file, line, words):
    add_source(project, "gamma", raw, meta)
    assert_refused(project, f"sources/gamma/{file}", line, *words)


# ------------------------------------------------------------------ the registers

PERSON = "- id: stalin\n  name: Iosif Stalin\n"


@pytest.mark.parametrize("register, entry, line, key", [
    ("persons.yml", PERSON + "  description: [a, list]\n", 3, "description"),
    ("persons.yml", PERSON + "  sort: {family: Stalin}\n", 3, "sort"),
    ("persons.yml", PERSON + "  index: Stalin, Iosif\n", 3, "index"),
    ("persons.yml", PERSON + "  index: [Stalin, 7]\n", 3, "index"),
    ("persons.yml", PERSON + "  born: [1878]\n", 3, "born"),
    ("glossary.yml", "- id: nep\n  term: NEP\n  definition: New Economic Policy\n  expansion: [a, b]\n", 4,
     "expansion"),
])
def test_register_fields_of_the_wrong_kind(project, register, entry, line, key):
    (project / "data" / register).write_text(entry, encoding="utf-8")
    assert_refused(project, f"data/{register}", line, key)


# ------------------------------------------------- files from outside a source (item 6)

@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("A Secret\n\nThe password is hunter2.\n", encoding="utf-8")
    return path


def _link(link: Path, target) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to(target)


@pytest.mark.parametrize("arrange, file", [
    (lambda p, s: _link(p / "sources/alpha/raw.txt", s), "sources/alpha/raw.txt"),
    (lambda p, s: _link(p / "sources/alpha/raw.txt", "/etc/passwd"), "sources/alpha/raw.txt"),
    (lambda p, s: (_link(p / "sources/alpha/inner", s.parent),
                   (p / "sources/alpha/source.yml").write_text(ESSAY.replace("raw.txt", "inner/secret.txt"))),
     "sources/alpha/inner"),
    (lambda p, s: (shutil.copytree(p / "sources/alpha", s.parent / "alpha"), shutil.rmtree(p / "sources/alpha"),
                   _link(p / "sources/alpha", s.parent / "alpha")), "sources/alpha"),
    (lambda p, s: _link(p / "sources/alpha/source.yml", s), "sources/alpha/source.yml"),
], ids=["raw.txt links to a file", "raw.txt links to /etc/passwd", "text: in a linked folder",
        "the source folder is a link", "source.yml links out"])
def test_nothing_is_read_from_outside_a_source(project, secret, arrange, file):
    arrange(project, secret)
    message = assert_refused(project, file, None, "symbolic link")
    site = " ".join(p.read_text(errors="replace") for p in (project / "site").rglob("*") if p.is_file())
    assert "hunter2" not in site and "root:x:" not in site and "hunter2" not in message


@pytest.mark.parametrize("target", ["raw.txt", "missing.txt"], ids=["loop", "dangling"])
def test_a_broken_link_is_one_line(project, target):
    _link(project / "sources/alpha/raw.txt", target)
    assert_refused(project, "sources/alpha/raw.txt", None, "symbolic link", "loop" if target == "raw.txt" else "missing")


# ------------------------------------------------------------- the machine refuses

def test_cache_folder_that_is_a_file(project):
    shutil.rmtree(project / ".cache")
    (project / ".cache").write_text("not a folder\n")
    (project / "sources/alpha/raw.txt").write_text(PROSE + "\nNew.\n")  # so that the build is not skipped
    before = outputs(project)
    message = error_line(edition(project, "build"))
    assert message.startswith(f"edition: error: {project / '.cache'}: "), message
    assert "remove or rename it" in message
    assert outputs(project) == before


def test_file_size_limit_hit_while_writing(project):
    (project / "sources/alpha/raw.txt").write_text(PROSE + "\nNew.\n")
    before = outputs(project)
    limit = 300_000  # past the converted docs, short of the theme's larger scripts

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([str(EDITION), "--root", str(project), "build"], capture_output=True, text=True,
                            preexec_fn=limited, timeout=180, env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})
    message = error_line(result)
    assert str(project / ".cache" / "edition" / "stage") in message and "ulimit -f" in message, message
    assert outputs(project) == before
    assert edition(project, "build").returncode == 0  # and the next build, without the limit, is fine


@pytest.fixture
def unwritable(project):
    """site/ made unwritable: immutable (root ignores modes), or read-only for anyone else."""
    site = project / "site"
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(site)], capture_output=True)
        if done.returncode:
            pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
        yield site
        subprocess.run(["chattr", "-i", str(site)], check=True)
    else:
        project.chmod(0o555)
        yield site
        project.chmod(0o755)


def test_site_that_cannot_be_replaced(project, unwritable):
    (project / "sources/alpha/raw.txt").write_text(PROSE + "\nNew.\n")
    before = outputs(project)
    message = error_line(edition(project, "build"))
    assert str(project) in message and ("make it writable" in message or "permission" in message.lower()), message
    assert outputs(project) == before


# ------------------------------------------------------- hangs and bombs (items 7 and 8)

def test_a_catastrophic_pattern_stops_with_one_line(project):
    meta = ESSAY + "layout:\n  boilerplate:\n    lines: ['(a|a)+$']\n"
    add_source(project, "gamma", "A Title\n\nProse.\n\n" + "a" * 40 + "!\n", meta)
    message = assert_refused(project, "sources/gamma/source.yml", 7, "layout.boilerplate.lines", "may never finish")
    assert f"{project / 'sources/gamma/raw.txt'}:5 " in message, message  # the raw line being matched


def test_a_catastrophic_page_marker_stops_with_one_line(project):
    meta = ESSAY + "layout:\n  pages:\n    marker: '(?P<label>(x|x)+y)'\n"
    add_source(project, "gamma", "A Title\n\n" + "x" * 40 + "\n\nProse.\n", meta)
    assert_refused(project, "sources/gamma/source.yml", 7, "layout.pages.marker", "raw.txt:3")


def _bomb(levels: int = 9) -> str:
    lines = ['  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("file, text, line", [
    ("sources/alpha/source.yml", ESSAY + "bomb:\n" + _bomb(), 6),
    ("data/persons.yml", PERSON + "  bomb:\n" + _bomb().replace("\n  ", "\n    ").replace("  l0", "    l0", 1), 4),
    ("data/anchors-moved.yml", "bomb:\n" + _bomb(), 2),
    ("mkdocs.yml", None, None),
], ids=["source.yml", "persons.yml", "anchors-moved.yml", "mkdocs.yml"])
def test_yaml_alias_bombs_are_refused(project, file, text, line):
    if text is None:
        text = (project / file).read_text(encoding="utf-8") + "bomb:\n" + _bomb()
    (project / file).write_text(text, encoding="utf-8")
    assert_refused(project, file, line, "aliases", "values")


def test_a_value_that_contains_itself_is_refused(project):
    (project / "sources/alpha/source.yml").write_text(ESSAY + "loop: &me [1, *me]\n", encoding="utf-8")
    assert_refused(project, "sources/alpha/source.yml", 5, "contains itself")


@pytest.mark.parametrize("file", ["sources/alpha/raw.txt", "data/persons.yml"])
def test_files_past_the_size_limit_are_refused_unread(project, file):
    from build_tools.read import MAX_TEXT_BYTES, MAX_YAML_BYTES

    with open(project / file, "ab") as f:  # sparse: nothing is written, the size says it all
        f.truncate((MAX_TEXT_BYTES if file.endswith(".txt") else MAX_YAML_BYTES) + 1)
    assert_refused(project, file, None, "larger than", "the limit")


def test_mkdocs_yml_inheriting_itself_is_refused(project):
    (project / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as f:
        f.write("INHERIT: base.yml\n")
    assert_refused(project, "base.yml", 1, "INHERIT", "leads back")


# ------------------------------------------------ removal rules that take the text (item 10)

REGIONS = "Kuban Don Volga Ukraine Siberia Urals Kazakhstan Belorussia Crimea Caucasus".split()
TEN_PARAGRAPHS = "A Title\n\n" + "\n\n".join(  # ten different paragraphs (not one repeated with numbers)
    f"Paragraph {n}: the peasants of the {region} paid for the plan with their grain, and the party said that "
    "it was the only way to build the state that Lenin had wanted." for n, region in enumerate(REGIONS, 1)) + "\n"


@pytest.mark.parametrize("layout, line, words", [
    ("  boilerplate:\n    lines: ['.*']\n", 7, ("layout.boilerplate.lines", "'.*'", "removed", "of the source's")),
    ("  boilerplate:\n    inline: ['the .*']\n", 7, ("layout.boilerplate.inline", "removed")),
    ("  preamble:\n    until: 'Paragraph 10:.*'\n", 7, ("layout.preamble.until", "removed")),
    ("  pages:\n    running_head: '(?P<label>\\d+): .*'\n", 7, ("layout.pages.running_head", "removed")),
])
def test_a_rule_that_removes_the_text_fails_the_build(project, layout, line, words):
    text = TEN_PARAGRAPHS * 3 if "running_head" not in layout else TEN_PARAGRAPHS.replace("Paragraph ", "19") * 3
    add_source(project, "gamma", text, ESSAY + "layout:\n" + layout)
    message = assert_refused(project, "sources/gamma/source.yml", line, *words)
    assert "raw.txt:" in message and "the peasants of the" in message, message  # what it removed, quoted


def test_a_banner_on_every_short_page_is_not_the_text(project):
    # A download notice on each page of 40 words is an eighth of the words, but one notice.
    pages = [f"[p. {n}]\nDownloaded from archive.example.org by reader 1187 on {n} March 2019\n\n" + TEN_PARAGRAPHS
             .split("\n\n")[1 + n % 10] for n in range(1, 41)]
    add_source(project, "gamma", "A Title\n\n" + "\n\n".join(pages) + "\n", ESSAY + "layout:\n  pages:\n    marker: "
               "'\\[p\\. (?P<label>\\d+)\\]'\n  boilerplate:\n    lines: ['Downloaded from .*']\n")
    converted = edition(project, "convert")
    assert converted.returncode == 0, converted.stderr
    text = (project / "docs" / "data" / "text" / "gamma.txt").read_text(encoding="utf-8")
    assert "Downloaded" not in text and "the peasants of the Kuban" in text


def test_a_rule_that_removes_a_few_prose_lines_fails_too(project):
    # Four different sentences, a small share of a long text: the pattern was meant for a notice.
    text = TEN_PARAGRAPHS.replace("Paragraph 1:", "Note: the peasants").replace("Paragraph 2:", "Note: a") \
        .replace("Paragraph 3:", "Note: b").replace("Paragraph 4:", "Note: c") + ("\n\nMore text. " * 400)
    add_source(project, "gamma", text, ESSAY + "layout:\n  boilerplate:\n    lines: ['Note: .*']\n")
    assert_refused(project, "sources/gamma/source.yml", 7, "read like prose", "raw.txt:3")
