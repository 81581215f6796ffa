"""The TEI export (#18): each rule on a small made-up source, and the five sources against TEI P5."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from build_tools.corrections import parse
from build_tools.enrich import Enrichment
from build_tools.lexicon import Lexicon
from build_tools.enrich.registers import Person, Place, Term
from build_tools.model import Link
from build_tools.pipeline import anchor_pages, contribute, convert_all, convert_source
from build_tools.read import read_sources
from build_tools.write.tei import TEI_NS, kind_token, register_document, xml_id
from tests.util import convert, make_source

ROOT = Path(__file__).resolve().parents[1]
# TEI P5 4.3.0 tei_all, from the TEI Consortium; shared/ lies beside the checkout (and CI's clone).
SCHEMA = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PAGED = {"pages": {"marker": r"Page (?P<label>\d+)"}, "split_paragraphs": True}
TITLED = {"headings": {"strategies": ["first-line-title"]}}


def tei_of(edition, context: Enrichment | None = None) -> etree._Element:
    """The TEI document the build's writer stage makes of a converted source."""
    c = contribute(edition, context or Enrichment())
    return etree.fromstring(c.files[f"data/tei/{edition.source.slug}.xml"].encode("utf-8"))


def tei(text: str, layout: dict | None = None, context: Enrichment | None = None) -> etree._Element:
    return tei_of(convert(text, layout), context)


def local(el) -> str:
    return etree.QName(el).localname


def reading(el, *, choose=("corr", "reg"), until=None) -> str:
    """The words of an element as a reader reads them: one side of each choice, without notes,
    note references or the registers' entries; stops at `until`."""
    out: list[str] = []

    def walk(e) -> bool:
        if e is until:
            return False
        name = local(e)
        skipped = (name == "note" or (name == "ref" and e.get("type") == "noteref")
                   or (name in ("sic", "orig", "corr", "reg") and name not in choose
                       and local(e.getparent()) == "choice")
                   or (name == "div" and e.get("type") == "registers")
                   or (name == "div" and e.get("type") == "notes"
                       and local(e.getparent()) in ("front", "body", "back")))
        if not skipped:
            if name == "lb" and e.get("break") != "no":
                out.append(" ")
            out.append(e.text or "")
            for child in e:
                if not walk(child):
                    return False
            if name in ("p", "head", "l", "item", "cell", "bibl"):
                out.append(" ")
        out.append(e.tail or "")
        return True

    out.append(el.text or "")
    for child in el:
        if not walk(child):
            break
    return " ".join("".join(out).split())


BLOCKS = ("p", "head", "l", "item", "cell", "row", "bibl", "note")


def printed(el) -> str:
    """The words of an element as the source prints them (whitespace collapsed): the original side of
    each choice; the notes the source prints, where the TEI places them (as the source does), and note
    references as printed; a printed line's end and a paragraph break are space. Without what the edition
    adds: its own notes (they carry @resp), text it supplies, the registers' entries."""
    out: list[str] = []

    def walk(e) -> None:
        name = local(e)
        skipped = ((name == "note" and e.get("resp")) or name == "supplied"
                   or (name in ("corr", "reg") and local(e.getparent()) == "choice")
                   or (name == "div" and e.get("type") == "registers"))
        if not skipped:
            out.append(" " if name in BLOCKS + ("lb", "milestone") else "")
            out.append(e.text or "")
            for child in e:
                walk(child)
            out.append(" " if name in BLOCKS else "")
        out.append(e.tail or "")

    out.append(el.text or "")
    for child in el:
        walk(child)
    return " ".join("".join(out).split())


def raw_without_removals(source) -> str:
    """The raw text without what the converter removed as layout (each removal on its line: a whole
    line, or a phrase in it), whitespace collapsed."""
    lines = source.text.split("\n")
    for r in source.removals:
        line = lines[r.line - 1]
        assert r.text in line, (r, line)
        lines[r.line - 1] = "" if r.text.strip() == line.strip() else line.replace(r.text, " ", 1)
    return " ".join("\n".join(lines).split())


def by_id(doc, ref: str):
    assert ref.startswith("#"), ref
    (target,) = doc.xpath("//*[@xml:id=$id]", id=ref[1:])
    return target


# --- pages -----------------------------------------------------------------


