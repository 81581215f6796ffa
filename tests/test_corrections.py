"""The editor's corrections (build_tools/corrections) and the apparatus's stable ids (emendation_ids),
on small texts made for them: each kind of entry, what it does to the text, the apparatus, the
audit and the anchors, and every way an entry that no longer fits the text is refused."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools import anchors
from build_tools.check import defects, run_checks, summary
from build_tools.check.view import passages
from build_tools.corrections import parse, schema
from build_tools.lexicon import Lexicon
from build_tools.model import CommentRef, EditionError, EditorMark
from build_tools.pipeline import anchor_pages, convert_source, note_summary, published_anchors, write_editions
from build_tools.write.apparatus import emendation_records, render_editorial_notes
from build_tools.write.markdown import render_division
from tests.test_check import evidence
from tests.util import assert_conserved, make_source, texts

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = {"lost_dashes": True}
ESSAY = ("A Short Essay\n\n"
         "Vladimir Illych Ulvanov met Sergei Kirov in the years 192939, as page 41819 of the memoir says.\n\n"
         "The PanRussian congress met at last. A paragraph to end.\n")
PAGED = {"lost_dashes": True, "pages": {"marker": r"Page (?P<label>\d+)"}}


def edition(text: str = ESSAY, corrections: str = "", layout: dict | None = None, promises=None):
    source = make_source(text, LAYOUT if layout is None else layout)
    source.corrections = parse(corrections) if corrections else []
    source.promises = promises
    return convert_source(source, Lexicon([text]))


def ids(ed) -> dict[str, str]:
    """The apparatus's ids by source reading."""
    return {e.original: e.id for e in ed.emendations}


def entry(ed, original: str):
    return next(e for e in ed.emendations if e.original == original)


def refused(text: str, corrections: str, layout: dict | None = None) -> str:
    with pytest.raises(EditionError) as err:
        edition(text, corrections, layout)
    message = str(err.value)
    assert "\n" not in message and message.startswith("corrections.yml:"), message
    return message


# --------------------------------------------------- ids, when the text changes


def test_an_edit_next_to_an_entry_changes_its_id_and_its_correction_fails_loudly():
    old = ids(edition())
    edited = ESSAY.replace("of the memoir says", "of the diary says")
    new = ids(edition(edited))
    assert new["41819"] != old["41819"]  # its place is not what the editor saw
    assert new["192939"] == old["192939"] and new["PanRussian"] == old["PanRussian"]
    message = refused(edited, f"- accept: {old['41819']}\n  note: a range\n")
    assert message.startswith("corrections.yml:1: accept ") and old["41819"] in message and "no entry" in message


def test_an_unrelated_rule_changes_no_id_and_every_correction_still_applies():
    text = ESSAY.replace("A paragraph to end.", "A paragraph to end, on fi nance.")
    plain = edition(text, layout={**LAYOUT, "ligatures": False})
    assert "fi nance" not in ids(plain)
    corrections = (f"- accept: {ids(plain)['41819']}\n  note: a range\n"
                   "- replace: {find: Ulvanov, with: Ulyanov, note: the OCR}\n")
    with_ligatures = edition(text, corrections, {**LAYOUT, "ligatures": True})
    assert entry(with_ligatures, "fi nance").status == "applied"  # the other rule did its work
    assert {k: v for k, v in ids(with_ligatures).items() if k in ids(plain)} == ids(plain)
    assert entry(with_ligatures, "41819").status == "accepted" and "Ulyanov met" in texts(with_ligatures)[1]


# ------------------------------------------------------------- each entry


def test_accept_prints_the_proposed_reading():
    ed = edition(corrections=f"- accept: {ids(edition())['41819']}\n  note: no memoir has 41819 pages\n  by: JD\n"
                             "  date: 2024-05-01\n")
    e = entry(ed, "41819")
    assert "page 418–19 of the memoir" in texts(ed)[1]
    assert (e.status, e.resp, e.editor_note, e.by, e.date) == ("accepted", "editor", "no memoir has 41819 pages",
                                                              "JD", "2024-05-01")
    assert_conserved(ed)


def test_reject_of_a_review_item_settles_it_and_keeps_the_source_reading():
    ed = edition(corrections=f"- reject: {ids(edition())['PanRussian']}\n")
    assert entry(ed, "PanRussian").status == "rejected" and "The PanRussian congress" in texts(ed)[2]
    assert_conserved(ed)


