"""Notes, references, citations and the printed index, linked both ways."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.model import Link, NoteRef
from tests.util import blocks, convert

BAZHANOV, HARRIS, LEWIN, HELLERMAN = ("bazhanov-damnation-of-stalin", "harris-stalin-and-stalinism",
                                      "lewin-soviet-century", "hellerman-revolution-from-above")


@pytest.fixture(scope="module")
def notes(built_docs):
    return {x["source"]: x for x in json.loads((built_docs / "data" / "notes.json").read_text())}


class Anchors(HTMLParser):
    """ids and links of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (href, class)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append((a["href"], a.get("class", "")))


def parse(path: Path) -> Anchors:
    p = Anchors()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_counts_meet_the_promise(notes):
    b = notes[BAZHANOV]
    assert b["notes"] == 257 and b["linked_pairs"] >= 250
    assert all(n["url"] and n["id"] for n in b["notes_without_references"])
    h = notes[HARRIS]
    assert h["notes"] == 47 and h["linked_pairs"] == 47 and h["references"] == 47
    lw = notes[LEWIN]
    assert lw["references"] == 5 and lw["notes"] == 0 and len(lw["references_without_notes"]) == 5


def test_every_printed_note_is_published(built_docs):
    md = "\n".join(p.read_text() for p in (built_docs / BAZHANOV).glob("*.md"))
    defined = set(re.findall(r"^\[\^([\w-]+)\]: ", md, re.M)) | set(re.findall(r'<a class="note" id="fn:([\w-]+)"', md))
    assert len(defined) == 257


def test_footnote_references_and_back_links_meet_in_the_built_html(unpacked):
    for slug in (BAZHANOV, HARRIS, LEWIN):
        for page in (unpacked / slug).glob("*.html"):
            html = parse(page)
            refs = [h for h, c in html.links if "footnote-ref" in c]
            backs = [h for h, c in html.links if "footnote-backref" in c]
            for href in refs + backs:
                assert href.startswith("#") and href[1:] in html.ids, (page.name, href)
            # every reference has a back-link from its note, and the other way round
            assert {h[1:].replace("fn:", "") for h in refs} == {h[1:].split(":", 1)[1] for h in backs if ":" in h}, page.name
    lewin = (unpacked / LEWIN / "index.html").read_text()
    assert lewin.count("the text of note") == 5


def test_a_note_without_reference_is_still_published_and_listed(built_docs, notes):
    (orphan,) = notes[BAZHANOV]["notes_without_references"]
    page, anchor = orphan["url"].split("#")
    assert f'id="{anchor}"' in (built_docs / page.replace(".html", ".md")).read_text()
    records = json.loads((built_docs / "data" / "emendations.json").read_text())
    assert any(r["kind"] == "note without reference" and r["source"] == BAZHANOV for r in records)


def test_every_parenthetical_citation_links_to_works_cited(built_docs):
    md = (built_docs / HELLERMAN / "index.md").read_text()
    raw = (Path(__file__).parents[1] / "sources" / HELLERMAN / "raw.txt").read_text()
    cited = re.findall(r"\((?:Kort|Lenin)[^()]*\d\)", raw)
    assert len(cited) == 17
    linked = re.findall(r"\[(\((?:Kort|Lenin)[^]]*\))\]\(index\.md#(para-works-cited-\d)\)", md)
    assert len(linked) == len(cited)
    by_text = dict(linked)
    assert by_text["(Lenin, “What is to be Done,” 16)"] != by_text["(Lenin, “State and Revolution,” 21)"]


def test_printed_index_locators_resolve_to_existing_anchors(unpacked, notes):
    index = unpacked / BAZHANOV / "book-index.html"
    links = [h for h, _ in parse(index).links if re.search(r"#(p-|fn:)", h)]
    assert len(links) > 400
    cache: dict[str, set[str]] = {}
    for href in links:
        page, _, anchor = href.partition("#")
        if not anchor:
            continue
        ids = cache.setdefault(page, parse(unpacked / BAZHANOV / (page or index.name)).ids)
        assert anchor in ids, href
    unlinked = notes[BAZHANOV]["index_locators_not_linked"]
    assert len(unlinked) <= 5 and all(u["reason"] for u in unlinked)


def test_cross_references_link_chapters_and_pages(built_docs):
    md = "\n".join(p.read_text() for p in (built_docs / BAZHANOV).glob("*.md"))
    assert "[chapter 3](03-secretary-of-the-orgburo.md#secretary-of-the-orgburo), [p. 25](" in md
    assert "*The Storm Petrels* (chapter 4)" in md  # another book's chapter is not ours


# --- the rules on small texts -----------------------------------------------

GROUPED = {"divisions": "chapters", "headings": {"strategies": ["contents"]}, "pages": {"marker": r"Page (?P<label>\d+)"},
           "notes": {"heading": "Notes", "groups": "Chapter [A-Z][a-z]+", "number": r"(\d{1,3})\.\s"},
           "displaced_references": True}