def test_a_page_break_stands_where_the_printed_page_begins():
    doc = tei("The detachment came and with no\n\nPage 2\n\nwarning opened fire.\n\nPage 3\n\nA new paragraph.", PAGED)
    two, three = doc.xpath("//t:text//t:pb", namespaces=NS)
    assert (two.get("n"), three.get("n")) == ("2", "3")
    joined = two.getparent()
    assert local(joined) == "p"  # inside the paragraph the page break split
    assert reading(joined, until=two) == "The detachment came and with no"
    assert reading(joined) == "The detachment came and with no warning opened fire."
    opened = three.getparent()
    assert reading(opened, until=three) == "" and reading(opened) == "A new paragraph."
    assert two.get("cert") is None and three.get("cert") is None
    assert "Page 2" not in reading(doc.find("t:text", NS))  # the marker is layout, not text


def test_a_page_whose_place_is_inferred_is_marked_uncertain():
    words = "Words of the text go on. " * 20
    text = f"Page 10\n\nFirst {words}\n\nSecond {words}\n\nThird {words}\n\nPage 12\n\nFourth {words}"
    doc = tei(text, {"pages": {"marker": r"Page (?P<label>\d+)"}})
    pages = {pb.get("n"): pb for pb in doc.xpath("//t:text//t:pb", namespaces=NS)}
    assert sorted(pages) == ["10", "11", "12"]
    assert pages["11"].get("cert") == "medium"
    assert pages["10"].get("cert") is None and pages["12"].get("cert") is None
    assert reading(pages["11"].getparent(), until=pages["11"]) == ""  # at a paragraph's start


def test_paragraph_ids_are_the_site_anchors():
    edition = convert("Page 4\n\nOne paragraph.\n\nAnother one.", PAGED)
    doc = tei_of(edition)
    ids = [p.get(XML_ID) for p in doc.xpath("//t:body//t:p", namespaces=NS)]
    assert ids == [xml_id(b.anchor) for d in edition.divisions for b in d.blocks]
    assert ids == ["para-4-1", "para-4-2"]


# --- notes -----------------------------------------------------------------


def test_a_note_reference_points_to_its_note_where_the_source_prints_it():
    layout = {"headings": {"strategies": ["first-line-title"], "notes": "Notes"}, "notes": {}}
    edition = convert("Title\n\nA claim.¹ Another.²\n\nNotes\n\n1. First note.\n\n2. Second note.", layout)
    doc = tei_of(edition)
    refs = doc.xpath("//t:ref[@type='noteref']", namespaces=NS)
    assert [r.get("n") for r in refs] == ["1", "2"]
    notes = [by_id(doc, r.get("target")) for r in refs]
    assert [local(n) for n in notes] == ["note", "note"]
    assert [n.get("n") for n in notes] == ["1", "2"]
    assert [reading(n) for n in notes] == ["1. First note.", "2. Second note."]
    # the note's id is its anchor on the site; it stands after the notes heading, as printed
    assert {"#" + n.get(XML_ID) for n in notes} == \
        {"#" + xml_id(a) for a in anchor_pages(edition) if a.startswith("fn:")}
    head = doc.xpath("//t:head[. = 'Notes']", namespaces=NS)[0]
    assert all(n.getparent() is head.getparent() for n in notes)
    assert "First note" not in reading(doc.find("t:text", NS))  # notes are no part of the reading


def test_a_note_the_source_lacks_is_the_converters_note():
    doc = tei("It was so.3 And so.4", {"notes": {"references": "glued", "absent": True}})
    refs = doc.xpath("//t:ref[@type='noteref']", namespaces=NS)
    notes = [by_id(doc, r.get("target")) for r in refs]
    assert [(n.get("n"), n.get("type"), n.get("resp")) for n in notes] == [
        ("3", "editorial", "#converter"), ("4", "editorial", "#converter")]
    assert by_id(doc, "#converter") is not None  # the resp points into the header's respStmt


# --- the apparatus ---------------------------------------------------------


def choices(doc) -> list[tuple[str, str, str, str]]:
    """(original element, its reading, edition element with its type, its reading) of each choice."""
    out = []
    for c in doc.xpath("//t:choice", namespaces=NS):
        original, edited = list(c)
        out.append((local(original), reading(original, choose=("sic", "orig")),
                    f"{local(edited)}:{edited.get('type')}", reading(edited)))
    return out