def test_reject_of_an_automatic_repair_shows_the_source_reading_again():
    before = edition()
    assert "years 1929–39" in texts(before)[1]
    ed = edition(corrections=f"- reject: {ids(before)['192939']}\n  note: not a range\n")
    assert "years 192939" in texts(ed)[1] and entry(ed, "192939").status == "reverted"
    assert_conserved(ed)


def test_reject_of_a_word_broken_at_a_line_end_keeps_its_hyphen():
    text = "A Title\n\nThe self-\nconscious party of the peasants and the workers of the town went on.\n"
    before = edition(text, layout={"wrapping": "hard"})
    e = next(e for e in before.emendations if e.kind == "hyphenation")
    ed = edition(text, f"- reject: {e.id}\n", {"wrapping": "hard"})
    assert "The self-conscious party" in texts(ed)[1]
    assert_conserved(ed)


def test_a_corr_prints_the_correction_with_a_sign_leading_to_the_apparatus():
    ed = edition(corrections="- replace:\n    find: Illych Ulvanov\n    with: Ilyich Ulyanov\n    note: an OCR misreading\n")
    assert texts(ed)[1].startswith("Vladimir Ilyich Ulyanov met")
    e = entry(ed, "Illych Ulvanov")
    assert (e.kind, e.status, e.reading, e.resp) == ("correction", "applied", "Ilyich Ulyanov", "editor")
    assert re.fullmatch(r"correction-[0-9a-f]{6}", e.id)
    mark, = [m for b in ed.all_blocks() for m in b.of(EditorMark)]
    assert mark.entry is e
    page = render_division(ed.source, ed.divisions[0])
    assert f'Ilyich Ulyanov<a class="editorial" href="editorial-notes.html#{e.id}"' in page and "[corr.]" in page
    assert_conserved(ed)  # the replaced words are emended, not lost


def test_a_sic_prints_the_source_reading_marked_and_gives_the_correction_in_the_apparatus():
    ed = edition(corrections="- replace: {find: Vladimir Illych Ulvanov, with: Vladimir Ilyich Ulyanov, kind: sic, "
                             "note: the author's misspelling}\n")
    assert texts(ed)[1].startswith("Vladimir Illych Ulvanov met")
    e = entry(ed, "Vladimir Illych Ulvanov")
    assert e.status == "sic" and e.reading == "Vladimir Ilyich Ulyanov"
    page = render_division(ed.source, ed.divisions[0])
    assert re.search(r"Vladimir Illych Ulvanov<a class=\"editorial\" [^>]*title=\"sic[^\"]*Ilyich Ulyanov[^\"]*\">\[sic\]</a>",
                     page)
    where = anchor_pages(ed)
    notes = render_editorial_notes(ed, where, {"raw_words": 0, "unaccounted": 0})
    row = next(line for line in notes.splitlines() if e.id in line)
    assert "Vladimir Illych Ulvanov" in row and "Vladimir Ilyich Ulyanov" in row and "(*sic*)" in row
    assert_conserved(ed)


def test_a_comment_is_in_the_text_the_apparatus_and_notes_json(tmp_path):
    ed = edition(corrections="- comment:\n    at: Sergei Kirov\n    note: Leningrad party chief, murdered in 1934.\n")
    e = entry(ed, "Sergei Kirov")
    assert (e.kind, e.reading, e.editor_note) == ("comment", "Sergei Kirov", "Leningrad party chief, murdered in 1934.")
    ref, = [m for b in ed.all_blocks() for m in b.of(CommentRef)]
    assert ref.number == 1 and ref.entry is e
    write_editions([ed], tmp_path)
    page = (tmp_path / "test" / "index.md").read_text(encoding="utf-8")
    assert f'Sergei Kirov<sup class="editor-note-ref" id="edref-{e.id}"><a href="#ed-{e.id}"' in page
    assert f'<a class="editor-note" id="ed-{e.id}" href="#edref-{e.id}"' in page
    assert page.index("## Editor's notes") < page.index("Leningrad party chief")
    assert "[^" not in page  # not one of the author's notes
    notes = (tmp_path / "test" / "editorial-notes.md").read_text(encoding="utf-8")
    assert e.id in notes and "Leningrad party chief" in notes and "Comments: 1" in notes
    record, = json.loads((tmp_path / "data" / "notes.json").read_text(encoding="utf-8"))
    assert record["editor_notes"] == [{"number": 1, "id": e.id, "note": "Leningrad party chief, murdered in 1934.",
                                       "by": "", "date": "", "url": f"test/index.html#ed-{e.id}",
                                       "passage": "test/index.html#para-start-2"}]
    assert record["notes"] == 0  # the author's notes are counted apart


