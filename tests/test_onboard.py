"""`edition add`: each inference on a few lines made for it, the profile it writes, the command end to end.

The texts are built here: sentences of plain prose, laid out as each test
needs (hard-wrapped, paged, with running heads, notes...). Where a finding
becomes a setting the converter reads, the test also converts the text with
the inferred profile and checks the result, not only the setting.
"""
from __future__ import annotations

import random
import re
import statistics
import textwrap
from pathlib import Path

import pytest
import yaml

from build_tools import cli
from build_tools.model import EditionError, Link
from build_tools.onboard import infer_layout
from build_tools.onboard.add import add_source
from build_tools.onboard.profile import layout_settings, nest, source_yml
from build_tools.read import read_source
from build_tools.write.text import reading_text
from tests.util import blocks, convert, texts

WORDS = ("the party met again in spring when delegates argued over grain procurements while a secretary kept "
         "minutes of every session and peasants waited for news from distant towns along frozen rivers where "
         "officials counted sacks wagons horses debts promises letters telegrams orders rumours quarrels").split()


def sentence(k: int, length: int = 14) -> str:
    """A sentence of its own (no two alike), so that no line of prose recurs."""
    pick = random.Random(k)
    return " ".join(pick.choice(WORDS) for _ in range(length)).capitalize() + "."


def paragraph(k: int, sentences: int = 5) -> str:
    return " ".join(sentence(k * 10 + i, 10 + (k + i) % 7) for i in range(sentences))


def hard(paragraphs: list[str], width: int = 60) -> list[list[str]]:
    return [textwrap.wrap(p, width) for p in paragraphs]


def layout(text: str) -> dict:
    return nest(layout_settings(infer_layout(text).findings))


def pages_of(lines: list[str], per_page: int) -> list[list[str]]:
    return [lines[i:i + per_page] for i in range(0, len(lines), per_page)]


def paged(pages: list[list[str]], top, bottom=None) -> str:
    out = []
    for n, page in enumerate(pages, start=1):
        out += top(n) if top else []
        out += page
        out += bottom(n) if bottom else []
    return "\n".join(out) + "\n"


def blank_parted(paragraphs: list[list[str]]) -> list[str]:
    out = []
    for p in paragraphs:
        out += p + [""]
    return out


def page_labels(edition) -> list[str]:
    return [p.label for b in blocks(edition) for p in b.pages()]


# ------------------------------------------------------------------ wrapping and paragraphs


def test_hard_wrapped_lines_are_told_from_one_paragraph_per_line():
    paragraphs = [paragraph(k) for k in range(8)]
    assert layout("\n".join(blank_parted(hard(paragraphs))))["wrapping"] == "hard"
    assert layout("\n\n".join(paragraphs))["wrapping"] == "soft"


def test_paragraphs_without_blank_lines_are_found_by_indentation():
    lines = []
    for p in hard([paragraph(k) for k in range(8)]):
        lines += ["    " + p[0]] + p[1:]
    found = layout("\n".join(lines))
    assert found["wrapping"] == "hard" and found["paragraph_breaks"] == "indent"


def test_paragraphs_without_blank_lines_are_found_by_a_short_last_line():
    lines = [l for p in hard([paragraph(k) for k in range(8)]) for l in p]
    found = layout("\n".join(lines))
    assert found["paragraph_breaks"] == "line-shape"


def test_blank_lines_between_paragraphs_need_no_setting():
    assert "paragraph_breaks" not in layout("\n".join(blank_parted(hard([paragraph(k) for k in range(8)]))))


def test_line_end_hyphens_and_broken_ligatures_are_counted():
    seasons = ["spring", "summer", "autumn"]
    places = ["Moscow", "Kiev", "Tiflis"]
    text = "".join(f"In the {seasons[k]} the delegates met and the {places[k]} secre-\ntary kept the {seasons[k]} "
                   f"minutes of the ses-\nsion while the offi cials of {places[k]} argued over the fi ve plans and "
                   f"the\nfi nal figures of the {seasons[k]}.\n" for k in range(3))
    ev = infer_layout(text)
    assert ev.value("line_end_hyphens") == 6
    assert ev.value("ligature_gaps") >= 6