def test_a_correction_is_sic_and_corr_and_a_flag_is_a_review_note():
    edition = convert("The Sovietsformerly allies; Writings, 192939; see page 41819.", {"lost_dashes": True})
    doc = tei_of(edition)
    assert choices(doc) == [("sic", "Sovietsformerly", "corr:lost-dash", "Soviets—formerly"),
                            ("sic", "192939", "corr:lost-dash", "1929–39")]
    assert all(c.get("resp") == "#converter" for c in doc.xpath("//t:choice", namespaces=NS))
    rule = by_id(doc, doc.xpath("//t:choice", namespaces=NS)[0].get("ana"))  # the rule that made it
    assert local(rule) == "category" and "lost_dashes" in rule.findtext("t:catDesc", namespaces=NS)
    (review,) = doc.xpath("//t:note[@type='review']", namespaces=NS)
    assert review.get("subtype") == "lost-dash" and "41819" in review.text
    p = review.getparent()
    assert reading(p) == "The Soviets—formerly allies; Writings, 1929–39; see page 41819."
    assert reading(p, choose=("sic", "orig")) == "The Sovietsformerly allies; Writings, 192939; see page 41819."
    applied = [e for e in edition.emendations if e.status == "applied"]
    assert len(doc.xpath("//t:choice", namespaces=NS)) == len(applied) == 2


def test_a_normalisation_of_layout_is_orig_and_reg():
    doc = tei("The organisations were many and their orga-\nnizations were strong and all over the place here.\n",
              {"wrapping": "hard"})
    (choice,) = doc.xpath("//t:choice", namespaces=NS)
    orig, reg = list(choice)
    assert (local(orig), local(reg), reg.get("type")) == ("orig", "reg", "hyphenation")
    assert [local(e) for e in orig] == ["lb"] and orig.text == "orga-" and orig[0].tail == "nizations"
    assert reading(reg) == "organizations" and reg.xpath("t:lb/@break", namespaces=NS) == ["no"]


def test_a_paragraph_rejoined_over_a_page_break_gives_back_the_printed_break():
    doc = tei("The detachment came and with no\n\nPage 2\n\nwarning opened fire.", PAGED)
    (choice,) = doc.xpath("//t:choice", namespaces=NS)
    orig, reg = list(choice)
    assert [(local(e), e.get("unit")) for e in orig] == [("milestone", "paragraph")]
    assert (local(reg), reg.get("type")) == ("reg", "paragraph-rejoined")


# --- the source's reading: sic and orig give back the raw text ----------------


def gives_back_the_source(edition, *kinds: str) -> etree._Element:
    """The TEI of the edition, whose original readings give back its raw text without the removed layout;
    kinds: the repairs the text must hold (so that the round trip went through them)."""
    doc = tei_of(edition)
    made = {c[1].get("type") for c in doc.xpath("//t:choice", namespaces=NS)}
    assert {kind_token(k) for k in kinds} <= made, made
    assert printed(doc.find("t:text", NS)) == raw_without_removals(edition.source)
    return doc


def test_a_mended_hyphen_gives_back_the_printed_line_end():
    gives_back_the_source(convert("The organisations were many and their orga-\nnizations were strong and all over "
                                  "the place here.\nA hyphen kept at a line's end: lice-\nridden.\n", {"wrapping": "hard"}),
                          "hyphenation")


def test_a_joined_ligature_gives_back_the_broken_word():
    gives_back_the_source(convert("During the twenty-fi ve years the offi cials found it diffi cult to fl ock."),
                          "ligature")


def test_a_lost_dash_gives_back_the_words_run_together():
    gives_back_the_source(convert("The Sovietsformerly allies; Writings, 192939.", {"lost_dashes": True}),
                          "lost dash")


def test_a_paragraph_rejoined_over_a_page_gives_back_its_break_and_not_the_page_marker():
    edition = convert("The detachment came and with no\n\nPage 2\n\nwarning opened fire.", PAGED)
    assert [r.text for r in edition.source.removals] == ["Page 2"]
    gives_back_the_source(edition, "paragraph rejoined")