def test_comments_are_numbered_within_their_part_in_reading_order():
    ed = edition(corrections="- comment: {at: PanRussian congress, note: second}\n"
                             "- comment: {at: Sergei Kirov, note: first}\n")
    refs = sorted(((b.ordinal, m.start, m.number, m.entry.editor_note) for b in ed.all_blocks() for m in b.of(CommentRef)))
    assert [(n, note) for *_, n, note in refs] == [(1, "first"), (2, "second")]


def test_a_passage_is_found_across_line_breaks_and_told_apart_by_its_context():
    text = "A Title\n\nThe party met the party\nleaders and the party\nmembers.\n"
    ed = edition(text, "- replace: {find: party members, with: party's members, note: n}\n", {"wrapping": "hard"})
    assert texts(ed)[1].endswith("party's members.")
    ed = edition(text, "- replace: {find: party, after: ' leaders', with: Party, note: n}\n", {"wrapping": "hard"})
    assert texts(ed)[1].startswith("The party met the Party leaders and the party members.")


def test_editor_entries_reach_emendations_json_with_their_ids_and_schema(tmp_path):
    ed = edition(corrections=f"- accept: {ids(edition())['41819']}\n  note: a range\n"
                             "- replace: {find: Ulvanov, with: Ulyanov, note: the OCR, kind: corr}\n  by: JD\n")
    records = emendation_records(ed, anchor_pages(ed))
    schema_file = json.loads((ROOT / "data" / "schema" / "emendations.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, schema_file)
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records) == 4
    correction = next(r for r in records if r["kind"] == "correction")
    assert (correction["resp"], correction["by"], correction["original"], correction["reading"]) == (
        "editor", "JD", "Ulvanov", "Ulyanov")
    assert next(r for r in records if r["original"] == "41819")["status"] == "accepted"


# ------------------------------------------------------------- the self-check


def test_the_check_counts_settled_review_items_apart_and_never_as_defects():
    plain = edition()
    ed = edition(corrections=f"- accept: {ids(plain)['41819']}\n- reject: {ids(plain)['PanRussian']}\n")
    found = run_checks(evidence(*passages(ed), emendations=ed.emendations))
    assert summary("t", found).endswith(", 0 for review (2 settled by the editor)")
    assert defects(found) == []
    open_ = run_checks(evidence(*passages(plain), emendations=plain.emendations))
    assert summary("t", open_).endswith(", 2 for review")


# ------------------------------------------------------------------ anchors


def test_a_corrected_paragraph_keeps_its_anchor_and_is_fingerprinted_as_converted():
    fix = "- replace: {find: Vladimir Illych Ulvanov met, with: Lenin met, note: n}\n"
    plain, corrected = edition(), edition(corrections=fix)
    assert [b.anchor for b in corrected.all_blocks()] == [b.anchor for b in plain.all_blocks()]
    assert published_anchors(corrected, anchor_pages(corrected)) == published_anchors(plain, anchor_pages(plain))
    # A build that promised them (`anchors --update` after it) finds every paragraph by its fingerprint exactly.
    promised = anchors.promises_from_lines(published_anchors(corrected, anchor_pages(corrected)))["test"]
    again = edition(corrections=fix, promises=promised)
    assert [b.anchor for b in again.all_blocks()] == [b.anchor for b in plain.all_blocks()]
    assert not again.source.warnings  # no "follows its paragraph, whose text changed"


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize("corrections, line, words", [
    ("- accept: lost-dash-000000\n", 1, ["no entry of the apparatus", "edition review test"]),
    ("- replace: {find: Trotsky, with: Lenin, note: n}\n", 1, ["“Trotsky” occurs nowhere in test"]),
    ("- by: JD\n  replace:\n    find: the\n    with: a\n    note: n\n", 3, ["“the” occurs 2 times in test",
                                                                             "index#para-start-2", "before:/after:"]),
    ("- comment: {at: the, in: index, note: n}\n", 1, ["occurs 2 times in index"]),
    ("- replace: {find: Kirov, in: chapter-1, with: K, note: n}\n", 1, ["no part 'chapter-1'"]),
], ids=["unknown id", "find nowhere", "find twice", "at twice in a part", "unknown part"])
def test_an_entry_that_does_not_fit_the_text_is_one_line_naming_its_line(corrections, line, words):
    message = refused(ESSAY, corrections)
    assert message.startswith(f"corrections.yml:{line}: "), message
    for word in words:
        assert word in message, message


def test_accept_refuses_an_entry_that_is_not_for_review():
    message = refused(ESSAY, f"- accept: {ids(edition())['192939']}\n")
    assert "accept settles review items" in message and "applied" in message


def test_reject_refuses_an_entry_that_changes_no_words():
    text = "A Title\n\nThe *Stalin* book came out.\n"
    markup = edition(text, layout={"emphasis": ["asterisk"]}).emendations[0]
    message = refused(text, f"- reject: {markup.id}\n", {"emphasis": ["asterisk"]})
    assert "changes no words" in message and "use replace" in message


def test_an_entry_settled_twice_is_refused():
    message = refused(ESSAY, f"- accept: {ids(edition())['41819']}\n- reject: {ids(edition())['41819']}\n")
    assert message.startswith("corrections.yml:2: ") and "already settled by the entry on line 1" in message


def test_a_passage_may_not_run_across_a_page_break_or_a_note_reference():
    text = "A Title\n\nThe party met the leaders of the\n\nPage 12\n\npeasants at last.\n"
    layout = {**PAGED, "split_paragraphs": True}
    assert "leaders of the peasants" in texts(edition(text, layout=layout))[1]
    message = refused(text, "- replace: {find: the peasants, with: all peasants, note: n}\n", layout)
    assert "runs across a page break" in message
    noted = "A Title\n\nThe party met the leaders.¹ Then it went on.\n"
    message = refused(noted, "- replace: {find: leaders. Then, with: leaders; then, note: n}\n", {})
    assert "runs across a note reference" in message


def test_a_correction_of_a_passage_already_corrected_is_refused():
    message = refused(ESSAY, "- replace: {find: Illych Ulvanov, with: Ilyich Ulyanov, kind: sic, note: n}\n"
                             "- replace: {find: Ulvanov, with: Ulyanov, note: n}\n")
    assert message.startswith("corrections.yml:2: ") and "overlaps the correction" in message


def test_a_comment_on_a_heading_is_refused():
    message = refused(ESSAY, "- comment: {at: A Short Essay, note: n}\n",
                      {**LAYOUT, "headings": {"strategies": ["first-line-title"]}})
    assert "is in a heading" in message


# ------------------------------------------------------------ the file itself


@pytest.mark.parametrize("text, line, words", [
    ("reject: lost-dash-7f3a2c\n", 1, ["expected a list of entries"]),
    ("- lost-dash-7f3a2c\n", 1, ["entry 1 is not a mapping"]),
    ("- reject: a\n  accept: a\n", 1, ["must do one of", "not reject and accept"]),
    ("- rejct: lost-dash-7f3a2c\n", 1, ["not none of them", "did you mean 'reject'"]),
    ("- accept: Lost Dash\n", 1, ["entry 1.accept: 'Lost Dash' is not allowed here", "lost-dash-7f3a2c"]),
    ("- accept: [a]\n", 1, ["entry 1.accept must be a text"]),
    ("- reject: a\n- replace:\n    find: x\n    with: y\n", 2, ["entry 2.replace needs 'note'"]),
    ("- replace:\n    find: x\n    with: y\n    note: n\n    kind: sick\n", 5, ["'sick' is not one of corr, sic",
                                                                              "did you mean 'sic'"]),
    ("- replace:\n    find: x\n    with: y\n  note: n\n", 4, ["unknown key 'note'", "put note: inside replace:"]),
    ("- comment:\n    at: ''\n    note: n\n", 2, ["entry 1.comment.at must not be empty"]),
    ("- accept: a\n  date: May 2024\n", 2, ["entry 1.date: 'May 2024' is not allowed here", "2024-05-01"]),
])
def test_a_malformed_file_is_one_line_naming_its_line(text, line, words):
    with pytest.raises(EditionError) as err:
        parse(text)
    message = str(err.value)
    assert message.startswith(f"corrections.yml:{line}: ") and "\n" not in message, message
    for word in words:
        assert word in message, message
    data = yaml.safe_load(text)
    assert list(jsonschema.Draft202012Validator(schema.schema()).iter_errors(data)), "a standard validator agrees"


def test_a_date_written_as_a_yaml_date_is_kept_as_written():
    entry_, = parse("- accept: lost-dash-7f3a2c\n  date: 2024-05-01\n")
    assert entry_.date == "2024-05-01"


# ------------------------------------------------- the schema is the documentation


def test_the_reference_and_the_schema_file_are_current():
    assert (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8") == schema.reference(), \
        "CORRECTIONS.md is out of date: run `edition corrections > CORRECTIONS.md`"
    committed = json.loads((ROOT / "data" / "schema" / "corrections.schema.json").read_text(encoding="utf-8"))
    assert committed == schema.schema(), \
        "data/schema/corrections.schema.json is out of date: run `edition corrections --schema > data/schema/corrections.schema.json`"


def test_the_schema_is_a_valid_json_schema_that_documents_every_key():
    jsonschema.Draft202012Validator.check_schema(schema.schema())
    for action, branch in schema.BRANCHES.items():
        assert branch["description"] and branch["examples"]
        for key, node in branch["properties"].items():
            assert node.get("description"), f"{action}.{key}"
            for sub, child in node.get("properties", {}).items():
                assert child.get("description"), f"{action}.{key}.{sub}"
        for example in branch["examples"]:
            assert parse(yaml.safe_dump([example]))  # the reference's examples are valid entries


def test_every_committed_corrections_file_is_valid_for_a_standard_validator_too():
    validator = jsonschema.Draft202012Validator(schema.schema())
    files = sorted(ROOT.glob("sources/*/corrections.yml"))
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
        assert parse(path.read_text(encoding="utf-8"), path)


# ------------------------------------------------- the five sources, end to end

BAZHANOV = "bazhanov-damnation-of-stalin"


def test_the_committed_corrections_are_in_the_built_edition(built_docs):
    records = json.loads((built_docs / "data" / "emendations.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, json.loads((ROOT / "data" / "schema" / "emendations.schema.json").read_text()))
    mine = [r for r in records if r["source"] == BAZHANOV]
    assert not [r for r in mine if r["status"] == "review"]  # every review item is settled
    assert any(r["kind"] == "correction" and r["reading"] == "vice-consul" for r in mine)
    page = (built_docs / BAZHANOV / "16-escape-persia-india.md").read_text(encoding="utf-8")
    assert re.search(r'British vice-consul<a class="editorial" href="editorial-notes.html#correction-[0-9a-f]{6}"', page)
    text = (built_docs / "data" / "text" / f"{BAZHANOV}.txt").read_text(encoding="utf-8")
    assert "page 418–19" in text and "Profintern" in text and "viceconsul" not in text
    found = json.loads((built_docs / "data" / "check.json").read_text(encoding="utf-8"))
    assert any(f["settled"] and f["source"] == "lewin-soviet-century" for f in found)


def test_corrected_paragraphs_publish_the_fingerprints_the_manifest_holds(built_docs):
    """The manifest needs no update for an editor's correction: what a build publishes of a corrected
    paragraph is what its anchor was reconciled on."""
    promised = {p.entry: p.fingerprint for p in anchors.read_promises(ROOT)}
    published = anchors.read_published(built_docs / "data" / "anchors.txt")
    corrected = [r["url"] for r in json.loads((built_docs / "data" / "emendations.json").read_text())
                 if r["resp"] == "editor" and r["status"] in ("applied", "accepted", "reverted")]
    assert corrected
    for entry in corrected:
        assert published[entry] == promised[entry], entry


def test_the_editors_signs_and_notes_pass_markdownlint(tmp_path):
    import subprocess

    ed = edition(corrections="- replace: {find: Ulvanov, with: Ulyanov, note: the OCR}\n"
                             "- replace: {find: PanRussian, with: Pan-Russian, kind: sic, note: the author's}\n"
                             "- comment: {at: Sergei Kirov, note: 'Leningrad party chief, *murdered* in 1934 <b>.'}\n")
    write_editions([ed], tmp_path)
    result = subprocess.run(["npx", "--no-install", "--prefix", str(ROOT), "markdownlint-cli2", "--config",
                             str(ROOT / ".markdownlint-cli2.jsonc"), "**/*.md"], cwd=tmp_path, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "test" / "index.md").read_text(encoding="utf-8")
    assert "&lt;b&gt;" in page and r"\*murdered\*" in page  # the editor's words are text, escaped