# ------------------------------------------------------------------ page markers


@pytest.mark.parametrize("shape, make", [
    ("Page N", lambda n: f"Page {n}"),
    ("[p. N]", lambda n: f"[p. {n}]"),
    ("- N -", lambda n: f"- {n} -"),
    ("N", lambda n: f"{n}"),
])
def test_page_number_lines_of_each_shape_become_page_breaks(shape, make):
    paragraphs = [paragraph(k) for k in range(12)]
    pages = pages_of(blank_parted(hard(paragraphs)), 14)
    text = paged(pages, top=lambda n: ["", make(n + 40), ""])
    found = layout(text)
    assert f"'{shape}'" in next(f.evidence for f in infer_layout(text).findings if f.name == "page_marker")
    edition = convert(text, found)
    assert page_labels(edition) == [str(n + 40) for n in range(1, len(pages) + 1)]
    assert not any(re.fullmatch(r"\W*\d+\W*|Page \d+", t) for t in texts(edition))


def test_a_bare_number_out_of_the_sequence_stays_text():
    paragraphs = [paragraph(k) for k in range(10)]
    pages = pages_of(blank_parted(hard(paragraphs)), 14)
    text = "8\n\nTHE FIRST CHAPTER\n\n" + paged(pages, top=lambda n: ["", str(n + 20), ""])
    found = layout(text)
    assert re.compile(found["pages"]["marker"]).fullmatch("8") is None
    assert re.compile(found["pages"]["marker"]).fullmatch("23")


def test_numbers_printed_at_the_foot_of_their_page_are_said_to_close_it():
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(10)])), 14)
    text = paged(pages, top=None, bottom=lambda n: ["", str(n + 100), ""])
    found = layout(text)
    assert found["pages"]["marker_ends_page"] is True
    assert found["pages"]["first"] == "101"


def test_form_feeds_alone_are_reported_as_page_starts():
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(10)])), 14)
    text = "\n".join("\f" + "\n".join(p) for p in pages)
    ev = infer_layout(text)
    assert ev.value("form_feeds") is True
    assert any("pages.first" in d.what for d in ev.doubts)


# ------------------------------------------------------------------ running heads


def test_alternating_running_heads_with_ocr_damage_are_all_removed_and_numbered():
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(20)])), 16)[:9]
    heads = {2: "2 A Book of Grain", 3: "The Spring Session 3", 4: "(4 A Book of Grain", 5: "The Spring Session 5",
             6: "6 A Book of Grain", 7: "The Spring Sesion 7", 8: "l8 A Book of Grain", 9: "The Spring Session 9"}
    text = paged(pages, top=lambda n: [heads[n], ""] if n in heads else [])
    found = layout(text)
    assert found["pages"]["first"] == "1"
    edition = convert(text, found)
    assert not any("Book of Grain" in t or "Spring Sess" in t for t in texts(edition))
    labels = sorted(int(l) for l in page_labels(edition) if l)
    assert labels == list(range(1, len(pages) + 1))


def test_blank_line_runs_where_a_head_is_missing_are_page_breaks():
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(14)])), 16)
    text = paged(pages, top=lambda n: [f"{n} A Book of Grain", ""] if n % 2 == 0 else ["", "", ""] if n > 1 else [])
    found = layout(text)
    assert found["pages"]["blank_run"] == 3
    assert found["pages"]["first"] == "1"


def test_a_title_line_that_recurs_without_a_rising_number_is_no_running_head():
    lines = []
    for k in range(6):
        lines += [f"Table {k + 1} Grain procurements", "", paragraph(k), ""]
    assert "pages" not in layout("\n".join(lines) * 2)


# ------------------------------------------------------------------ boilerplate


def test_a_line_repeated_on_many_pages_is_boilerplate_whatever_its_digits():
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(12)])), 14)
    text = paged(pages, top=lambda n: [f"Page {n}", ""],
                 bottom=lambda n: ["", f"Downloaded from the archive on 1{n} May 2020", ""])
    found = layout(text)
    edition = convert(text, found)
    assert not any("Downloaded" in t for t in texts(edition))
    assert len(found["boilerplate"]["lines"]) == 1


