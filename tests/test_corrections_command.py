"""corrections.yml through the `edition` command: a bad or stale entry refuses the build with one
line naming the file and its line and leaves docs/, site/ and dist/ as they were (the helpers of
test_bad_input.py); `edition review` lists what waits, with the lines that settle it."""
from __future__ import annotations

import html
import json

import pytest

from tests.test_bad_input import PROSE, add_source, assert_refused, built, edition, project  # noqa: F401
from tests.test_check_command import add_source as add_checked_source, edition as run, project as checked_project

DASHES = "text: raw.txt\nbibliography: {kind: essay, title: Gamma}\nlayout: {lost_dashes: true}\n"
RAW = "A Short Essay\n\nStalin ruled the party, as page 41819 of the memoir says. The peasants paid.\n\nA second paragraph, to end.\n"


def corrections(root, text: str, source: str = "alpha"):
    (root / "sources" / source / "corrections.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("text, line, words", [
    ("- accept: lost-dash-7f3a2c\n  note: a range\n", 1, ["accept lost-dash-7f3a2c", "no entry of the apparatus",
                                                        "edition review alpha"]),
    ("- reject: lost-dash-1a2b3c\n- replace:\n    find: Trotsky\n    with: Lenin\n    note: n\n", 1,
     ["reject lost-dash-1a2b3c"]),
    ("- replace:\n    find: Trotsky\n    with: Lenin\n    note: n\n", 2, ["“Trotsky” occurs nowhere"]),
    ("- comment:\n    at: the\n    note: n\n", 2, ["“the” occurs 2 times", "before:/after:"]),
    ("- replace: {find: Stalin}\n", 1, ["entry 1.replace needs 'with'"]),
    ("- reject: x\n  accept: x\n", 1, ["must do one of"]),
    ("- replace: [unclosed\n", 2, ["not valid YAML"]),
], ids=["stale id", "first of two wrong", "find nowhere", "at twice", "replace without with", "two actions",
        "not YAML"])
def test_a_bad_or_stale_correction_refuses_the_build_and_writes_nothing(project, text, line, words):
    corrections(project, text)
    assert_refused(project, "sources/alpha/corrections.yml", line, *words)


def test_a_correction_builds_into_the_site(project):
    corrections(project, "- replace: {find: peasants paid, with: peasants paid dearly, note: the editor's example}\n"
                         "- comment: {at: the state, note: the Soviet state.}\n")
    result = edition(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "peasants paid dearly" in page and 'class="editorial" href="editorial-notes.html#correction-' in page
    assert "Ed.\u00a01" in html.unescape(page) and "the Soviet state." in page
    records = json.loads((project / "site" / "data" / "emendations.json").read_text(encoding="utf-8"))
    assert {r["kind"] for r in records if r["resp"] == "editor"} == {"correction", "comment"}


# ------------------------------------------------------------------ edition review


def test_review_lists_open_items_with_the_line_that_settles_them(tmp_path):
    root = checked_project(tmp_path / "p")
    add_checked_source(root, "gamma", RAW, DASHES)
    listed = run(root, "review", "gamma")
    assert listed.returncode == 0, listed.stderr
    first = listed.stdout.splitlines()[0]
    assert first.startswith("gamma: 1 open review item in the apparatus"), listed.stdout
    assert "41819 → 418–19" in listed.stdout and "page 41819 of the memoir" in listed.stdout  # the words around it
    paste = next(line.strip() for line in listed.stdout.splitlines() if line.strip().startswith("- accept:"))
    records = json.loads(run(root, "review", "gamma", "--json").stdout)
    assert [r["entry"] for r in records] == [paste.split(": ")[1]]
    (root / "sources" / "gamma" / "corrections.yml").write_text(paste + "\n  note: no memoir has 41819 pages\n",
                                                                 encoding="utf-8")
    settled = run(root, "review", "gamma")
    assert settled.stdout.splitlines()[0].startswith("gamma: 0 open review items in the apparatus (1 settled by the editor)")
    check = run(root, "check", "gamma")
    assert check.stdout.splitlines()[0].endswith("0 for review (1 settled by the editor)")