def test_references_are_matched_to_notes_of_their_own_chapter():
    text = ("Contents\n\n1. One\n2. Two\n\nNotes\n\nPage 1\n\n1.\n\nOne\n\nA claim.¹ Another.²\n\n2.\n\nTwo\n\nA third.¹\n\n"
            "Notes\n\nChapter One\n\n1. First note of one.\n\n2. Second note of one.\n\nChapter Two\n\n1. First note of two.\n\n2. Lonely note.")
    ed = convert(text, GROUPED)
    one, two = ed.divisions[1], ed.divisions[2]
    assert [n.id for n in one.notes] == ["ch01-1", "ch01-2"]
    assert [n.id for n in two.notes] == ["ch02-1"] and [n.id for n in two.unreferenced_notes] == ["ch02-2"]
    assert [(r.number, r.note) for r in two.blocks[1].of(NoteRef)] == [("1", "ch02-1")]


def test_glued_references_follow_the_sequence_and_skip_years():
    layout = {"headings": {"strategies": ["title-lines"]},
              "notes": {"heading": "Notes:", "number": r"\((\d{1,3})\)\s", "references": "glued"}}
    text = ("Title\n\nIn 1935 the action.1 On 18 September it was his own,2 but in 1941 not.\n\n"
            "Notes:\n\n(1) One.\n\n(2) Two.")
    ed = convert(text, layout)
    body = blocks(ed)[1]
    assert [r.number for r in body.of(NoteRef)] == ["1", "2"]
    assert "On 18 September" in body.text and "1935" in body.text


def test_a_reference_whose_note_is_absent_gets_an_editorial_note():
    ed = convert("It was so.3 And so.4", {"notes": {"references": "glued", "absent": True}})
    (d,) = ed.divisions
    assert [n.missing_text for n in d.notes] == [True, True]
    assert [e.kind for e in ed.emendations] == ["reference without note"] * 2


def test_a_superscript_after_a_year_in_a_note_is_a_date_range():
    text = "Title\n\nA claim.¹\n\nNotes\n\n1. He led the party from 1908¹⁷ and again in 1920⁰⁵."
    ed = convert(text, {"headings": {"strategies": ["first-line-title"], "notes": "Notes"}, "notes": {}})
    (note,) = [n for d in ed.divisions for n in d.notes]
    assert note.blocks[0].text == "1. He led the party from 1908–17 and again in 1920."
    assert [r.number for r in note.blocks[0].of(NoteRef)] == ["05"]  # not a range: 05 is before 20


def test_a_superscript_bracket_belongs_to_its_reference():
    text = "It had consequences.⁶⁾ It was so.\n\nNotes\n\n6. The note."
    ed = convert(text, {"notes": {}})
    b = blocks(ed)[0]
    assert b.text == "It had consequences. It was so." and [r.number for r in b.of(NoteRef)] == ["6"]
    assert [(e.original, e.reading) for e in ed.emendations if e.kind == "superscripts"] == [("⁶⁾", "⁶")]


def test_every_shape_of_index_locator_is_read():
    from build_tools.structure.index_locators import entry_locators

    def read(line):
        return [line[i:i + len(m.group(0))] for i, m in entry_locators(line)]

    assert read("Andreeva, Alenka, 169-74 passim") == ["169-74"]
    assert read("and Trotsky, xii-xiii, 77, 114-23, 249 n3") == ["xii-xiii", "77", "114-23", "249 n3"]
    assert read("Bessedovsky, Grigori Z., defector, viii, 238 n2 and n5, 269 n4") == ["viii", "238 n2", "n5", "269 n4"]
    assert read("Chekist, xi passim onward (see Cheka)") == ["xi"]
    assert read("Sverdlov, German, 68-70, 184- 85") == ["68-70", "184- 85"]
    assert read('"Forty-six, declaration of the," 54-55') == ["54-55"]
    assert read("Koba, one of Stalin's 18 pseudonyms, 37") == ["37"]
    assert read("civil war, the") == [] and read("In fact: NKVD, 1934-46;") == []


def test_a_passim_or_roman_range_locator_links_to_its_first_page():
    layout = {"divisions": "chapters", "pages": {"marker": r"Page (?P<label>\d+|[ivxlc]+)"},
              "headings": {"strategies": ["contents"]}}
    text = ("Contents\n\nOne\nIndex\n\nPage xii\n\nOne\n\nText on xii.\n\nPage xiii\n\nMore.\n\nPage 4\n\nOn four.\n\n"
            "Index\n\nTrotsky, Lev, xii-xiii, 4 passim onward (see Lenin)")
    ed = convert(text, layout)
    index = ed.divisions[-1].blocks[-1]
    assert [(index.text[m.start:m.end], m.target) for m in index.of(Link)] == [("xii-xiii", "p-xii"), ("4", "p-4")]
    assert ed.source.unresolved_locators == []