def test_a_line_repeated_on_a_few_of_many_pages_is_left_alone():
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(30)])), 10)
    text = paged(pages, top=lambda n: [f"Page {n}", ""],
                 bottom=lambda n: ["", "Photograph by the author, Moscow", ""] if n % 10 == 0 else [])
    assert "boilerplate" not in layout(text)


# ------------------------------------------------------------------ notes


def noted(style: str) -> str:
    marks = {"superscript": lambda n: "¹²³⁴⁵⁶⁷⁸⁹"[n - 1], "glued": str, "parenthesised": lambda n: f" ({n})",
             "bracketed": lambda n: f"[{n}]"}[style]
    paragraphs = [paragraph(k).replace(".", "." + marks(k + 1), 1) for k in range(6)]
    notes = [f"{n}. A note on the grain, its sources and archive, file {n}." for n in range(1, 7)]
    return "\n\n".join(paragraphs + ["Notes"] + notes) + "\n"


@pytest.mark.parametrize("style", ["superscript", "glued", "parenthesised", "bracketed"])
def test_note_reference_styles_and_the_notes_section(style):
    found = layout(noted(style))
    assert found["notes"]["references"] == style
    assert found["notes"]["heading"] == "Notes"
    assert re.match(found["notes"]["number"], "3. A note")


def test_glued_references_link_to_the_notes_found():
    found = layout(noted("glued"))
    edition = convert(noted("glued"), found)
    assert sum(len(d.notes) for d in edition.divisions) == 6
    assert "Notes" in reading_text(edition) and "A note on the grain" not in reading_text(edition)


def test_references_without_a_notes_section_say_the_notes_are_absent():
    text = noted("glued").split("\n\nNotes")[0]
    assert layout(text)["notes"] == {"references": "glued", "absent": True}


def test_numbering_that_starts_again_under_titles_gives_note_groups():
    text = noted("superscript").replace("\n\nNotes\n\n", "\n\nNotes\n\nIntroduction\n\n")
    text += "\nChapter One\n\n" + "\n\n".join(f"{n}. Another note, file {n}." for n in range(1, 4)) + "\n"
    groups = re.compile(layout(text)["notes"]["groups"])
    assert groups.fullmatch("Introduction") and groups.fullmatch("Chapter One")


def test_numbers_that_do_not_rise_by_one_are_no_references():
    text = "\n\n".join(f"In 1921, 45 delegates and 300 guests came; {k * 17} stayed." for k in range(6))
    assert "notes" not in layout(text)


# ------------------------------------------------------------------ headings


def test_a_chapter_number_line_and_capital_headings():
    text = "\n\n".join(["8", "HOW THE PARTY RULED", paragraph(1), "THE POLITBURO", paragraph(2),
                       "THE APPARATUS", paragraph(3)])
    found = layout(text)
    assert found["headings"]["strategies"] == ["chapter-number", "all-caps"]
    edition = convert(text, found)
    assert [b.level for b in blocks(edition) if b.kind == "heading"] == [1, 2, 2]


def test_title_lines_and_a_byline():
    text = "\n\n".join(["The Party and the Grain", "by A. Historian for a seminar", paragraph(1),
                       "The Spring Session", paragraph(2), "The Autumn Session", paragraph(3)])
    found = layout(text)
    assert found["headings"]["strategies"] == ["first-line-title", "title-lines"]
    assert found["headings"]["byline"] == "^by .*"


def test_short_lines_that_do_not_head_paragraphs_are_not_taken_for_titles():
    verse = ["I threw myself at the hangman’s feet", "You are my son and my horror", "Everything is mixed up"]
    text = "\n\n".join([paragraph(1)] + verse + [paragraph(2), "A Title", paragraph(3)])
    ev = infer_layout(text)
    assert "title-lines" not in ev.value("heading_strategies", [])


