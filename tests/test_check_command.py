"""The self-check in the pipeline: findings cached with each source's
contribution, written to docs/data/check.json and the editorial notes.
"""
from __future__ import annotations

import json

from build_tools.pipeline import write_editions

from .util import convert

ESSAY = "An Essay\n\nStalin ruled the party and the state. The peasants paid for it.\n\nA second paragraph, to end.\n"


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


def test_a_clean_source_has_an_empty_check_file_and_says_so(tmp_path):
    done = write_editions([convert(ESSAY, {"headings": {"strategies": ["first-line-title"]}})], tmp_path / "docs")
    assert done[0].findings == []
    assert (tmp_path / "docs" / "data" / "check.json").read_text(encoding="utf-8") == "[]\n"
    notes = (tmp_path / "docs" / "test" / "editorial-notes.md").read_text(encoding="utf-8")
    assert "0 split words, 0 debris" in notes and "| Where | Check |" not in notes