def test_a_superscript_reference_is_written_as_printed_and_its_notes_where_printed():
    layout = {"headings": {"strategies": ["first-line-title"], "notes": "Notes"}, "notes": {}}
    edition = convert("Title\n\nA claim.¹ Another, ⁽³⁾ set apart.\n\nNotes\n\n1. First note.\n\n"
                      "2. A note nothing refers to.\n\n3. Third note.", layout)
    doc = gives_back_the_source(edition, "superscripts")
    refs = doc.xpath("//t:ref[@type='noteref']", namespaces=NS)
    assert [(r.get("n"), r.text) for r in refs] == [("1", "¹"), ("3", "³")]
    assert [n.get("n") for n in doc.xpath("//t:note[not(@resp)]", namespaces=NS)] == ["1", "2", "3"]
    assert reading(doc.find("t:text", NS)) == "Title A claim. Another, set apart. Notes"


def test_a_displaced_reference_gives_back_where_it_was_printed():
    text = ("They fled to Riga.\n\n5\n\nThe next paragraph.\n\nI was born in the Ukraine.\n\n"
            "¹ At the time I was young.\n\nIt had amusing consequences.\n\n⁶⁾ It was for years.")
    doc = gives_back_the_source(convert(text, {"displaced_references": True}), "note reference", "superscripts")
    moved = [c for c in doc.xpath("//t:choice", namespaces=NS) if c[1].get("type") == "note-reference"]
    # the original reading is the paragraph break and the number as printed, as the header says
    assert [([local(x) for x in c[0]], printed(c[0])) for c in moved] == [
        (["milestone"], "5"), (["milestone"], "¹"), (["milestone"], "⁶⁾")]
    words = " ".join(doc.xpath("//t:item[@n='note-reference']/text()", namespaces=NS))
    assert "milestone of unit paragraph" in words and "empty" not in words
    assert reading(doc.find("t:text", NS)) == ("They fled to Riga. The next paragraph. I was born in the Ukraine. "
                                               "At the time I was young. It had amusing consequences. It was for years.")


def test_a_heading_number_printed_without_a_full_stop_has_it_supplied():
    layout = {"headings": {"strategies": ["chapter-number", "all-caps"]}}
    doc = gives_back_the_source(convert("8\n\nHOW DID STALIN RULE?\n\nLet us start.", layout), "headings")
    (head,) = doc.xpath("//t:head", namespaces=NS)
    assert reading(head) == "8. How Did Stalin Rule?" and head.findtext("t:supplied", namespaces=NS) == "."
    doc = gives_back_the_source(convert("8.\n\nHOW DID STALIN RULE?\n\nLet us start.", layout), "headings")
    assert doc.xpath("//t:supplied", namespaces=NS) == []


# --- the editor's entries (corrections.yml) -----------------------------------

ESSAY = ("A Short Essay\n\n"
         "Vladimir Illych Ulvanov met Sergei Kirov in the years 192939, as page 41819 of the memoir says.\n\n"
         "The PanRussian congress met at last. A paragraph to end.\n")


def corrected(corrections: str):
    """The essay converted as it would be with sources/<slug>/corrections.yml holding these entries."""
    source = make_source(ESSAY, {"lost_dashes": True, **TITLED})
    source.corrections = parse(corrections)
    return convert_source(source, Lexicon([ESSAY]))


