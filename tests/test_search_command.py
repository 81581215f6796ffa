"""`edition search` (build_tools/search_index.py's command line): source, printed page and words in
context per hit, --limit, --json, exit 1 when nothing matches."""
from __future__ import annotations

import json
import shutil

import pytest

from build_tools import cli
from build_tools import search_index as si
from tests.test_search_index import make_docs, para


def page_break(label: str) -> str:
    return f'<a class="page-break" id="p-{label}" href="#p-{label}" data-page="{label}"></a>'


CHAPTER = f"""# {page_break("11")}Kiev {{ #kiev }}

{para("para-11-1")}Trotsky left Kiev in the spring, {page_break("12")}long before the others.

{para("para-12-1")}In Kiev the committee met again.

> {page_break("13")}{para("para-13-1")}A letter from Kiev, quoted.

[^1]: {para("para-99-1")}A note on Kiev.
"""
OTHER = f"""# Elsewhere

{para("para-1")}{"Words before the place. " * 12}Then Kiev, and {"more words after it. " * 12}
"""


@pytest.fixture
def project(tmp_path):
    """A project folder whose site/ holds the index of a two-page edition."""
    docs = make_docs(tmp_path, {"one/chapter.md": CHAPTER, "one/other.md": OTHER})
    si.write_index(docs, tmp_path / "site")
    return tmp_path


def test_each_entry_knows_the_printed_page_it_begins_on():
    _, entries = si.page_entries(CHAPTER, 0)
    assert [(e.anchor, e.printed) for e in entries] == [
        ("kiev", "11"), ("para-11-1", "11"), ("para-12-1", "12"), ("para-13-1", "13"),
        ("para-99-1", ""),  # a note: printed elsewhere
    ]


def test_a_snippet_shows_whole_words_around_the_match():
    text = "Words before the place. " * 12 + "Then Kiev, and " + "more words after it. " * 12
    cut = si.snippet(text, ["kiev"], width=80)
    assert "Kiev" in cut and cut.startswith("…") and cut.endswith("…")
    inner = cut.strip("…")
    assert f" {inner} " in f" {text} "  # begins and ends at a word


def source_name(project) -> str:
    """The source as the index names it (the navigation's name for it)."""
    pages, _ = si.read_docs(project / "docs")
    assert pages[0].source
    return pages[0].source


def run(capsys, project, *args) -> tuple[int, str]:
    code = cli.main(["--root", str(project), "search", *args])
    return code, capsys.readouterr().out


def test_hits_show_source_page_and_words_in_context(project, capsys):
    code, out = run(capsys, project, "Kiev")
    assert code == 0
    assert f"Kiev ({source_name(project)})" in out.splitlines()
    assert "one/chapter.html#para-12-1  p. 12" in [line.strip() for line in out.splitlines()]
    assert "In Kiev the committee met again." in out


def test_limit_and_json(project, capsys):
    code, out = run(capsys, project, "Kiev", "--json", "--limit", "1")
    assert code == 0
    found = json.loads(out)
    assert len(found["pages"]) == 1 and found["total"] == 6
    hit = found["pages"][0]["hits"][0]
    assert found["pages"][0]["source"] == source_name(project)
    assert {"location", "page", "snippet", "text"} <= set(hit) and "Kiev" in hit["snippet"]
    _, out = run(capsys, project, "Kiev", "--json", "--limit", "2")
    assert len(json.loads(out)["pages"]) == 2


def test_nothing_found_exits_1(project, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--root", str(project), "search", "qwertyuiop"])
    assert stop.value.code == 1
    with pytest.raises(SystemExit) as stop:
        cli.main(["--root", str(project), "search", "qwertyuiop", "--json"])
    assert stop.value.code == 1 and json.loads(capsys.readouterr().out)["pages"] == []


def test_no_index_or_a_bad_limit_is_one_line(project, capsys):
    assert cli.main(["--root", str(project), "search", "Kiev", "--limit", "0"]) == 1
    assert "--limit 0" in capsys.readouterr().err
    shutil.rmtree(project / "site")
    assert cli.main(["--root", str(project), "search", "Kiev"]) == 1
    assert "build the site first" in capsys.readouterr().err
