"""The self-check in the pipeline and on the command line: findings cached with
each source's contribution, written to docs/data/check.json and the
editorial notes, one summary line per source in the build, details from
`edition check`, and --strict failing on a damaged copy of a real source with
each finding named at its place.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.pipeline import write_editions

from .util import convert

ROOT = Path(__file__).resolve().parents[1]
EDITION = Path(sys.executable).with_name("edition")
BRENT = "brent-inside-the-stalin-archives"
ESSAY = "An Essay\n\nStalin ruled the party and the state. The peasants paid for it.\n\nA second paragraph, to end.\n"
META = "text: raw.txt\nbibliography: {kind: essay, title: An Essay}\nlayout: {headings: {strategies: [first-line-title]}}\n"


def project(folder: Path) -> Path:
    """A project holding what `edition convert` and `edition check` read: sources/ and empty registers."""
    (folder / "sources").mkdir(parents=True)
    (folder / "data").mkdir()
    for register in ("persons.yml", "glossary.yml"):
        (folder / "data" / register).write_text("[]\n", encoding="utf-8")
    return folder


def add_source(root: Path, slug: str, raw: str, meta: str = META) -> Path:
    folder = root / "sources" / slug
    folder.mkdir(parents=True)
    (folder / "raw.txt").write_text(raw, encoding="utf-8")
    (folder / "source.yml").write_text(meta, encoding="utf-8")
    return folder / "raw.txt"


def edition(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EDITION), "--root", str(root), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})


# ------------------------------------------------------------------ pipeline


def test_findings_reach_check_json_and_the_editorial_notes_escaped_and_linked(tmp_path):
    damaged = "An Essay\n\nKotkin wrote it. Find this resource: <b>Penguin</b> | 2014.\n"
    done = write_editions([convert(damaged, {"headings": {"strategies": ["first-line-title"]}})], tmp_path / "docs")
    finding, = done[0].findings
    assert (finding.kind, finding.part) == ("portal text", "index")
    records = json.loads((tmp_path / "docs" / "data" / "check.json").read_text(encoding="utf-8"))
    assert records == [finding.record()]
    notes = (tmp_path / "docs" / "test" / "editorial-notes.md").read_text(encoding="utf-8")
    assert "## Self-check" in notes and "1 debris" in notes
    row = next(line for line in notes.splitlines() if "portal text" in line)
    assert f"](index.md#{finding.anchor})" in row
    assert "&lt;b&gt;Penguin&lt;/b&gt; &#124; 2014" in row and "<b>" not in row


def test_review_items_are_counted_in_the_editorial_notes_but_listed_once(tmp_path):
    text = "An Essay\n\nIt was said.1 Find this resource: elsewhere.\n"
    layout = {"headings": {"strategies": ["first-line-title"]}, "notes": {"references": "glued", "absent": True}}
    done = write_editions([convert(text, layout)], tmp_path / "docs")
    assert sorted((f.kind, f.review) for f in done[0].findings) == [("portal text", False), ("reference without note", True)]
    notes = (tmp_path / "docs" / "test" / "editorial-notes.md").read_text(encoding="utf-8")
    check = notes[notes.index("## Self-check"):]
    assert "1 for review (the items for review are the emendations marked *review* above)" in check
    assert "portal text" in check and "reference without note" not in check
    assert "reference without note (*review*)" in notes[:notes.index("## Self-check")]


def test_a_clean_source_has_an_empty_check_file_and_says_so(tmp_path):
    done = write_editions([convert(ESSAY, {"headings": {"strategies": ["first-line-title"]}})], tmp_path / "docs")
    assert done[0].findings == []
    assert (tmp_path / "docs" / "data" / "check.json").read_text(encoding="utf-8") == "[]\n"
    notes = (tmp_path / "docs" / "test" / "editorial-notes.md").read_text(encoding="utf-8")
    assert "0 split words, 0 debris" in notes and "| Where | Check |" not in notes


# ------------------------------------------------------------------ command line


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("check") / "project")
    add_source(root, "clean", ESSAY)
    add_source(root, "portal", ESSAY.replace("paid for it.", "paid for it. Find this resource:"))
    return root


def test_the_build_prints_one_summary_line_per_source(small):
    result = edition(small, "convert")
    assert result.returncode == 0, result.stderr
    lines = [l for l in result.stderr.splitlines() if l.startswith("check: ")]
    assert lines == [
        "check: clean: 0 split words, 0 debris, 0 headings, 0 paragraphs, 0 page anchors, 0 not linked, 0 registers, 0 apparatus, 0 for review",
        "check: portal: 0 split words, 1 debris, 0 headings, 0 paragraphs, 0 page anchors, 0 not linked, 0 registers, 0 apparatus, 0 for review",
    ]
    assert json.loads((small / "docs" / "data" / "check.json").read_text(encoding="utf-8"))[0]["source"] == "portal"


def test_check_strict_passes_on_a_clean_source_and_fails_on_a_damaged_one(small):
    clean = edition(small, "check", "--strict", "clean")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.splitlines()[0].startswith("clean: 0 split words")
    damaged = edition(small, "check", "--strict", "portal")
    assert damaged.returncode == 1 and "Traceback" not in damaged.stderr
    assert damaged.stderr.strip() == "edition: error: check --strict: portal: 1 to fix (items marked for review aside)"
    assert "portal text" in damaged.stdout and "line 3, index#para-start-1" in damaged.stdout


def test_check_refuses_an_unknown_source_in_one_line(small):
    result = edition(small, "check", "nosuch")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"edition: error: {small / 'sources'}: no source nosuch (the sources are clean, portal)")


def damage_brent(root: Path) -> dict[str, int]:
    """A copy of Brent with four kinds of damage; the raw line of each."""
    folder = root / "sources" / BRENT
    shutil.copytree(ROOT / "sources" / BRENT, folder)
    raw = folder / "raw.txt"
    lines = raw.read_text(encoding="utf-8").split("\n")
    find = lambda text: next(i for i, line in enumerate(lines) if text in line)
    i = find("though Stalin had imprisoned")
    lines[i] = lines[i].replace("imprisoned", "impris- oned")  # a split word
    head = lines.pop(find(" 14 Inside the Stalin Archives"))  # page 14's running head, a page later
    j = find("Exercising “the most savage")
    lines[j:j] = [head, ""]
    k = find("discovered by Richard Pipes")  # the first line of page 11 (after its blank lines)
    lines[k:k] = ["Introduction 11"]  # a recto running head left in
    a, b = find("Molotov was not alone"), find("to warn me that total disclosure")
    lines[a:b - 4] = [line for line in lines[a:b - 4] if line.strip()]  # pages 2 to 6 lose their paragraph breaks
    raw.write_text("\n".join(lines), encoding="utf-8")
    where = {"split": find("impris- oned"), "head": find("Introduction 11"), "lost": find("Molotov was not alone"),
             "moved": find(" 14 Inside the Stalin Archives")}
    return {what: i + 1 for what, i in where.items()}


def test_check_strict_names_each_damage_of_a_real_source_at_its_place(tmp_path):
    root = project(tmp_path / "project")
    damage = damage_brent(root)
    result = edition(root, "check", "--strict", "--json", BRENT)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"edition: error: check --strict: {BRENT}: ")
    found = json.loads(result.stdout)
    assert {f["source"] for f in found} == {BRENT}
    split = [f for f in found if f["kind"] == "split word"]
    assert len(split) == 1 and "impris- oned" in split[0]["quote"] and split[0]["page"] == "1"
    head = [f for f in found if f["kind"] == "running head"]
    assert len(head) == 1 and "Introduction 11" in head[0]["quote"] and head[0]["page"] == "11"
    long = [f for f in found if f["kind"] == "long paragraph"]
    assert len(long) == 1 and long[0]["line"] == damage["lost"] and long[0]["quote"].startswith("Molotov was not alone")
    moved = [f for f in found if f["check"] == "page anchors" and f["page"] == "14"]
    assert [(f["kind"], f["line"]) for f in moved] == [("page anchor misplaced", damage["moved"])]
    assert all(f["anchor"] and f["part"] == "index" for f in found)
    # The same findings in the words of `edition check`, each with its page, line and anchor.
    text = edition(root, "check", BRENT).stdout
    assert f"p. 14, line {damage['moved']}, index#{moved[0]['anchor']}: page anchor misplaced" in text