@pytest.mark.parametrize("style, ref", [("parenthesised", "({n})"), ("bracketed", "[{n}]"), ("glued", "{n}")])
def test_references_in_each_printed_shape_are_taken_out_of_the_text(style, ref):
    layout = {"headings": {"strategies": ["title-lines"]}, "notes": {"heading": "Notes", "references": style}}
    r = lambda n: ref.format(n=n)  # noqa: E731
    text = (f"Title\n\nIn 1935 the action.{r(1)} On page 18 it was his own,{r(2)} but in 1941 not (3 times).\n\n"
            "Notes\n\n1. One.\n\n2. Two.")
    body = blocks(convert(text, layout))[1]
    assert [x.number for x in body.of(NoteRef)] == ["1", "2"]
    assert body.text == "In 1935 the action. On page 18 it was his own, but in 1941 not (3 times)."


def test_one_list_of_notes_is_numbered_through_the_chapters():
    layout = GROUPED | {"notes": {"heading": "Notes", "references": "glued"}}
    text = ("Contents\n\n1. One\n2. Two\n\nNotes\n\nPage 1\n\n1.\n\nOne\n\nA claim.1 Another.2 More.3 And.4\n\n2.\n\n"
            "Two\n\nA fifth.5 In 1941.\n\nNotes\n\n" + "\n\n".join(f"{n}. Note {n}." for n in range(1, 6)))
    ed = convert(text, layout)
    two = next(d for d in ed.divisions if d.title == "Two")
    assert [x.number for b in two.blocks for x in b.of(NoteRef)] == ["5"]  # 5 goes on from 4, not from 0
    assert [n.number for n in two.notes] == ["5"]  # published with the chapter that cites it
    assert not [e for e in ed.emendations if e.kind == "reference without note"]


def test_notes_not_parted_by_blank_lines_begin_at_the_next_number():
    line = "Fitzpatrick, the archive of the party (New Haven, 2012),"
    text = ("Title\n\nIt was claimed in the paper.1 So it was said by another.2 And so by a third one.3\n\nNotes\n\n"
            f"1. {line}\n26.\n2. Khlevniuk, the archive of the state (London, 2014), 203.\n3. Getty, 12.")
    ed = convert(text, {"wrapping": "hard", "headings": {"strategies": ["title-lines"]},
                        "notes": {"heading": "Notes", "references": "glued"}})
    (d,) = [d for d in ed.divisions if d.notes]
    assert [n.number for n in d.notes] == ["1", "2", "3"]
    assert d.notes[0].blocks[0].text.endswith("(New Haven, 2012), 26.")  # out of sequence: the note goes on
    assert not d.unreferenced_notes


def test_a_note_the_list_lost_does_not_cap_the_references_after_it():
    text = "Title\n\nIt was claimed in the paper.1 So it was said.2 And so by a third one.3\n\nNotes\n\n1. One.\n\n3. Three."
    ed = convert(text, {"headings": {"strategies": ["title-lines"]}, "notes": {"heading": "Notes", "references": "glued"}})
    body = blocks(ed)[1]
    assert [r.number for r in body.of(NoteRef)] == ["1", "2", "3"]
    assert [e.kind for e in ed.emendations] == ["reference without note"]


@pytest.mark.parametrize("style, item", [("parenthesised", "({n})"), ("bracketed", "[{n}]")])
def test_the_items_of_a_list_run_into_a_sentence_are_no_references(style, item):
    i = lambda n: item.format(n=n)  # noqa: E731
    text = (f"Title\n\nThe secretary prepared not only the agenda but also: {i(1)} all necessary documents; {i(2)} "
            f"the drafts of each decision.{i(1)} It was so.\n\nNotes\n\n1. One.")
    layout = {"headings": {"strategies": ["title-lines"]}, "notes": {"heading": "Notes", "references": style}}
    body = blocks(convert(text, layout))[1]
    assert [r.number for r in body.of(NoteRef)] == ["1"] and f"also: {i(1)} all" in body.text


def test_a_numbered_list_in_a_catalogue_record_is_no_glued_reference():
    text = ("Title\n\nSubjects: 1. Stalin, Joseph, 1879-1953. 2. Bazhanov, Boris. 3. Heads of state.\n\n"
            "It was claimed in the paper.1 So it was said by the party and its secretary.2 Then they met.\n\n"
            "Notes\n\n1. One.\n\n2. Two.")
    ed = convert(text, {"headings": {"strategies": ["title-lines"]}, "notes": {"heading": "Notes", "references": "glued"}})
    record, body = blocks(ed)[1:3]
    assert not record.of(NoteRef) and "1953. 2. Bazhanov" in record.text
    assert [r.number for r in body.of(NoteRef)] == ["1", "2"]