def test_a_contents_list_whose_entries_recur_makes_chapters():
    titles = ["Entering the Party", "The Central Committee", "The Secretariat"]
    text = "\n\n".join(["Contents"] + [f"{i}. {t}" for i, t in enumerate(titles, 1)]
                       + [x for i, t in enumerate(titles, 1) for x in (f"{i}.", t, paragraph(i))])
    found = layout(text)
    assert found["headings"]["strategies"] == ["contents"] and found["divisions"] == "chapters"


# ------------------------------------------------------------------ the profile as written


def test_source_yml_reads_back_and_comments_each_setting_with_its_evidence(tmp_path):
    pages = pages_of(blank_parted(hard([paragraph(k) for k in range(10)])), 14)
    text = paged(pages, top=lambda n: ["", f"Page {n + 40}", ""])
    ev = infer_layout(text)
    settings = layout_settings(ev.findings)
    yml = source_yml({"kind": "essay", "title": "It's: a 'test'"}, settings, ev.doubts, "x.txt")
    lines = yml.splitlines()
    marker = next(i for i, l in enumerate(lines) if l.strip().startswith("marker:"))
    assert re.fullmatch(r"\s*# \d+ lines 'Page N', numbers 41–\d+ increasing", lines[marker - 1])
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "source.yml").write_text(yml)
    (tmp_path / "s" / "raw.txt").write_text(text)
    source = read_source(tmp_path / "s")
    assert source.layout == nest(settings) and source.meta["title"] == "It's: a 'test'"


# ------------------------------------------------------------------ edition add, end to end

SMALL = "\n".join(["The Grain and the Party", ""] + [
    line for n, page in enumerate(pages_of(blank_parted(hard([paragraph(k) for k in range(12)])), 15), start=1)
    for line in ([f"{n + 9} The Grain and the Party", ""] if n > 1 else []) + page]) + "\n"