def test_the_editors_entries_are_encoded_with_their_ids_and_resp_editor(tei_schema):
    found = {e.original: e.id for e in corrected("[]").emendations}  # as the editorial notes list them
    edition = corrected(f"""
- replace: {{find: Vladimir Illych Ulvanov, with: Vladimir Ilyich Ulyanov, note: the author's misspelling}}
  by: JD
- replace: {{find: Sergei Kirov, with: Sergey Kirov, kind: sic, note: as the memoir spells it}}
- accept: {found['41819']}
- reject: {found['PanRussian']}
- reject: {found['192939']}
- comment: {{at: congress met, note: The Fifth Congress of Soviets.}}
""")
    ids = {e.original if e.kind != "comment" else "comment": e.id for e in edition.emendations}
    doc = tei_of(edition)
    assert tei_schema.validate(doc), tei_schema.error_log
    assert local(by_id(doc, "#editor")) == "name"  # resp="#editor" names the header's respStmt

    name = by_id(doc, "#" + ids["Vladimir Illych Ulvanov"])
    assert (local(name), name.get("resp")) == ("choice", "#editor")
    assert choices(name.getparent())[0] == ("sic", "Vladimir Illych Ulvanov", "corr:correction",
                                            "Vladimir Ilyich Ulyanov")
    (said,) = doc.xpath("//t:note[@target=$t]", t="#" + name.get(XML_ID), namespaces=NS)
    assert said.get("resp") == "#editor" and said.text == "The author's misspelling. (JD)"

    kept = by_id(doc, "#" + ids["Sergei Kirov"])  # printed as the source has it
    assert (local(kept), local(kept.getparent()), kept.text) == ("sic", "p", "Sergei Kirov")
    (reads,) = doc.xpath("//t:note[@type='correction'][@target=$t]", t="#" + kept.get(XML_ID), namespaces=NS)
    assert "Sergey Kirov" in reads.text and kept.getnext() is reads

    accepted = by_id(doc, "#" + ids["41819"])
    assert (local(accepted), accepted.get("resp"), accepted.get("ana")) == ("choice", "#editor", "#rule.lost_dashes")
    assert "corrections.yml" in by_id(doc, name.get("ana")).findtext("t:catDesc", namespaces=NS)
    assert [reading(x, choose=("sic", "corr")) for x in accepted] == ["41819", "418–19"]
    for original, status in (("PanRussian", "rejected"), ("192939", "reverted")):
        decision = by_id(doc, "#" + ids[original])
        assert (local(decision), decision.get("type"), decision.get("subtype"), decision.get("resp")) == (
            "note", "decision", status, "#editor")

    comment = by_id(doc, "#" + ids["comment"])
    assert (comment.get("type"), comment.get("n"), comment.get("resp")) == ("comment", "Ed. 1", "#editor")
    assert comment.text == "The Fifth Congress of Soviets."
    assert reading(comment.getparent(), until=comment) == "The PanRussian congress met"

    body = reading(doc.find("t:text", NS))
    assert body == ("A Short Essay Vladimir Ilyich Ulyanov met Sergei Kirov in the years 192939, as page 418–19 "
                    "of the memoir says. The PanRussian congress met at last. A paragraph to end.")
    assert apparatus(doc) == {e.id: encoding({"kind": e.kind, "status": e.status, "original": e.original,
                                              "reading": e.reading}) for e in edition.emendations}
    assert printed(doc.find("t:text", NS)) == " ".join(ESSAY.split())  # the editor's sic is the source's words


# --- persons and terms -----------------------------------------------------


REGISTERS = Enrichment({
    "persons": [Person("stalin", "Iosif Stalin", variants=["Stalin", "Koba"], born=1878, died=1953,
                       description="General Secretary.")],
    "glossary": [Term("politburo", "Politburo", "The party's political bureau.")],
    "places": [Place("tbilisi", "Tbilisi", "city", "Capital of Georgia.", variants=["Tiflis"], country="Georgia",
                     coordinates=[41.72, 44.79])]})


def test_mentions_point_to_the_register_entries_listed_in_the_back():
    doc = tei("Title\n\nStalin spoke to the Politburo.", TITLED, REGISTERS)
    (name,) = doc.xpath("//t:body//t:persName", namespaces=NS)
    (term,) = doc.xpath("//t:body//t:term", namespaces=NS)
    assert (name.text, term.text) == ("Stalin", "Politburo")
    person, item = by_id(doc, name.get("ref")), by_id(doc, term.get("ref"))
    assert local(person) == "person" and local(person.getparent()) == "listPerson"
    assert local(item) == "item" and local(item.getparent()) == "list"
    assert person.getparent().getparent().get("type") == "registers"
    assert person.get("corresp") == "persons.xml" + name.get("ref")
    assert item.get("corresp") == "glossary.xml" + term.get("ref")
    assert [(n.text, n.get("type")) for n in person.findall("t:persName", NS)] == [
        ("Iosif Stalin", None), ("Stalin", "variant"), ("Koba", "variant")]
    assert [item.findtext("t:term", namespaces=NS), item.findtext("t:gloss", namespaces=NS)] == [
        "Politburo", "The party's political bureau."]


def test_a_place_is_a_placename_pointing_to_its_place_in_listplace():
    doc = tei("Title\n\nStalin was born near Tiflis.", TITLED, REGISTERS)
    (name,) = doc.xpath("//t:body//t:placeName", namespaces=NS)
    place = by_id(doc, name.get("ref"))
    assert name.text == "Tiflis" and local(place) == "place" and local(place.getparent()) == "listPlace"
    assert place.get("corresp") == "places.xml" + name.get("ref") and place.get("type") == "city"
    assert [(n.text, n.get("type")) for n in place.findall("t:placeName", NS)] == [("Tbilisi", None), ("Tiflis", "variant")]
    assert place.findtext("t:location/t:geo", namespaces=NS) == "41.72 44.79"
    assert place.findtext("t:country", namespaces=NS) == "Georgia"


