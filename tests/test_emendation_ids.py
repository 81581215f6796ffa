"""The apparatus's stable ids (build_tools/emendation_ids.py): made from an entry's kind, readings and
the words around it, never from its place in a list; the same on every build and after edits
elsewhere in the source, and unique within it."""
from __future__ import annotations

import json
import re

import pytest

from build_tools.lexicon import Lexicon
from build_tools.pipeline import convert_source
from tests.util import make_source

LAYOUT = {"lost_dashes": True}
ESSAY = ("A Short Essay\n\n"
         "Vladimir Illych Ulvanov met Sergei Kirov in the years 192939, as page 41819 of the memoir says.\n\n"
         "The PanRussian congress met at last. A paragraph to end.\n")


def edition(text: str = ESSAY, layout: dict | None = None):
    return convert_source(make_source(text, LAYOUT if layout is None else layout), Lexicon([text]))


def ids(ed) -> dict[str, str]:
    """The apparatus's ids by source reading."""
    return {e.original: e.id for e in ed.emendations}


def test_every_entry_has_an_id_from_its_kind_unique_and_the_same_on_every_build():
    first, second = edition(), edition()
    assert [e.id for e in first.emendations] == [e.id for e in second.emendations]
    names = [e.id for e in first.emendations]
    assert len(names) == len(set(names)) == 3
    for e in first.emendations:
        assert re.fullmatch(r"lost-dash-[0-9a-f]{6}", e.id), e.id


@pytest.mark.parametrize("insert", [
    lambda t: t.replace("A Short Essay\n\n", "A Short Essay\n\nAn opening paragraph, from 18991955 on, before the rest.\n\n"),
    lambda t: t.replace("\n\nThe PanRussian", "\n\nA paragraph put between, with its own 18001805 dates.\n\nThe PanRussian"),
    lambda t: t + "\nA paragraph at the end, with 17561763 in it.\n",
    lambda t: t.replace("Vladimir", "Much earlier, in a sentence added to the paragraph, Vladimir"),
], ids=["paragraph at the start", "paragraph between", "paragraph at the end", "words far before in the paragraph"])
def test_an_edit_elsewhere_in_the_text_changes_no_id(insert):
    before = ids(edition())
    after = ids(edition(insert(ESSAY)))
    assert len(after) == len(before) + (0 if "Much earlier" in insert(ESSAY) else 1)  # the inserted one's own
    assert {k: after[k] for k in before} == before


def test_entries_alike_get_ids_told_apart_by_their_paragraph_deterministically():
    text = "A Title\n\nSee page 41819.\n\nSee page 41819.\n\nSee page 41819.\n"
    first = [e.id for e in edition(text).emendations]
    assert len(set(first)) == 3 and first == [e.id for e in edition(text).emendations]


def test_alike_entries_in_one_paragraph_are_numbered_in_order():
    text = "A Title\n\nThe *Stalin* book, the *Stalin* film and the *Stalin* play.\n"
    names = [e.id for e in edition(text, layout={"emphasis": ["asterisk"]}).emendations]
    assert len(names) == 3 and len(set(names)) == 3
    assert names[1] == names[0] + "-2" and names[2] == names[0] + "-3"


def test_an_unrelated_rule_changes_no_id():
    text = ESSAY.replace("A paragraph to end.", "A paragraph to end, on fi nance.")
    plain = edition(text, {**LAYOUT, "ligatures": False})
    with_ligatures = edition(text, {**LAYOUT, "ligatures": True})
    assert "fi nance" not in ids(plain) and "fi nance" in ids(with_ligatures)  # the other rule did its work
    assert {k: v for k, v in ids(with_ligatures).items() if k in ids(plain)} == ids(plain)


def test_every_entry_of_the_five_sources_has_an_id_unique_in_its_source(built_docs):
    records = json.loads((built_docs / "data" / "emendations.json").read_text(encoding="utf-8"))
    assert records
    for source in {r["source"] for r in records}:
        names = [r["id"] for r in records if r["source"] == source]
        assert len(names) == len(set(names)), source
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{6,}(-\d+)?", n) for n in names), source


def test_the_export_follows_its_schema(built_docs):
    import jsonschema
    from pathlib import Path

    schema = Path(__file__).resolve().parents[1] / "data" / "schema" / "emendations.schema.json"
    jsonschema.validate(json.loads((built_docs / "data" / "emendations.json").read_text(encoding="utf-8")),
                        json.loads(schema.read_text(encoding="utf-8")))