def run(root: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--root", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_edition_add_copies_infers_builds_and_reports(tmp_path, capsys):
    path = tmp_path / "chapter.txt"
    path.write_bytes(SMALL.encode())
    code, out, err = run(tmp_path, "add", str(path), "--slug", "grain", "--author", "Historian, A.",
                         "--year", "1999", "--kind", "chapter", "--title", "The Grain", capsys=capsys)
    assert code == 0, err
    folder = tmp_path / "sources" / "grain"
    assert (folder / "raw.txt").read_bytes() == path.read_bytes()
    source = read_source(folder)
    assert source.meta == {"kind": "chapter", "title": "The Grain", "authors": [{"family": "Historian", "given": "A."}],
                           "year": 1999}
    assert source.layout["pages"]["first"] == "10" and source.layout["wrapping"] == "hard"
    assert "running heads 'N The Grain and the Party'" in (folder / "source.yml").read_text()
    assert "audit: 0 unaccounted, 0 invented" in out and "running head" in out
    assert [p.name for p in (tmp_path / "sources").iterdir()] == ["grain"]  # no staging folder left


def test_add_source_gives_the_edition_it_built(tmp_path):
    path = tmp_path / "chapter.txt"
    path.write_text(SMALL)
    said = []
    added = add_source(tmp_path, path, "grain", say=said.append, enrich=False)
    labels = page_labels(added.edition)
    assert labels == [str(n) for n in range(10, 10 + len(labels))] and len(labels) > 3
    assert added.audit["unaccounted"] == 0
    assert any("bibliography: title 'The Grain and the Party'" in s for s in said)


@pytest.mark.parametrize("make, args, message", [
    (None, ["--slug", "x"], "no such file"),
    (b"\x00\x01binary", ["--slug", "x"], "binary data"),
    (b"  \n\n", ["--slug", "x"], "empty"),
    (b"caf\xe9 text\n", ["--slug", "x"], "not UTF-8"),
    (SMALL.encode(), ["--slug", "Bad Slug"], "--slug 'Bad Slug'"),
    (SMALL.encode(), ["--slug", "taken"], "exists already"),
    (SMALL.encode(), ["--slug", "x", "--author", ", Given"], "Family, Given"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, make, args, message):
    path = tmp_path / "in.txt"
    if make is not None:
        path.write_bytes(make)
    (tmp_path / "sources" / "taken").mkdir(parents=True)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, out, err = run(tmp_path, "add", str(path), *args, capsys=capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("edition: error: ") and message in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_failed_conversion_leaves_no_folder(tmp_path, monkeypatch):
    import build_tools.pipeline as pipeline

    def broken(*args, **kwargs):
        raise EditionError("converter failed")

    monkeypatch.setattr(pipeline, "process_source", broken)
    path = tmp_path / "in.txt"
    path.write_text(SMALL)
    with pytest.raises(EditionError):
        add_source(tmp_path, path, "grain", say=lambda s: None, enrich=False)
    assert list((tmp_path / "sources").iterdir()) == []


def test_a_works_cited_list_that_citations_name_is_linked_under_its_title():
    text = "\n\n".join(["The Party and the Grain", f"{paragraph(1)} (Kort, 241) and later (Lenin, 12).",
                       paragraph(2), "Works Cited", "Kort, Michael. The Soviet Colossus. Armonk, 2010.",
                       "Lenin, Vladimir. The State and Revolution. Moscow, 1917."])
    found = layout(text)
    assert found["citations"]["works_cited"] == "Works Cited"
    assert "title-lines" in found["headings"]["strategies"]
    edition = convert(text, found)
    assert blocks(edition)[1].of(Link)  # the citations link to their entries


def test_without_pages_only_a_line_recurring_evenly_through_the_text_is_boilerplate():
    paragraphs = [paragraph(k) for k in range(40)]
    clustered = []
    for k, p in enumerate(paragraphs):
        clustered += [p] + (["Photograph by the author, Moscow"] if 18 <= k <= 22 else [])
    assert "boilerplate" not in layout("\n\n".join(clustered))
    stamped = []
    for k, p in enumerate(paragraphs):
        stamped += [p] + (["Printed from the archive, all rights reserved"] if k % 5 == 4 else [])
    assert layout("\n\n".join(stamped))["boilerplate"]["lines"]


def test_a_notice_stamped_on_every_page_of_a_paragraph_a_line_text_recurs_evenly_in_characters():
    # Pages of about equal length hold one long paragraph or several short ones: equal in characters,
    # not in lines.
    pick = random.Random(5)
    paragraphs = [paragraph(k, pick.choice([1] * 8 + [30])) for k in range(160)]
    out, since = [], 0
    for p in paragraphs:
        out.append(p)
        since += len(p)
        if since > 2500:
            out.append("Downloaded from archive.example.org by reader 1187 on 12 March 2021")
            since = 0
    text = "\n\n".join(out)
    at = [k for k, line in enumerate(text.split("\n")) if line.startswith("Downloaded")]
    gaps = [b - a for a, b in zip(at, at[1:])]
    assert statistics.pstdev(gaps) > 0.5 * statistics.mean(gaps)  # uneven, counted in lines
    assert layout(text)["boilerplate"]["lines"]


def test_paragraphs_a_page_notice_interrupts_are_said_to_be_split():
    lines = blank_parted(hard([paragraph(k) for k in range(12)]))
    text = paged(pages_of(lines, 14), top=None,
                 bottom=lambda n: ["", f"Downloaded from the archive by reader 1187 on {n} May 2020", ""])
    found = layout(text)
    assert found["split_paragraphs"] is True and found["boilerplate"]["lines"]
    assert [t for t in texts(convert(text, found))] == [" ".join(p) for p in hard([paragraph(k) for k in range(12)])]


def test_the_page_numbers_of_a_printed_index_are_not_taken_for_references():
    paragraphs = blank_parted(hard([paragraph(k).replace(".", f".{k + 1}", 1) for k in range(12)]))
    index = [f"{w.capitalize()}, {n}, {n + 1}, {n + 7}" for n, w in enumerate(WORDS[:40], start=1)]
    text = "\n".join(paragraphs + ["Index", ""] + index + ["", "Notes", ""]
                     + [f"{n}. A note, file {n}.\n" for n in range(1, 13)])
    assert layout(text)["notes"]["references"] == "glued"