def test_a_register_document_holds_every_entry_with_its_dates():
    doc = etree.fromstring(register_document("persons", REGISTERS.persons).encode("utf-8"))
    person = by_id(doc, "#person.stalin")
    assert person.find("t:birth", NS).get("when") == "1878" and person.find("t:death", NS).get("when") == "1953"
    assert person.findtext("t:note", namespaces=NS) == "General Secretary."
    doc = etree.fromstring(register_document("glossary", REGISTERS.terms).encode("utf-8"))
    assert by_id(doc, "#term.politburo").findtext("t:term", namespaces=NS) == "Politburo"


def test_an_unmentioned_entry_is_not_listed_in_a_source():
    doc = tei("Title\n\nNobody spoke.", TITLED, REGISTERS)
    assert doc.xpath("//t:person | //t:item | //t:persName[@ref]", namespaces=NS) == []


# --- escaping --------------------------------------------------------------


def test_markup_characters_of_the_source_are_text():
    source = make_source('Title\n\nFish & <b>"chips"</b> ]]> cost 5 < 6.', TITLED,
                         title='Fish & "Chips" <i>x</i>')
    doc = tei_of(convert_source(source))
    assert reading(doc.find("t:text", NS)) == 'Title Fish & <b>"chips"</b> ]]> cost 5 < 6.'
    assert doc.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=NS) == 'Fish & "Chips" <i>x</i>'


# --- the five sources --------------------------------------------------------


@pytest.fixture(scope="module")
def five(tmp_path_factory):
    """The five sources converted and written; their TEI files by name, and the editions."""
    docs = tmp_path_factory.mktemp("tei") / "docs"
    report = convert_all(ROOT, docs, keep_editions=True)
    return docs, report


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    assert SCHEMA.is_file(), f"{SCHEMA}: the TEI P5 schema (tei_all.rng) belongs in shared/schemas beside the checkout"
    return etree.RelaxNG(etree.parse(str(SCHEMA)))  # compiled once per test run: it takes seconds


def test_every_source_and_register_is_valid_tei_p5(five, tei_schema):
    docs, _ = five
    folder = docs / "data" / "tei"
    expected = {f"{s.slug}.xml" for s in read_sources(ROOT)} | {"persons.xml", "glossary.xml", "places.xml"}
    assert {p.name for p in folder.iterdir()} == expected
    for name in sorted(expected):
        doc = etree.parse(str(folder / name))
        assert tei_schema.validate(doc), f"{name}: " + "; ".join(
            f"line {e.line}: {e.message}" for e in list(tei_schema.error_log)[:5])
        # the schema does not follow pointers: each inside the document (@ana: the rule that made an entry)
        # leads to an element of it
        ids = {e.get(XML_ID) for e in doc.iter() if e.get(XML_ID)}
        dangling = [(e.sourceline, v) for e in doc.iter() for attr in ("ref", "target", "resp", "ana")
                    if (v := e.get(attr)) and v.startswith("#") and v[1:] not in ids]
        assert not dangling, f"{name}: {dangling[:5]}"


def test_the_reading_of_each_document_is_the_plain_text_export(five):
    docs, report = five
    for edition in report.editions:
        slug = edition.source.slug
        doc = etree.parse(str(docs / "data" / "tei" / f"{slug}.xml")).getroot()
        plain = " ".join((docs / "data" / "text" / f"{slug}.txt").read_text(encoding="utf-8").split())
        assert reading(doc.find("t:text", NS)) == plain, slug


def test_the_original_readings_of_each_document_are_the_raw_text_without_its_layout(five):
    """The converse of the reading: sic and orig give back the raw text, less exactly the lines (or phrases)
    the audit counts as removed layout."""
    docs, report = five
    for edition in report.editions:
        slug = edition.source.slug
        doc = etree.parse(str(docs / "data" / "tei" / f"{slug}.xml")).getroot()
        source, tei_words = raw_without_removals(edition.source), printed(doc.find("t:text", NS))
        if source != tei_words:
            at = next(i for i, (a, b) in enumerate(zip(source + "\0", tei_words + "\0")) if a != b)
            pytest.fail(f"{slug}: the source reads {source[at - 60:at + 60]!r}, the TEI {tei_words[at - 60:at + 60]!r}")


def apparatus(doc) -> dict[str, str]:
    """The entries of the apparatus a TEI document holds: id -> how it is encoded."""
    found = {}
    notes = " or ".join(f"@type = '{t}'" for t in ("review", "decision", "comment", "apparatus"))
    for e in doc.xpath(f"//t:choice | //t:sic[not(parent::t:choice)] | //t:note[{notes}]", namespaces=NS):
        key = e.get(XML_ID)
        assert key not in found, key
        found[key] = local(e) + (f":{e.get('type')}" if local(e) == "note" else "")
    return found


def encoding(record: dict) -> str:
    """How the TEI encodes an entry of emendations.json."""
    if record["kind"] == "comment":
        return "note:comment"
    status, changed = record["status"], record["original"] != record["reading"]
    if status == "applied" or (status == "accepted" and changed):
        return "choice"
    return {"sic": "sic", "review": "note:review"}.get(status, "note:decision")


def test_pages_names_and_choices_are_counted_as_the_site_counts_them(five):
    docs, report = five
    records = json.loads((docs / "data" / "emendations.json").read_text(encoding="utf-8"))
    anchors = (docs / "data" / "anchors.txt").read_text(encoding="utf-8").splitlines()
    for edition in report.editions:
        slug = edition.source.slug
        doc = etree.parse(str(docs / "data" / "tei" / f"{slug}.xml")).getroot()
        count = lambda path: len(doc.xpath(path, namespaces=NS))
        pages = sum(1 for line in anchors if line.startswith(f"{slug}/") and "#p-" in line.split(" ")[0])
        assert count("//t:text//t:pb") == pages, slug
        links = [m for b in edition.all_blocks() for row in (b.rows if b.kind == "table" else [[b]])
                 for cell in row for m in cell.marks if isinstance(m, Link) and m.register == "persons"]
        assert count("//t:text//t:persName[@ref][not(ancestor::t:div[@type='registers'])]") == len(links), slug
        entries = [r for r in records if r["source"] == slug]
        assert apparatus(doc) == {r["id"]: encoding(r) for r in entries}, slug
        assert count("//t:note[@type='apparatus']") == 0, slug  # every repair found its place


def test_the_offline_bundle_carries_the_tei_and_each_page_links_it(unpacked):
    folder = unpacked / "data" / "tei"
    for source in read_sources(ROOT):
        doc = etree.parse(str(folder / f"{source.slug}.xml")).getroot()
        assert doc.tag == f"{{{TEI_NS}}}TEI"
        for page in (unpacked / source.slug).glob("*.html"):
            html = etree.parse(str(page), etree.HTMLParser()).getroot()
            cite = html.xpath("//p[@class='edition-cite__tei']/a/@href")  # the cite box's "Download TEI"
            links = set(html.xpath("//article//a/@href")) | set(cite)
            assert cite and f"../data/tei/{source.slug}.xml" in links, page
            assert all((page.parent / href).resolve() == (folder / f"{source.slug}.xml").resolve()
                       for href in links if "/tei/" in href), page
    assert (folder / "persons.xml").is_file() and (folder / "glossary.xml").is_file()


def test_the_digest_of_the_inputs_covers_every_field_of_every_register_entry():
    """The revisionDesc's sha256 names what the conversion read; an entry is read whole, as
    dataclasses.asdict gives it (the digests published so far are kept)."""
    import dataclasses
    import hashlib

    from build_tools.write.tei import input_digest

    edition = convert("A line of text.\n")
    person = Person("stalin", "Stalin", variants=["Džugašvili"], born=1878)
    registers = {"persons": [person], "glossary": [Term("nkvd", "NKVD", "The police.")]}
    digest = input_digest(edition, registers)
    expected = hashlib.sha256(edition.source.text.encode("utf-8"))
    expected.update(json.dumps({"bibliography": edition.source.meta, "layout": edition.source.layout},
                               sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    for name in sorted(registers):
        expected.update(json.dumps([name, [dataclasses.asdict(e) for e in registers[name]]], sort_keys=True,
                                   ensure_ascii=False, default=str).encode("utf-8"))
    assert digest == expected.hexdigest()
    for change in ({"variants": ["Dzhugashvili"]}, {"born": 1879}, {"description": "General Secretary."}):
        changed = {**registers, "persons": [dataclasses.replace(person, **change)]}
        assert input_digest(edition, changed) != digest
